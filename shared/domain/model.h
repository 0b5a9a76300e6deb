// The portal's data: plain structs, shared by the router, the stores and the UI.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "sla/policy.h"
#include "time/civil.h"

namespace portal {

// A request's status and a support level are enums in the core; the strings ("open", "L2") exist
// only at the edges (JSON, store rows, query parameters), through these functions.
enum class RequestStatus { kNew, kOpen, kPending, kResolved, kClosed };
enum class Level { kL1, kL2, kL3 };

const char* to_string(RequestStatus status);
const char* to_string(Level level);
// nullopt for anything but the exact lower-case name ("new", "open", "pending", "resolved", "closed").
std::optional<RequestStatus> parse_request_status(std::string_view text);
// nullopt for anything but "L1", "L2", "L3".
std::optional<Level> parse_level(std::string_view text);
// For store rows written by this code: an unknown value falls back to the given default.
RequestStatus request_status_or(std::string_view text, RequestStatus fallback);
Level level_or(std::string_view text, Level fallback);
// JSON: the names above (a json value assigned from an enum is its name, never a number); reading
// an unknown name throws std::runtime_error.
void to_json(nlohmann::json& j, RequestStatus status);
void from_json(const nlohmann::json& j, RequestStatus& status);
void to_json(nlohmann::json& j, Level level);
void from_json(const nlohmann::json& j, Level& level);
// A finished request (resolved or closed): no clocks run, no escalation, no taking.
inline bool is_finished(RequestStatus s) { return s == RequestStatus::kResolved || s == RequestStatus::kClosed; }

// A client company: it holds the subscription (plan, packages, add-ons) its people share.
struct Company {
  std::string id;
  std::string name;
  std::string plan = "basic";
  std::vector<std::string> packages{};
  std::vector<std::string> addons{};
  std::string pending_plan{};  // a downgrade that takes effect at period_end; empty if none
  Instant period_start = 0;    // the current billing month [period_start, period_end)
  Instant period_end = 0;
  // What else sets the tier (seed 000): the operator's category, tenure and volume.
  std::string category = "regular";
  Instant customer_since = 0;
  std::int64_t monthly_volume_cents = 0;
  std::string manager_id{};          // personal manager (agent id), when the tier has one
  std::string dedicated_agent_id{};  // with the dedicated_agent add-on
};

struct Customer {
  std::string id;
  std::string company_id;
  std::string email;  // stored lower-case; unique among customers and agents
  std::string name;
  std::string password_hash;
  Instant created_at = 0;
};

struct Agent {
  std::string id;
  std::string email;
  std::string name;
  Level level = Level::kL1;
  std::string password_hash;
  Instant created_at = 0;
};

enum class PrincipalKind { kCustomer, kAgent };

struct Session {
  std::string token_hash;  // the token itself is never stored
  PrincipalKind kind = PrincipalKind::kCustomer;
  std::string principal_id;
  Instant created_at = 0;
  Instant expires_at = 0;
  Instant last_used_at = 0;  // updated at most every few minutes (Router), for the sessions list
  std::string user_agent{};  // the browser, as sent at sign-in (at most 200 printable characters)
};

struct Message {
  std::string id;
  std::string author_kind;  // "customer", "agent", "system"
  std::string author_id;
  std::string author_name;
  std::string body;
  Instant created_at = 0;
};

// One running or finished SLA clock of a request.
struct SlaClock {
  Instant started_at = 0;
  Instant due = 0;
  std::optional<Instant> met_at;
  std::string policy_id;  // the policy whose target gave the earliest due time
  Target target;
  bool breached_at(Instant now) const { return met_at ? *met_at > due : now > due; }
};

struct Rating {
  int score = 0;  // 1..5
  std::string comment;
  Instant created_at = 0;
};

struct Request {
  std::string id;
  std::int64_t number = 0;
  std::string company_id;
  std::string customer_id;
  std::string subject;
  std::string description;
  int severity = 3;
  std::string category = "technical";
  std::string address;  // on-site visits only
  RequestStatus status = RequestStatus::kNew;
  Level level = Level::kL1;
  std::string assignee_id;  // agent, when assigned (dedicated agent)
  Instant created_at = 0;
  Instant updated_at = 0;
  std::optional<Instant> resolved_at;
  std::optional<Instant> closed_at;
  SlaClock first_response;
  std::optional<SlaClock> follow_up;  // the current follow-up clock, if any
  int follow_ups_met = 0;             // finished follow-up clocks, for SLA compliance
  int follow_ups_breached = 0;
  std::optional<Rating> rating;
  std::vector<Message> messages;
  // Denormalised for the agents' queue: the earliest unmet due time, or nullopt.
  std::optional<Instant> next_due() const;
};

struct Booking {
  std::string id;
  std::string company_id;
  std::string customer_id;
  std::string agent_id;
  Instant start = 0;
  Instant end = 0;
  std::string topic;  // support, training, analysis
  std::string note;
  std::string status = "booked";  // booked, cancelled
  int sequence = 0;               // RFC 5545 SEQUENCE: bumped on every change
  Instant created_at = 0;
  Instant updated_at = 0;
};

}  // namespace portal
