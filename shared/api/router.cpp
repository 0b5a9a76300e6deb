#include "api/router.h"

#include <algorithm>
#include <cctype>

#include "api/router_impl.h"
#include "api/views.h"
#include "domain/subscription.h"
#include "domain/text.h"

namespace portal {

using nlohmann::json;

namespace {

constexpr std::string_view kApiPrefix = "/api/v1";
#ifdef __EMSCRIPTEN__
// The offline demo saves its whole state after every change: its one user's "last used" is kept
// to the 5 minutes, not to the seconds.
constexpr Instant kTouchEverySeconds = 5 * 60;
#else
constexpr Instant kTouchEverySeconds = 2;  // a session's "last used" is this fresh at worst
#endif

using Handler = HttpResponse (Router::Impl::*)(Call&);

struct Route {
  const char* method;
  const char* pattern;  // under /api/v1; "{id}" matches one segment
  Handler handler;
  bool auth;
};

// Every endpoint of api.md (and our extensions), in one table.
const Route kRoutes[] = {
    {"POST", "/auth/register", &Router::Impl::post_register, false},
    {"POST", "/auth/login", &Router::Impl::post_login, false},
    {"POST", "/auth/logout", &Router::Impl::post_logout, true},
    {"GET", "/plans", &Router::Impl::get_plans, false},
    {"GET", "/health", &Router::Impl::get_health, false},
    {"GET", "/sla/preview", &Router::Impl::get_sla_preview, false},
    {"GET", "/me", &Router::Impl::get_me, true},
    {"POST", "/me/plan", &Router::Impl::post_me_plan, true},
    {"GET", "/me/plan/preview", &Router::Impl::get_me_plan_preview, true},
    {"POST", "/me/addons", &Router::Impl::post_me_addon, true},
    {"DELETE", "/me/addons/{id}", &Router::Impl::delete_me_addon, true},
    {"POST", "/me/packages", &Router::Impl::post_me_package, true},
    {"DELETE", "/me/packages/{id}", &Router::Impl::delete_me_package, true},
    {"POST", "/requests", &Router::Impl::post_request, true},
    {"GET", "/requests", &Router::Impl::get_requests, true},
    {"GET", "/requests/{id}", &Router::Impl::get_request, true},
    {"POST", "/requests/{id}/messages", &Router::Impl::post_message, true},
    {"POST", "/requests/{id}/status", &Router::Impl::post_status, true},
    {"POST", "/requests/{id}/escalate", &Router::Impl::post_escalate, true},
    {"POST", "/requests/{id}/take", &Router::Impl::post_take, true},
    {"POST", "/requests/{id}/rating", &Router::Impl::post_rating, true},
    {"GET", "/booking/slots", &Router::Impl::get_slots, true},
    {"POST", "/bookings", &Router::Impl::post_booking, true},
    {"GET", "/bookings", &Router::Impl::get_bookings, true},
    {"DELETE", "/bookings/{id}", &Router::Impl::delete_booking, true},
    {"GET", "/bookings/{id}/ics", &Router::Impl::get_booking_ics, true},
    {"POST", "/bookings/{id}/reschedule", &Router::Impl::post_reschedule, true},
    {"GET", "/kb/search", &Router::Impl::get_kb_search, false},
    {"GET", "/kb/articles", &Router::Impl::get_kb_articles, false},
    {"GET", "/kb/articles/{id}", &Router::Impl::get_kb_article, false},
    {"GET", "/metrics", &Router::Impl::get_metrics, true},
    {"GET", "/me/sessions", &Router::Impl::get_my_sessions, true},
    {"DELETE", "/me/sessions", &Router::Impl::delete_my_other_sessions, true},
    {"DELETE", "/me/sessions/{id}", &Router::Impl::delete_my_session, true},
    {"POST", "/me/password", &Router::Impl::post_my_password, true},
    {"GET", "/events", &Router::Impl::get_events, true},
    {"POST", "/chats", &Router::Impl::post_chat, true},
    {"GET", "/chats", &Router::Impl::get_chats, true},
    {"GET", "/chats/{id}", &Router::Impl::get_chat, true},
    {"POST", "/chats/{id}/messages", &Router::Impl::post_chat_message, true},
    {"POST", "/chats/{id}/accept", &Router::Impl::post_chat_accept, true},
    {"POST", "/chats/{id}/handover", &Router::Impl::post_chat_handover, true},
    {"POST", "/chats/{id}/end", &Router::Impl::post_chat_end, true},
    {"PUT", "/agents/me/availability", &Router::Impl::put_availability, true},
    {"GET", "/agents/me/availability", &Router::Impl::get_availability, true},
};

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos < path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > pos) parts.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return parts;
}

