#include "domain/requests.h"

#include <algorithm>

#include "domain/errors.h"
#include "domain/text.h"

namespace portal {

namespace {

bool is_blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

void check_text(const std::string& field, const std::string& value, std::size_t max_chars) {
  if (!is_valid_utf8(value)) fail_validation(field, field + " must be valid UTF-8 text");
  if (value.empty() || is_blank(value)) fail_validation(field, field + " must not be empty");
  if (utf8_length(value) > max_chars)
    fail_validation(field, field + " must be at most " + std::to_string(max_chars) + " characters");
}

// Closes the running follow-up clock into the counters before a new one starts.
void retire_follow_up(Request& r) {
  if (!r.follow_up || !r.follow_up->met_at) return;
  if (*r.follow_up->met_at > r.follow_up->due) ++r.follow_ups_breached;
  else ++r.follow_ups_met;
  r.follow_up.reset();
}

}  // namespace

void validate_new_request(const Catalog& catalog, const NewRequest& in, bool onsite_allowed) {
  check_text("subject", in.subject, 200);
  check_text("description", in.description, 20000);
  if (in.severity < 1 || in.severity > 5) fail_validation("severity", "severity must be an integer from 1 to 5");
  if (std::find(catalog.categories.begin(), catalog.categories.end(), in.category) == catalog.categories.end())
    fail_validation("category", "category must be one of technical, billing, account, onsite, other");
  if (in.category == "onsite") {
    if (!onsite_allowed)
      fail_validation("category", "on-site visits are part of the Premium tier; upgrade to request one");
    check_text("address", in.address, 500);
  } else if (!in.address.empty()) {
    check_text("address", in.address, 500);
  }
}

std::optional<SlaClock> start_clock(const std::vector<const Policy*>& policies, int severity, TargetKind kind,
                                    Instant start) {
  auto due = earliest_due(policies, severity, kind, start);
  if (!due) return std::nullopt;
  SlaClock clock;
  clock.started_at = start;
  clock.due = due->due;
  clock.policy_id = due->policy->id;
  clock.target = due->target;
  return clock;
}

Request open_request(const NewRequest& in, const Company& company, const std::vector<const Policy*>& policies,
                     Instant now) {
  Request r;
  r.company_id = company.id;
  r.subject = in.subject;
  r.description = in.description;
  r.severity = in.severity;
  r.category = in.category;
  r.address = in.address;
  r.status = RequestStatus::kNew;
  r.created_at = r.updated_at = now;
  // Seed 003: with a dedicated agent, requests go straight to senior staff (L2), to that agent.
  if (!company.dedicated_agent_id.empty()) {
    r.level = Level::kL2;
    r.assignee_id = company.dedicated_agent_id;
  } else {
    r.level = Level::kL1;
  }
  if (auto clock = start_clock(policies, in.severity, TargetKind::kFirstResponse, now)) r.first_response = *clock;
  else r.first_response = SlaClock{now, now, std::nullopt, "", {}};
  return r;
}

void add_message(Request& r, Message m, const std::vector<const Policy*>& policies) {
  if (r.status == RequestStatus::kClosed)
    throw PortalError(ErrorKind::kConflict, "this request is closed; open a new request instead", "status", "closed");
  check_text("body", m.body, 20000);
  const Instant now = m.created_at;
  if (m.author_kind == "agent") {
    if (!r.first_response.met_at) r.first_response.met_at = now;
    if (r.follow_up && !r.follow_up->met_at) r.follow_up->met_at = now;
    if (r.status == RequestStatus::kNew) r.status = RequestStatus::kOpen;
  } else if (m.author_kind == "customer") {
    const bool agent_replied =
        std::any_of(r.messages.begin(), r.messages.end(), [](const Message& x) { return x.author_kind == "agent"; });
    const bool clock_running = r.follow_up && !r.follow_up->met_at;
    if (agent_replied && !clock_running) {
      retire_follow_up(r);
      r.follow_up = start_clock(policies, r.severity, TargetKind::kFollowUp, now);
    }
    if (r.status == RequestStatus::kPending || r.status == RequestStatus::kResolved) {
      r.status = RequestStatus::kOpen;
      r.resolved_at.reset();
    }
  }
  r.updated_at = now;
  r.messages.push_back(std::move(m));
}

RequestStatus parse_status_field(const std::string& status) {
  if (auto s = parse_request_status(status)) return *s;
  fail_validation("status", "status must be one of new, open, pending, resolved, closed");
}

void change_status(Request& r, RequestStatus status, bool by_agent, Instant now) {
  using S = RequestStatus;
  if (status == r.status) return;
  auto refuse = [&](const std::string& why) {
    throw PortalError(
        ErrorKind::kConflict,
        std::string("cannot move a ") + to_string(r.status) + " request to " + to_string(status) + ": " + why, "status",
        "invalid_transition");
  };
  if (r.status == S::kClosed) {
    if (status != S::kOpen) refuse("a closed request can only be reopened");
    if (!reopen_until(r, now)) refuse("closed requests can be reopened for 7 days after closing");
    r.closed_at.reset();
    r.resolved_at.reset();
    r.status = S::kOpen;
    r.updated_at = now;
    return;
  }
  if (status == S::kNew) refuse("a request cannot become new again");
  if (!by_agent) {
    if (status == S::kOpen && r.status != S::kResolved) refuse("only a resolved request can be reopened");
    if (status != S::kOpen && status != S::kClosed) refuse("customers can close a request or reopen a resolved one");
  }
  if (status == S::kResolved) r.resolved_at = now;
  if (r.status == S::kResolved && status != S::kClosed) r.resolved_at.reset();  // back to work: not resolved any more
  if (status == S::kClosed) r.closed_at = now;
  r.status = status;
  r.updated_at = now;
}

std::optional<Instant> reopen_until(const Request& r, Instant now) {
  if (r.status != RequestStatus::kClosed || !r.closed_at) return std::nullopt;
  const Instant until = *r.closed_at + kReopenGraceSeconds;
  return now < until ? std::optional<Instant>(until) : std::nullopt;
}

void take(Request& r, const Agent& agent, Instant now) {
  if (is_finished(r.status))
    throw PortalError(ErrorKind::kConflict, std::string("a ") + to_string(r.status) + " request cannot be taken",
                      "status", "invalid_transition");
  if (r.assignee_id == agent.id) return;
  r.assignee_id = agent.id;
  r.updated_at = now;
  Message m;
  m.id = "m" + std::to_string(r.messages.size() + 1) + "_" + std::to_string(now);
  m.author_kind = "system";
  m.author_id = agent.id;
  m.author_name = agent.name;
  m.body = "Taken by " + agent.name;
  m.created_at = now;
  r.messages.push_back(std::move(m));
}

void escalate(Request& r, const std::string& agent_name, Instant now, const std::string& reason) {
  if (!is_valid_utf8(reason)) fail_validation("reason", "reason must be valid UTF-8 text");
  if (utf8_length(reason) > 2000) fail_validation("reason", "reason must be at most 2000 characters");
  if (is_finished(r.status))
    throw PortalError(ErrorKind::kConflict, std::string("a ") + to_string(r.status) + " request cannot be escalated",
                      "status", "invalid_transition");
  if (r.level == Level::kL3)
    throw PortalError(ErrorKind::kConflict, "the request is already at L3, the highest level", "level", "max_level");
  const Level from = r.level;
  r.level = next_level(r.level).value_or(Level::kL3);
  r.updated_at = now;
  Message m;
  m.id = "m" + std::to_string(r.messages.size() + 1) + "_" + std::to_string(now);
  m.author_kind = "system";
  m.author_name = agent_name;
  m.body = std::string("Escalated from ") + to_string(from) + " to " + to_string(r.level);
  m.created_at = now;
  r.messages.push_back(m);
  if (!is_blank(reason)) {
    m.id += "n";
    m.author_kind = "internal";
    m.body = reason;
    r.messages.push_back(std::move(m));
  }
}

void rate(Request& r, int score, const std::string& comment, Instant now) {
  if (!r.resolved_at || !is_finished(r.status))
    throw PortalError(ErrorKind::kConflict, "a request can be rated once it is resolved", "status", "not_resolved");
  if (r.rating)
    throw PortalError(ErrorKind::kConflict, "this request has already been rated", "score", "already_rated");
  if (score < 1 || score > 5) fail_validation("score", "score must be an integer from 1 to 5");
  if (!is_valid_utf8(comment)) fail_validation("comment", "comment must be valid UTF-8 text");
  if (utf8_length(comment) > 2000) fail_validation("comment", "comment must be at most 2000 characters");
  r.rating = Rating{score, comment, now};
  r.updated_at = now;
}

std::optional<Level> next_level(Level level) {
  switch (level) {
    case Level::kL1: return Level::kL2;
    case Level::kL2: return Level::kL3;
    case Level::kL3: return std::nullopt;
  }
  return std::nullopt;
}

const char* to_string(RequestAction action) {
  switch (action) {
    case RequestAction::kReply: return "reply";
    case RequestAction::kPending: return "pending";
    case RequestAction::kResolve: return "resolve";
    case RequestAction::kEscalate: return "escalate";
    case RequestAction::kTake: return "take";
    case RequestAction::kClose: return "close";
    case RequestAction::kReopen: return "reopen";
    case RequestAction::kRate: return "rate";
  }
  return "reply";
}

std::optional<RequestAction> parse_request_action(std::string_view text) {
  using A = RequestAction;
  for (A a : {A::kReply, A::kPending, A::kResolve, A::kEscalate, A::kTake, A::kClose, A::kReopen, A::kRate})
    if (text == to_string(a)) return a;
  return std::nullopt;
}

std::vector<RequestAction> request_actions(const Request& r, const Agent* agent, Instant now) {
  using A = RequestAction;
  using S = RequestStatus;
  std::vector<A> out;
  const bool finished = is_finished(r.status);
  if (r.status != S::kClosed) out.push_back(A::kReply);
  if (agent) {
    if (!finished && r.status != S::kPending) out.push_back(A::kPending);
    if (!finished) out.push_back(A::kResolve);
    if (!finished && next_level(r.level)) out.push_back(A::kEscalate);
    if (!finished && r.assignee_id != agent->id) out.push_back(A::kTake);
    return out;
  }
  if (r.status != S::kClosed) out.push_back(A::kClose);
  if (r.status == S::kResolved || reopen_until(r, now)) out.push_back(A::kReopen);
  const bool agent_answered =
      std::any_of(r.messages.begin(), r.messages.end(), [](const Message& m) { return m.author_kind == "agent"; });
  if (finished && r.resolved_at && !r.rating && agent_answered) out.push_back(A::kRate);
  return out;
}

bool apply_policies_to_open_clocks(Request& r, const std::vector<const Policy*>& policies, Instant now) {
  if (is_finished(r.status)) return false;
  bool moved = false;
  auto tighten = [&](SlaClock& clock, TargetKind kind) {
    if (clock.met_at) return;
    if (auto fresh = start_clock(policies, r.severity, kind, now); fresh && fresh->due < clock.due) {
      clock.due = fresh->due;
      clock.policy_id = fresh->policy_id;
      clock.target = fresh->target;
      moved = true;
    }
  };
  tighten(r.first_response, TargetKind::kFirstResponse);
  if (r.follow_up) tighten(*r.follow_up, TargetKind::kFollowUp);
  return moved;
}

}  // namespace portal
