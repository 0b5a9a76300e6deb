#include "pg_rows.h"

#include "domain/text.h"

namespace portal::pg {

namespace {

const char* clock_name(Clock clock) { return clock == Clock::kBusiness ? "business" : "calendar"; }
Clock clock_from(const std::string& name) { return name == "business" ? Clock::kBusiness : Clock::kCalendar; }

constexpr const char* kRequestColumnNames[] = {
    "id",           "number",        "company_id",     "customer_id",    "subject",
    "description",  "severity",      "category",       "address",        "status",
    "level",        "assignee_id",   "created_at",     "updated_at",     "resolved_at",
    "closed_at",    "next_due",      "fr_started_at",  "fr_due",         "fr_met_at",
    "fr_policy_id", "fr_minutes",    "fr_clock",       "fu_started_at",  "fu_due",
    "fu_met_at",    "fu_policy_id",  "fu_minutes",     "fu_clock",       "follow_ups_met",
    "follow_ups_breached", "rating_score", "rating_comment", "rating_created_at"};

}  // namespace

const char* const kCompanyColumns =
    "id, name, plan, pending_plan, period_start, period_end, category, customer_since, "
    "monthly_volume_cents, manager_id, dedicated_agent_id";
const char* const kCustomerColumns = "id, company_id, email, name, password_hash, created_at";
const char* const kAgentColumns = "id, email, name, level, password_hash, created_at";
const char* const kSessionColumns = "token_hash, kind, principal_id, created_at, expires_at, last_used_at, user_agent";
const char* const kBookingColumns =
    "id, company_id, customer_id, agent_id, start_at, end_at, topic, note, status, sequence, created_at, updated_at";
const char* const kMessageColumns = "id, author_kind, author_id, author_name, body, created_at";

int request_column_count() { return static_cast<int>(std::size(kRequestColumnNames)); }

const std::string& request_columns() {
  static const std::string s = [] {
    std::string out;
    for (int i = 0; i < request_column_count(); ++i) {
      if (i) out += ", ";
      out += kRequestColumnNames[i];
    }
    return out;
  }();
  return s;
}

std::string placeholders(int first, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i) out += ", ";
    out += "$" + std::to_string(first + i);
  }
  return out;
}

void add_company(Params& p, const Company& c) {
  p.bytes(c.id).bytes(c.name).bytes(c.plan).bytes(c.pending_plan).int64(c.period_start).int64(c.period_end);
  p.bytes(c.category).int64(c.customer_since).int64(c.monthly_volume_cents).bytes(c.manager_id);
  p.bytes(c.dedicated_agent_id);
}

Company read_company(const Result& r, int row) {
  Company c;
  c.id = r.bytes(row, 0);
  c.name = r.bytes(row, 1);
  c.plan = r.bytes(row, 2);
  c.pending_plan = r.bytes(row, 3);
  c.period_start = r.int64(row, 4);
  c.period_end = r.int64(row, 5);
  c.category = r.bytes(row, 6);
  c.customer_since = r.int64(row, 7);
  c.monthly_volume_cents = r.int64(row, 8);
  c.manager_id = r.bytes(row, 9);
  c.dedicated_agent_id = r.bytes(row, 10);
  return c;
}

void add_customer(Params& p, const Customer& c) {
  p.bytes(c.id).bytes(c.company_id).bytes(c.email).bytes(c.name).bytes(c.password_hash).int64(c.created_at);
}

Customer read_customer(const Result& r, int row) {
  Customer c;
  c.id = r.bytes(row, 0);
  c.company_id = r.bytes(row, 1);
  c.email = r.bytes(row, 2);
  c.name = r.bytes(row, 3);
  c.password_hash = r.bytes(row, 4);
  c.created_at = r.int64(row, 5);
  return c;
}

void add_agent(Params& p, const Agent& a) {
  p.bytes(a.id).bytes(a.email).bytes(a.name).bytes(to_string(a.level)).bytes(a.password_hash).int64(a.created_at);
}

Agent read_agent(const Result& r, int row) {
  Agent a;
  a.id = r.bytes(row, 0);
  a.email = r.bytes(row, 1);
  a.name = r.bytes(row, 2);
  a.level = level_or(r.bytes(row, 3), Level::kL1);
  a.password_hash = r.bytes(row, 4);
  a.created_at = r.int64(row, 5);
  return a;
}

void add_session(Params& p, const Session& s) {
  p.bytes(s.token_hash).bytes(s.kind == PrincipalKind::kAgent ? "agent" : "customer").bytes(s.principal_id);
  p.int64(s.created_at).int64(s.expires_at).int64(s.last_used_at).bytes(s.user_agent);
}

Session read_session(const Result& r, int row) {
  Session s;
  s.token_hash = r.bytes(row, 0);
  s.kind = r.bytes(row, 1) == "agent" ? PrincipalKind::kAgent : PrincipalKind::kCustomer;
  s.principal_id = r.bytes(row, 2);
  s.created_at = r.int64(row, 3);
  s.expires_at = r.int64(row, 4);
  s.last_used_at = r.int64(row, 5);
  s.user_agent = r.bytes(row, 6);
  return s;
}

