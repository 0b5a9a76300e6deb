// Support requests: validation, routing (L1, or straight to L2 with a dedicated agent), SLA
// clocks, status moves, escalation and rating. Pure functions over model structs.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "domain/model.h"

namespace portal {

struct NewRequest {
  std::string subject, description, category, address;
  int severity = 0;
};

// Throws PortalError (validation) naming the field. `onsite_allowed`: the tier has on-site visits.
void validate_new_request(const Catalog& catalog, const NewRequest& input, bool onsite_allowed);

// A new request: level, assignee and the first-response clock from the policies that apply now.
Request open_request(const NewRequest& input, const Company& company, const std::vector<const Policy*>& policies,
                     Instant now);

// Starts a clock of the given kind at `start`; nullopt when no policy has such a target.
std::optional<SlaClock> start_clock(const std::vector<const Policy*>& policies, int severity, TargetKind kind,
                                    Instant start);

// Adds a message. An agent's message meets the running first-response or follow-up clock; a
// customer's message after an agent reply starts a follow-up clock (sla.md). Throws PortalError
// (conflict) on a closed request, (validation, "body") for an empty or too long body.
void add_message(Request& request, Message message, const std::vector<const Policy*>& policies);

// Allowed moves: agents any valid move; customers only to "closed", and "open" from "resolved".
// A closed request can be reopened (by either) within kReopenGraceSeconds of closing: closing is
// undoable; after that it stays closed.
constexpr Instant kReopenGraceSeconds = 7 * 24 * 3600;
void change_status(Request& request, RequestStatus status, bool by_agent, Instant now);
// The JSON edge of change_status: throws PortalError (validation, "status") for an unknown name.
RequestStatus parse_status_field(const std::string& status);
// Until when a closed request can be reopened (nullopt: not closed, or the grace has passed).
std::optional<Instant> reopen_until(const Request& request, Instant now);

// L1 → L2 → L3; throws PortalError (conflict) at L3 or on a finished request. The move is an
// event of the conversation ("system"); a reason, when given, is kept as an internal note (author
// kind "internal": agents see it, customers never do).
void escalate(Request& request, const std::string& agent_name, Instant now, const std::string& reason = "");

// An agent takes a request as their own (assignee); an event of the conversation says so.
// Throws PortalError (conflict) on a resolved or closed request; taking one's own is a no-op.
void take(Request& request, const Agent& agent, Instant now);

// Once resolved (or closed after resolution), once. Throws PortalError naming the field.
void rate(Request& request, int score, const std::string& comment, Instant now);

// The level an escalation moves to (L1 → L2 → L3); nullopt at L3.
std::optional<Level> next_level(Level level);

// What the viewer of a request may do now: the one rule behind the Request view's "actions" and
// the buttons the portal shows. Every action listed is accepted by the functions above (the tests
// check it); agents are offered the work moves (pending, resolve, escalate, take) and customers
// the end of the conversation (close, reopen within the grace, rate once resolved after an
// agent's answer). `agent`: the viewing agent, nullptr for the customer.
enum class RequestAction { kReply, kPending, kResolve, kEscalate, kTake, kClose, kReopen, kRate };
const char* to_string(RequestAction action);
std::optional<RequestAction> parse_request_action(std::string_view text);
std::vector<RequestAction> request_actions(const Request& request, const Agent* agent, Instant now);

// An upgrade makes the running clocks of open requests due no later than the new policies would
// have them due if started at the moment of the upgrade (never later than before).
// Returns true when a due time moved.
bool apply_policies_to_open_clocks(Request& request, const std::vector<const Policy*>& policies, Instant now);

}  // namespace portal