// Matches a path against a pattern; fills the decoded {id} values. Ids are plain tokens.
bool match(std::string_view pattern, const std::vector<std::string_view>& path, std::vector<std::string>& params) {
  const auto want = split_path(pattern);
  if (want.size() != path.size()) return false;
  std::vector<std::string> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i] == "{id}") {
      auto decoded = percent_decode(path[i], false);
      if (!decoded || decoded->empty() || decoded->size() > 100 ||
          !std::all_of(decoded->begin(), decoded->end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
          }))
        return false;
      found.push_back(*decoded);
    } else if (want[i] != path[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

int status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kBadRequest: return 400;
    case ErrorKind::kUnauthorized: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kMethodNotAllowed: return 405;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kTooLarge: return 413;
    case ErrorKind::kValidation: return 422;
    case ErrorKind::kRateLimited: return 429;
    case ErrorKind::kUnavailable: return 503;
  }
  return 500;
}

const char* default_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kBadRequest: return "bad_request";
    case ErrorKind::kUnauthorized: return "unauthorized";
    case ErrorKind::kForbidden: return "forbidden";
    case ErrorKind::kNotFound: return "not_found";
    case ErrorKind::kMethodNotAllowed: return "method_not_allowed";
    case ErrorKind::kConflict: return "conflict";
    case ErrorKind::kTooLarge: return "payload_too_large";
    case ErrorKind::kValidation: return "validation";
    case ErrorKind::kRateLimited: return "rate_limited";
    case ErrorKind::kUnavailable: return "unavailable";
  }
  return "error";
}

HttpResponse error_response(const PortalError& e) {
  json err = {{"code", e.code.empty() ? default_code(e.kind) : e.code}, {"message", e.what()}};
  if (!e.field.empty()) err["field"] = e.field;
  HttpResponse r = json_response(status_of(e.kind), {{"error", err}});
  if (e.retry_after > 0) r.headers.push_back({"Retry-After", std::to_string(e.retry_after)});
  return r;
}

}  // namespace

HttpResponse json_response(int status, const json& body) {
  HttpResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "application/json; charset=utf-8"}, {"Cache-Control", "no-store"}};
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

HttpResponse no_content() {
  HttpResponse r;
  r.status = 204;
  r.headers = {{"Cache-Control", "no-store"}};
  return r;
}

Router::Impl::Impl(const Catalog& c, const KnowledgeBase& k, Store& s, Env& e)
    : catalog(c), kb(k), store(s), env(e), guard([&e](std::string_view in) { return e.hash_token(in); }) {
  guard.set_secret(e.random_bytes(32));  // the server replaces it with one kept in its data folder
}

const std::string& Router::Impl::dummy_password_hash() {
  std::call_once(dummy_once, [this] { dummy_hash = env.hash_password("not a real password"); });
  return dummy_hash;
}

std::string Router::Impl::new_id(const char* prefix) { return std::string(prefix) + "_" + to_hex(env.random_bytes(8)); }

const Principal& Router::Impl::customer_only(Call& call) const {
  if (call.who->is_agent())
    throw PortalError(ErrorKind::kForbidden, "this is for customers; agents use the queue", "", "customers_only");
  return *call.who;
}

const Principal& Router::Impl::agent_only(Call& call) const {
  if (!call.who->is_agent())
    throw PortalError(ErrorKind::kForbidden, "only support agents can do this", "", "agents_only");
  return *call.who;
}

Company Router::Impl::load_company(StoreTx& tx, const Principal& who, Instant now) const {
  auto company = tx.company(who.customer.company_id);
  if (!company) throw PortalError(ErrorKind::kUnauthorized, "your account has no company; sign in again");
  if (roll_period(catalog, *company, now)) tx.put_company(*company);
  return *company;
}

