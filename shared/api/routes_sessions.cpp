// One's own sessions (issue #11): the list (started, last used, browser), ending one or all the
// others, and a new password (which ends the others). Customers and agents alike.
#include <algorithm>

#include "api/router_impl.h"
#include "domain/account_rules.h"
#include "domain/text.h"
#include "time/iso8601.h"

namespace portal {

using nlohmann::json;

namespace {

// What the list shows for a session: never the token or its full hash.
std::string public_id(const Session& s) { return s.token_hash.substr(0, 16); }

const std::string& principal_id(const Principal& who) { return who.is_agent() ? who.agent.id : who.customer.id; }

}  // namespace

std::string session_browser(std::string_view user_agent) {
  std::string out;
  for (char c : user_agent.substr(0, 200))
    if (c >= 0x20 && c < 0x7f) out.push_back(c);
  return out;
}

HttpResponse Router::Impl::get_my_sessions(Call& call) {
  std::vector<Session> sessions;
  store.read([&](StoreTx& tx) { sessions = tx.sessions_of(principal_id(*call.who)); });
  json list = json::array();
  for (const Session& s : sessions) {
    if (s.expires_at <= call.now) continue;
    json& j = list.emplace_back();
    j["id"] = public_id(s);
    j["started_at"] = format_instant(s.created_at);
    j["last_used_at"] = format_instant(std::max(s.last_used_at, s.created_at));
    j["expires_at"] = format_instant(s.expires_at);
    j["browser"] = s.user_agent;
    j["current"] = s.token_hash == call.who->token_hash;
  }
  return json_response(200, {{"sessions", list}});
}

HttpResponse Router::Impl::delete_my_session(Call& call) {
  bool found = false;
  store.write([&](StoreTx& tx) {
    for (const Session& s : tx.sessions_of(principal_id(*call.who)))
      if (public_id(s) == call.params[0]) {
        tx.delete_session(s.token_hash);
        found = true;
      }
  });
  if (!found) throw PortalError(ErrorKind::kNotFound, "no session " + call.params[0] + " of yours", "id");
  return no_content();
}

HttpResponse Router::Impl::delete_my_other_sessions(Call& call) {
  int ended = 0;
  store.write([&](StoreTx& tx) {
    for (const Session& s : tx.sessions_of(principal_id(*call.who)))
      if (s.token_hash != call.who->token_hash) {
        tx.delete_session(s.token_hash);
        ++ended;
      }
  });
  return json_response(200, {{"ended", ended}});
}

HttpResponse Router::Impl::post_my_password(Call& call) {
  json body = parse_json_body(call.http);
  BodyReader in(body, {"current_password", "new_password"});
  const std::string current = in.text("current_password");
  const std::string next = in.text("new_password");
  if (auto problem = account_rules::password_size_problem(current, "current_password"))
    fail_validation("current_password", *problem);
  if (auto problem = account_rules::password_problem(next, "new_password")) fail_validation("new_password", *problem);
  const Principal& who = *call.who;
  const std::string& email = who.is_agent() ? who.agent.email : who.customer.email;
  // Guessing the password through this form counts like failed sign-ins (sign_in_guard.h).
  guard.before_login(email, call.http.peer, true, call.now);
  std::string stored;
  store.read([&](StoreTx& tx) {
    if (who.is_agent()) {
      if (auto a = tx.agent(who.agent.id)) stored = a->password_hash;
    } else if (auto c = tx.customer(who.customer.id)) {
      stored = c->password_hash;
    }
  });
  if (stored.empty() || !env.verify_password(current, stored)) {
    guard.login_failed(email, call.http.peer, call.now);
    fail_validation("current_password", "that is not your current password");
  }
  const std::string hash = env.hash_password(next);  // slow: outside the transaction
  int ended = 0;
  store.write([&](StoreTx& tx) {
    if (who.is_agent()) {
      auto a = tx.agent(who.agent.id);
      if (!a) throw PortalError(ErrorKind::kUnauthorized, "your account is gone; sign in again");
      a->password_hash = hash;
      tx.update_agent(*a);
    } else if (!tx.set_customer_password(who.customer.id, hash)) {
      throw PortalError(ErrorKind::kUnauthorized, "your account is gone; sign in again");
    }
    for (const Session& s : tx.sessions_of(principal_id(who)))
      if (s.token_hash != who.token_hash) {
        tx.delete_session(s.token_hash);
        ++ended;
      }
  });
  return json_response(200, {{"ended", ended}});
}

}  // namespace portal
