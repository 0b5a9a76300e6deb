// Accounts and subscriptions: register, sign in and out, /me, plan changes, packages, add-ons.
#include <algorithm>

#include "api/router_impl.h"
#include "api/views.h"
#include "domain/account_rules.h"
#include "domain/requests.h"
#include "domain/subscription.h"
#include "domain/text.h"
#include "time/iso8601.h"

namespace portal {

using nlohmann::json;

namespace {

using account_rules::normalise_email;

// The account rules (domain/account_rules.h) as a 422 naming the field.
void require(const char* field, const std::optional<std::string>& problem) {
  if (problem) fail_validation(field, *problem);
}

std::string base64url(const std::string& bytes) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    value = (value << 8) | c;
    bits += 8;
    while (bits >= 6) {
      out.push_back(a[(value >> (bits - 6)) & 63]);
      bits -= 6;
    }
  }
  if (bits > 0) out.push_back(a[(value << (6 - bits)) & 63]);
  return out;
}

// Running clocks of open requests tighten to the policies the company has now (see requests.h):
// after an upgrade, a package or an add-on, as GET /me/plan/preview shows beforehand.
void tighten_open_requests(StoreTx& tx, const Catalog& catalog, const Company& company, Instant now) {
  const auto policies = applicable_policies(catalog, company, now);
  RequestQuery q;
  q.company_id = company.id;
  q.statuses = {RequestStatus::kNew, RequestStatus::kOpen, RequestStatus::kPending};
  q.limit = 100000;
  for (const Request& summary : tx.list_requests(q).requests)
    if (auto r = tx.request(summary.id); r && apply_policies_to_open_clocks(*r, policies, now)) tx.update_request(*r);
}

// What buying `offer` now costs for the rest of the billing month (the preview and the purchase).
json charge_now_json(const Company& company, const Offer& offer, Instant now) {
  return money_json(prorated_cents(company, offer.price.amount_cents, now), offer.price.currency);
}

// Takes the package or add-on `id` off the company's `list`; 404 when it has none such.
void remove_offer(std::vector<std::string>& list, const std::string& id, const char* what) {
  auto it = std::find(list.begin(), list.end(), id);
  if (it == list.end())
    throw PortalError(ErrorKind::kNotFound, std::string("you do not have the ") + what + " " + id, "id");
  list.erase(it);
}

}  // namespace

HttpResponse Router::Impl::post_register(Call& call) {
  json body = parse_json_body(call.http);
  BodyReader in(body, {"email", "password", "name", "company"});
  const std::string email = normalise_email(in.text("email"));
  const std::string password = in.text("password");
  const std::string name = in.text("name");
  const std::string company_name = in.text("company");
  require("email", account_rules::email_problem(email, "email"));
  require("password", account_rules::password_problem(password, "password"));
  require("name", account_rules::name_problem(name, "name", account_rules::kMaxPersonNameChars));
  require("company", account_rules::name_problem(company_name, "company", account_rules::kMaxCompanyNameChars));
  guard.before_register(call.http.peer, catalog.quotas.registrations_per_address_per_10_minutes, call.now);

  const std::string password_hash = env.hash_password(password);  // slow: outside the transaction
  const std::string token = base64url(env.random_bytes(32));
  Customer customer;
  Company company;
  store.write([&](StoreTx& tx) {
    company = Company{};
    company.id = new_id("co");
    company.name = company_name;
    company.plan = "basic";
    company.customer_since = call.now;
    start_period(company, call.now);
    customer = Customer{new_id("cu"), company.id, email, name, password_hash, call.now};
    if (!tx.insert_customer(customer))
      throw PortalError(ErrorKind::kConflict, "this email is already registered; sign in instead", "email",
                        "email_taken");
    tx.put_company(company);
    Session session{env.hash_token(token), PrincipalKind::kCustomer, customer.id, call.now,
                    call.now + catalog.session_ttl_days * kSecondsPerDay};
    session.last_used_at = call.now;
    session.user_agent = session_browser(call.http.header("User-Agent"));
    tx.put_session(session);
  });
  return json_response(201, {{"token", token}, {"customer", customer_json(customer, company)}});
}