std::optional<Agent> Router::Impl::least_loaded_agent(StoreTx& tx, Level preferred_level) const {
  std::optional<Agent> best;
  int best_load = 0;
  for (int pass = 0; pass < 2 && !best; ++pass) {
    for (const Agent& a : tx.agents()) {
      if (pass == 0 && a.level != preferred_level) continue;
      const int load = tx.agent_load(a.id);
      if (!best || load < best_load || (load == best_load && a.id < best->id)) {
        best = a;
        best_load = load;
      }
    }
  }
  return best;
}

void Router::Impl::ensure_manager(StoreTx& tx, Company& company, Instant now) const {
  const Plan* plan = catalog.plan_for_tier(effective_tier(catalog, company, now).tier);
  if (!plan || !plan->personal_manager) {
    // The tier fell below one with a manager (downgrade at period end, package cancelled).
    if (!company.manager_id.empty()) {
      company.manager_id.clear();
      tx.put_company(company);
    }
    return;
  }
  if (!company.manager_id.empty()) return;
  if (auto agent = least_loaded_agent(tx, Level::kL2)) {
    company.manager_id = agent->id;
    tx.put_company(company);
  }
}

Request Router::Impl::visible_request(StoreTx& tx, const Principal& who, const std::string& id) const {
  std::optional<Request> r;
  const bool by_number =
      !id.empty() && id.size() <= 15 && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (by_number) {  // the number people see (#1042), as the portal's addresses use it: the search finds it
    RequestQuery q;
    q.number = std::stoll(id);
    q.text = "#" + id;
    q.limit = 200;
    if (!who.is_agent()) q.company_id = who.company.id;
    for (const Request& found : tx.list_requests(q).requests)
      if (found.number == q.number) r = tx.request(found.id);
  } else {
    r = tx.request(id);
  }
  // Another company's request answers exactly like a missing one.
  if (!r || (!who.is_agent() && r->company_id != who.company.id))
    throw PortalError(ErrorKind::kNotFound, "no request " + id, "id");
  return *r;
}

json Router::Impl::me_body(StoreTx& tx, const Principal& who, const Company& company, Instant now) const {
  std::optional<Agent> manager, dedicated;
  if (!company.manager_id.empty()) manager = tx.agent(company.manager_id);
  if (!company.dedicated_agent_id.empty()) dedicated = tx.agent(company.dedicated_agent_id);
  return me_json(catalog, who.customer, company, manager ? &*manager : nullptr, dedicated ? &*dedicated : nullptr, now);
}

std::optional<Principal> Router::Impl::authenticate(const HttpRequest& request, Instant now) {
  std::string_view auth = request.header("Authorization");
  if (auth.size() < 8 || auth.substr(0, 7) != "Bearer ")
    throw PortalError(ErrorKind::kUnauthorized, "sign in first: send Authorization: Bearer <token>");
  const std::string token_hash = env.hash_token(auth.substr(7));
  std::optional<Principal> found;
  store.read([&](StoreTx& tx) {
    auto session = tx.session(token_hash);
    if (!session || session->expires_at <= now) return;
    Principal who;
    who.kind = session->kind;
    who.token_hash = token_hash;
    who.last_used = std::max(session->last_used_at, session->created_at);
    if (who.is_agent()) {
      auto agent = tx.agent(session->principal_id);
      if (!agent) return;
      who.agent = *agent;
    } else {
      auto customer = tx.customer(session->principal_id);
      auto company = customer ? tx.company(customer->company_id) : std::nullopt;
      if (!company) return;
      who.customer = *customer;
      who.company = *company;
      roll_period(catalog, who.company, now);  // the view as of now; writes persist it
    }
    found = std::move(who);
  });
  return found;
}

