// Private to the router: its state and the handlers, split by area over routes_*.cpp.
#pragma once
#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "api/input.h"
#include "api/router.h"
#include "api/sign_in_guard.h"
#include "domain/errors.h"
#include "domain/events.h"

namespace portal {

// Who is calling, resolved from the bearer token.
struct Principal {
  PrincipalKind kind = PrincipalKind::kCustomer;
  std::string token_hash;
  Instant last_used = 0;  // the session's (for the sessions list's "last used")
  Customer customer;      // customers
  Company company;        // customers: their company (as of the call's start)
  Agent agent;            // agents
  bool is_agent() const { return kind == PrincipalKind::kAgent; }
};

// A message the caller writes now (a request's or a chat's): its author is the caller.
inline Message message_by(const Principal& who, std::string id, std::string body, Instant now) {
  Message m;
  m.id = std::move(id);
  m.author_kind = who.is_agent() ? "agent" : "customer";
  m.author_id = who.is_agent() ? who.agent.id : who.customer.id;
  m.author_name = who.is_agent() ? who.agent.name : who.customer.name;
  m.body = std::move(body);
  m.created_at = now;
  return m;
}

// One call being handled.
struct Call {
  const HttpRequest& http;
  std::vector<std::string> params;  // decoded {id} segments of the route pattern
  QueryParams query;
  Instant now = 0;
  std::optional<Principal> who;
};

struct Router::Impl {
  Impl(const Catalog& c, const KnowledgeBase& k, Store& s, Env& e);

  const Catalog& catalog;
  const KnowledgeBase& kb;
  Store& store;
  Env& env;
  SignInGuard guard;                  // sign-in and registration throttling (sign_in_guard.h)
  std::atomic<bool> draining{false};  // GET /health: 503 while the server shuts down
  // Verified against for unknown emails, so that a login takes the same time either way. Made on
  // the first such login, not at start: in the browser demo one hash is ~180 ms of first frame.
  const std::string& dummy_password_hash();
  std::once_flag dummy_once;
  std::string dummy_hash;

  HttpResponse dispatch(const HttpRequest& request);
  // The caller from the bearer token: nullopt for an unknown or expired session; throws 401
  // when there is no bearer token at all.
  std::optional<Principal> authenticate(const HttpRequest& request, Instant now);

  // routes_account.cpp
  HttpResponse post_register(Call& call);
  HttpResponse post_login(Call& call);
  HttpResponse post_logout(Call& call);
  HttpResponse get_me(Call& call);
  HttpResponse post_me_plan(Call& call);
  HttpResponse get_me_plan_preview(Call& call);
  HttpResponse post_me_addon(Call& call);
  HttpResponse delete_me_addon(Call& call);
  HttpResponse post_me_package(Call& call);
  HttpResponse delete_me_package(Call& call);
  // routes_requests.cpp
  HttpResponse post_request(Call& call);
  HttpResponse get_requests(Call& call);
  HttpResponse get_request(Call& call);
  HttpResponse post_message(Call& call);
  HttpResponse post_status(Call& call);
  HttpResponse post_escalate(Call& call);
  HttpResponse post_take(Call& call);
  HttpResponse post_rating(Call& call);
  HttpResponse get_metrics(Call& call);
  // routes_calls.cpp
  HttpResponse get_slots(Call& call);
  HttpResponse post_booking(Call& call);
  HttpResponse get_bookings(Call& call);
  HttpResponse delete_booking(Call& call);
  HttpResponse get_booking_ics(Call& call);
  HttpResponse post_reschedule(Call& call);
  // routes_sessions.cpp
  HttpResponse get_my_sessions(Call& call);
  HttpResponse delete_my_session(Call& call);
  HttpResponse delete_my_other_sessions(Call& call);
  HttpResponse post_my_password(Call& call);
  // routes_public.cpp
  HttpResponse get_plans(Call& call);
  HttpResponse get_sla_preview(Call& call);
  HttpResponse get_kb_search(Call& call);
  HttpResponse get_kb_articles(Call& call);
  HttpResponse get_kb_article(Call& call);
  // routes_health.cpp
  HttpResponse get_health(Call& call);
  // routes_events.cpp
  HttpResponse get_events(Call& call);
  // routes_chats.cpp
  HttpResponse post_chat(Call& call);
  HttpResponse get_chats(Call& call);
  HttpResponse get_chat(Call& call);
  HttpResponse post_chat_message(Call& call);
  HttpResponse post_chat_accept(Call& call);
  HttpResponse post_chat_handover(Call& call);
  HttpResponse post_chat_end(Call& call);
  HttpResponse put_availability(Call& call);
  HttpResponse get_availability(Call& call);

  // Change events (router_events.cpp). Null bus: nothing is published.
  EventBus* events = nullptr;
  void emit(const std::string& type, const std::string& object_id, EventAudience audience, Instant now,
            const nlohmann::json& extra = nlohmann::json::object());
  // request.updated with what changed between before and after (nothing changed: no event).
  void emit_request_change(const Request& before, const Request& after, const Principal& who, Instant now);
  void emit_request_created(const Request& r, Instant now);
  void emit_booking(const char* type, const Booking& b, Instant now);
  // Resolves the caller of GET /events (401 when not signed in).
  EventReader event_reader(Call& call);

  // Shared helpers (router.cpp).
  std::string new_id(const char* prefix);
  const Principal& customer_only(Call& call) const;  // 403 for agents
  const Principal& agent_only(Call& call) const;     // 403 for customers
  // Loads the caller's company inside a write, rolling its billing period forward if due.
  Company load_company(StoreTx& tx, const Principal& who, Instant now) const;
  // Assigns a personal manager when the tier has one and none is assigned.
  void ensure_manager(StoreTx& tx, Company& company, Instant now) const;
  std::optional<Agent> least_loaded_agent(StoreTx& tx, Level preferred_level) const;
  // A request the caller may see, or 404.
  // `id` is the request's id or its number ("1042").
  Request visible_request(StoreTx& tx, const Principal& who, const std::string& id) const;
  nlohmann::json me_body(StoreTx& tx, const Principal& who, const Company& company, Instant now) const;
};

HttpResponse json_response(int status, const nlohmann::json& body);
// The browser of a new session: the User-Agent, printable ASCII, at most 200 characters.
std::string session_browser(std::string_view user_agent);
HttpResponse no_content();

}  // namespace portal