void add_booking(Params& p, const Booking& b) {
  p.bytes(b.id).bytes(b.company_id).bytes(b.customer_id).bytes(b.agent_id).int64(b.start).int64(b.end);
  p.bytes(b.topic).bytes(b.note).bytes(b.status).int64(b.sequence).int64(b.created_at).int64(b.updated_at);
}

Booking read_booking(const Result& r, int row) {
  Booking b;
  b.id = r.bytes(row, 0);
  b.company_id = r.bytes(row, 1);
  b.customer_id = r.bytes(row, 2);
  b.agent_id = r.bytes(row, 3);
  b.start = r.int64(row, 4);
  b.end = r.int64(row, 5);
  b.topic = r.bytes(row, 6);
  b.note = r.bytes(row, 7);
  b.status = r.bytes(row, 8);
  b.sequence = r.int32(row, 9);
  b.created_at = r.int64(row, 10);
  b.updated_at = r.int64(row, 11);
  return b;
}

std::string search_words(const Request& r) {
  std::string text;
  text.reserve(r.subject.size() + 1 + r.description.size());
  text.append(r.subject).append(" ").append(r.description);
  std::string out;
  for (const std::string& w : fold_words(text)) out.append(" ").append(w);
  return out;
}

void add_request(Params& p, const Request& r) {
  p.bytes(r.id).int64(r.number).bytes(r.company_id).bytes(r.customer_id).bytes(r.subject).bytes(r.description);
  p.int64(r.severity).bytes(r.category).bytes(r.address).bytes(to_string(r.status)).bytes(to_string(r.level)).bytes(r.assignee_id);
  p.int64(r.created_at).int64(r.updated_at).int64(r.resolved_at).int64(r.closed_at).int64(r.next_due());
  const SlaClock& fr = r.first_response;
  p.int64(fr.started_at).int64(fr.due).int64(fr.met_at).bytes(fr.policy_id).int64(fr.target.minutes);
  p.bytes(clock_name(fr.target.clock));
  if (r.follow_up) {
    const SlaClock& fu = *r.follow_up;
    p.int64(fu.started_at).int64(fu.due).int64(fu.met_at).bytes(fu.policy_id).int64(fu.target.minutes);
    p.bytes(clock_name(fu.target.clock));
  } else {
    p.null_int64().null_int64().null_int64().null_bytes().null_int64().null_bytes();
  }
  p.int64(r.follow_ups_met).int64(r.follow_ups_breached);
  if (r.rating) p.int64(r.rating->score).bytes(r.rating->comment).int64(r.rating->created_at);
  else p.null_int64().null_bytes().null_int64();
  p.text(search_words(r));
}

Request read_request(const Result& q, int row) {
  Request r;
  r.id = q.bytes(row, 0);
  r.number = q.int64(row, 1);
  r.company_id = q.bytes(row, 2);
  r.customer_id = q.bytes(row, 3);
  r.subject = q.bytes(row, 4);
  r.description = q.bytes(row, 5);
  r.severity = q.int32(row, 6);
  r.category = q.bytes(row, 7);
  r.address = q.bytes(row, 8);
  r.status = request_status_or(q.bytes(row, 9), RequestStatus::kNew);
  r.level = level_or(q.bytes(row, 10), Level::kL1);
  r.assignee_id = q.bytes(row, 11);
  r.created_at = q.int64(row, 12);
  r.updated_at = q.int64(row, 13);
  r.resolved_at = q.opt_int64(row, 14);
  r.closed_at = q.opt_int64(row, 15);
  // 16: next_due, derived
  r.first_response.started_at = q.int64(row, 17);
  r.first_response.due = q.int64(row, 18);
  r.first_response.met_at = q.opt_int64(row, 19);
  r.first_response.policy_id = q.bytes(row, 20);
  r.first_response.target.minutes = q.int32(row, 21);
  r.first_response.target.clock = clock_from(q.bytes(row, 22));
  if (!q.is_null(row, 24)) {
    SlaClock fu;
    fu.started_at = q.int64(row, 23);
    fu.due = q.int64(row, 24);
    fu.met_at = q.opt_int64(row, 25);
    fu.policy_id = q.bytes(row, 26);
    fu.target.minutes = q.int32(row, 27);
    fu.target.clock = clock_from(q.bytes(row, 28));
    r.follow_up = fu;
  }
  r.follow_ups_met = q.int32(row, 29);
  r.follow_ups_breached = q.int32(row, 30);
  if (!q.is_null(row, 31)) {
    Rating rating;
    rating.score = q.int32(row, 31);
    rating.comment = q.bytes(row, 32);
    rating.created_at = q.int64(row, 33);
    r.rating = rating;
  }
  return r;
}

Message read_message(const Result& r, int row) {
  Message m;
  m.id = r.bytes(row, 0);
  m.author_kind = r.bytes(row, 1);
  m.author_id = r.bytes(row, 2);
  m.author_name = r.bytes(row, 3);
  m.body = r.bytes(row, 4);
  m.created_at = r.int64(row, 5);
  return m;
}

}  // namespace portal::pg