HttpResponse Router::Impl::dispatch(const HttpRequest& request) {
  std::string_view path = request.path;
  if (path.substr(0, kApiPrefix.size()) != kApiPrefix ||
      (path.size() > kApiPrefix.size() && path[kApiPrefix.size()] != '/'))  // not "/api/v1plans"
    throw PortalError(ErrorKind::kNotFound, "no such endpoint: the API lives under /api/v1");
  path.remove_prefix(kApiPrefix.size());
  const auto parts = split_path(path);

  const Route* route = nullptr;
  std::vector<std::string> params;
  bool path_known = false;
  std::string allow;  // the path's methods, for the Allow header of a 405
  for (const Route& r : kRoutes) {
    std::vector<std::string> p;
    if (!match(r.pattern, parts, p)) continue;
    path_known = true;
    allow += (allow.empty() ? "" : ", ") + std::string(r.method);
    if (request.method == r.method) {
      route = &r;
      params = std::move(p);
      break;
    }
  }
  if (!route) {
    if (path_known) {
      HttpResponse r = error_response(PortalError(
          ErrorKind::kMethodNotAllowed, utf8_truncate(request.method, 20) + " is not allowed here; use " + allow));
      r.headers.push_back({"Allow", allow});
      return r;
    }
    throw PortalError(ErrorKind::kNotFound,
                      "no such endpoint: " + std::string(utf8_truncate(is_valid_utf8(path) ? path : "?", 80)));
  }

  Call call{request, std::move(params), QueryParams(request.query), env.now(), std::nullopt};
  if (route->auth) {
    call.who = authenticate(request, call.now);
    if (!call.who)
      throw PortalError(ErrorKind::kUnauthorized, "your session has expired or is not valid; sign in again");
    // "Last used" for the sessions list, within seconds: queued to the writer without waiting
    // (write_soon: coalesced per session, bounded, joins the next group commit), so a read never
    // waits behind the writer for it.
    if (call.who && call.who->last_used + kTouchEverySeconds <= call.now) {
      const std::string hash = call.who->token_hash;
      const Instant now = call.now;
      store.write_soon("touch:" + hash, [hash, now](StoreTx& tx) { tx.touch_session(hash, now); });
    }
  }
  HttpResponse out = (this->*(route->handler))(call);
  // A changed subscription (plan, package, add-on): the company's people hear account.updated.
  if (events && call.who && !call.who->is_agent() && request.method != "GET" && out.status < 300 && parts.size() >= 2 &&
      parts[0] == "me")
    emit("account.updated", call.who->company.id, EventAudience{call.who->company.id, {}, {}}, call.now);
  return out;
}

Router::Router(const Catalog& catalog, const KnowledgeBase& kb, Store& store, Env& env)
    : impl_(std::make_unique<Impl>(catalog, kb, store, env)) {}

Router::~Router() = default;

void Router::set_draining(bool draining) { impl_->draining.store(draining); }
void Router::set_device_secret(const std::string& secret) { impl_->guard.set_secret(secret); }
void Router::set_shared_counters(std::shared_ptr<RateLimiter::Shared> shared) { impl_->guard.share_counters(shared); }

void Router::set_event_bus(EventBus* bus) { impl_->events = bus; }

Router::EventsStart Router::start_events(const HttpRequest& request) {
  EventsStart out;
  try {
    auto who = impl_->authenticate(request, impl_->env.now());
    if (!who) throw PortalError(ErrorKind::kUnauthorized, "your session has expired or is not valid; sign in again");
    if (who->is_agent()) {
      out.reader.agent_id = who->agent.id;
      out.reader.agent_level = to_string(who->agent.level);
      out.user_key = "agent:" + who->agent.id;
    } else {
      out.reader.company_id = who->company.id;
      out.user_key = "customer:" + who->customer.id;
    }
    out.refusal.status = 0;
  } catch (const PortalError& e) {
    out.refusal = error_response(e);
  }
  return out;
}

HttpResponse Router::handle(const HttpRequest& request) {
  try {
    return impl_->dispatch(request);
  } catch (const PortalError& e) {
    return error_response(e);
  } catch (const StoreUnavailable& e) {
    // The database is down or saturated (PgStore): try again shortly, never a hang.
    HttpResponse r =
        json_response(503, {{"error",
                             {{"code", "unavailable"},
                              {"message", "the service is temporarily unavailable; please try again in a moment"}}}});
    r.headers.push_back({"Retry-After", "1"});
    return r;
  } catch (const std::exception& e) {
    // Never a crash: an unexpected failure is a 500 with a neutral message.
    return json_response(500, {{"error", {{"code", "internal"}, {"message", "internal error; please try again"}}}});
  }
}

std::vector<RouteInfo> Router::routes() {
  std::vector<RouteInfo> out;
  for (const Route& r : kRoutes) out.push_back({r.method, std::string(kApiPrefix) + r.pattern, r.auth});
  return out;
}

}  // namespace portal