HttpResponse Router::Impl::post_login(Call& call) {
  json body = parse_json_body(call.http);
  BodyReader in(body, {"email", "password"});
  const std::string email = normalise_email(in.text("email"));
  const std::string password = in.text("password");
  // Lengths first: nothing oversized reaches the throttle tables or the hash.
  if (email.size() > account_rules::kMaxEmailBytes) fail_validation("email", "email must be at most 254 characters");
  require("password", account_rules::password_size_problem(password, "password"));
  const std::string& peer = call.http.peer;
  const bool known_device = guard.device_valid(call.http.header("Cookie"), email, call.now);
  guard.before_login(email, peer, known_device, call.now);

  std::optional<Customer> customer;
  std::optional<Agent> agent;
  std::optional<Company> company;
  store.read([&](StoreTx& tx) {
    customer = tx.customer_by_email(email);
    if (customer) company = tx.company(customer->company_id);
    else agent = tx.agent_by_email(email);
  });
  const std::string& hash = customer ? customer->password_hash : agent ? agent->password_hash : dummy_password_hash();
  const bool ok = env.verify_password(password, hash) && (customer || agent);
  if (!ok || (customer && !company)) {
    guard.login_failed(email, peer, call.now);
    throw PortalError(ErrorKind::kUnauthorized, "wrong email or password", "password", "bad_credentials");
  }
  guard.login_succeeded(email, peer);
  const std::string token = base64url(env.random_bytes(32));
  Session session{env.hash_token(token), customer ? PrincipalKind::kCustomer : PrincipalKind::kAgent,
                  customer ? customer->id : agent->id, call.now, call.now + catalog.session_ttl_days * kSecondsPerDay};
  session.last_used_at = call.now;
  session.user_agent = session_browser(call.http.header("User-Agent"));
  store.write([&](StoreTx& tx) {
    tx.purge_expired_sessions(call.now);  // the server's purge: every sign-in sweeps the expired
    tx.put_session(session);
  });
  HttpResponse out =
      customer ? json_response(
                     200, {{"token", token}, {"customer", customer_json(*customer, *company)}, {"role", "customer"}})
               : json_response(200, {{"token", token}, {"agent", agent_json(*agent)}, {"role", "agent"}});
  // The device cookie: this browser signed in to this account (sign_in_guard.h). The HTTP layer
  // adds "; Secure" when it serves HTTPS.
  out.headers.push_back(
      {"Set-Cookie", std::string(SignInGuard::kDeviceCookie) + "=" + guard.device_token(email, call.now) +
                         "; Path=/api/v1/auth; Max-Age=" + std::to_string(SignInGuard::kDeviceCookieSeconds) +
                         "; HttpOnly; SameSite=Strict"});
  return out;
}

HttpResponse Router::Impl::post_logout(Call& call) {
  store.write([&](StoreTx& tx) { tx.delete_session(call.who->token_hash); });
  return no_content();
}

HttpResponse Router::Impl::get_me(Call& call) {
  if (call.who->is_agent()) return json_response(200, {{"role", "agent"}, {"agent", agent_json(call.who->agent)}});
  json body;
  // A read unless the billing period rolls or the manager changes: reads never queue behind the
  // writer (a write flood must not slow /me).
  bool needs_write = false;
  store.read([&](StoreTx& tx) {
    auto stored = tx.company(call.who->customer.company_id);
    if (!stored) throw PortalError(ErrorKind::kUnauthorized, "your account has no company; sign in again");
    Company company = *stored;
    const Plan* plan = catalog.plan_for_tier(effective_tier(catalog, company, call.now).tier);
    const bool wants_manager = plan && plan->personal_manager;
    if (roll_period(catalog, company, call.now) || wants_manager == company.manager_id.empty()) {
      needs_write = true;
      return;
    }
    body = me_body(tx, *call.who, company, call.now);
  });
  if (!needs_write) return json_response(200, body);
  store.write([&](StoreTx& tx) {
    Company company = load_company(tx, *call.who, call.now);
    ensure_manager(tx, company, call.now);
    body = me_body(tx, *call.who, company, call.now);
  });
  return json_response(200, body);
}

HttpResponse Router::Impl::post_me_plan(Call& call) {
  const Principal& who = customer_only(call);
  json body = parse_json_body(call.http);
  BodyReader in(body, {"plan"});
  const std::string plan = in.text("plan");
  json out;
  store.write([&](StoreTx& tx) {
    Company company = load_company(tx, who, call.now);
    const PlanChange change = quote_plan_change(catalog, company, plan, call.now);
    apply_plan_change(catalog, company, change);
    tx.put_company(company);
    ensure_manager(tx, company, call.now);
    if (change.kind == "upgrade") tighten_open_requests(tx, catalog, company, call.now);
    out = me_body(tx, who, company, call.now);
    out["change"] = plan_change_json(change);
  });
  return json_response(200, out);
}

// What a plan change (or a package/add-on) would do before the customer confirms: the price and
// each open request's current and new deadlines, from the same engine.
HttpResponse Router::Impl::get_me_plan_preview(Call& call) {
  const Principal& who = customer_only(call);
  const std::string plan = call.query.get("plan");
  const std::string package = call.query.get("package");
  const std::string addon = call.query.get("addon");
  if (plan.empty() && package.empty() && addon.empty())
    throw PortalError(ErrorKind::kBadRequest, "give plan, package or addon to preview", "plan", "bad_request");
  json out;
  store.read([&](StoreTx& tx) {
    Company company = who.company;
    Company after = company;
    json change = nullptr;
    if (!plan.empty()) {
      PlanChange c = quote_plan_change(catalog, company, plan, call.now);
      if (c.kind == "upgrade") after.plan = c.to_plan;
      change = plan_change_json(c);
    }
    if (!package.empty()) {
      const Offer* o = catalog.find_package(package);
      if (!o) fail_validation("package", "unknown package \"" + package + "\"");
      after.packages.push_back(o->id);
      change = {{"kind", "package"}, {"charge_now", charge_now_json(company, *o, call.now)}};
    }
    if (!addon.empty()) {
      const Offer* o = catalog.find_addon(addon);
      if (!o) fail_validation("addon", "unknown add-on \"" + addon + "\"");
      after.addons.push_back(o->id);
      change = {{"kind", "addon"}, {"charge_now", charge_now_json(company, *o, call.now)}};
    }
    const auto policies = applicable_policies(catalog, after, call.now);
    RequestQuery q;
    q.company_id = company.id;
    q.statuses = {RequestStatus::kNew, RequestStatus::kOpen, RequestStatus::kPending};
    q.limit = 1000;
    json requests = json::array();
    for (const Request& summary : tx.list_requests(q).requests) {
      Request r = summary;
      const auto before_due = r.next_due();
      apply_policies_to_open_clocks(r, policies, call.now);
      const auto after_due = r.next_due();
      if (!before_due) continue;
      json& item = requests.emplace_back();
      item["id"] = r.id;
      item["number"] = r.number;
      item["subject"] = r.subject;
      item["severity"] = r.severity;
      item["clock"] = r.first_response.met_at ? "follow_up" : "first_response";
      item["current_due"] = format_instant(*before_due);
      item["new_due"] = format_instant(after_due.value_or(*before_due));
      item["earlier_by_minutes"] = (*before_due - after_due.value_or(*before_due)) / 60;
    }
    out["change"] = std::move(change);
    out["effective_tier"] = effective_tier(catalog, after, call.now).tier;
    out["requests"] = std::move(requests);
  });
  return json_response(200, out);
}

HttpResponse Router::Impl::post_me_addon(Call& call) {
  const Principal& who = customer_only(call);
  json body = parse_json_body(call.http);
  BodyReader in(body, {"addon"});
  const std::string id = in.text("addon");
  const Offer* offer = catalog.find_addon(id);
  if (!offer) fail_validation("addon", "unknown add-on \"" + id + "\"");
  json out;
  store.write([&](StoreTx& tx) {
    Company company = load_company(tx, who, call.now);
    check_can_buy(catalog, company, *offer, true, call.now);
    if (offer->id == "dedicated_agent") {
      auto agent = least_loaded_agent(tx, Level::kL2);
      if (!agent)
        throw PortalError(ErrorKind::kConflict,
                          "no agent is free to become your dedicated agent; please try again later", "addon",
                          "no_agent");
      company.dedicated_agent_id = agent->id;
    }
    company.addons.push_back(offer->id);
    tx.put_company(company);
    tighten_open_requests(tx, catalog, company, call.now);
    out = me_body(tx, who, company, call.now);
    out["charge_now"] = charge_now_json(company, *offer, call.now);
  });
  return json_response(200, out);
}

HttpResponse Router::Impl::delete_me_addon(Call& call) {
  const Principal& who = customer_only(call);
  store.write([&](StoreTx& tx) {
    Company company = load_company(tx, who, call.now);
    remove_offer(company.addons, call.params[0], "add-on");
    if (!has_dedicated_agent(company)) company.dedicated_agent_id.clear();
    tx.put_company(company);
  });
  return no_content();
}

HttpResponse Router::Impl::post_me_package(Call& call) {
  const Principal& who = customer_only(call);
  json body = parse_json_body(call.http);
  BodyReader in(body, {"package"});
  const std::string id = in.text("package");
  const Offer* offer = catalog.find_package(id);
  if (!offer) fail_validation("package", "unknown package \"" + id + "\"");
  json out;
  store.write([&](StoreTx& tx) {
    Company company = load_company(tx, who, call.now);
    check_can_buy(catalog, company, *offer, false, call.now);
    company.packages.push_back(offer->id);
    tx.put_company(company);
    ensure_manager(tx, company, call.now);
    tighten_open_requests(tx, catalog, company, call.now);
    out = me_body(tx, who, company, call.now);
    out["charge_now"] = charge_now_json(company, *offer, call.now);
  });
  return json_response(200, out);
}

HttpResponse Router::Impl::delete_me_package(Call& call) {
  const Principal& who = customer_only(call);
  store.write([&](StoreTx& tx) {
    Company company = load_company(tx, who, call.now);
    remove_offer(company.packages, call.params[0], "package");
    tx.put_company(company);
    ensure_manager(tx, company, call.now);  // a manager goes with the tier that had one
  });
  return no_content();
}

}  // namespace portal
