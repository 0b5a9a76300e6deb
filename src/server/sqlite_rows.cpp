// SQLite rows (see sqlite_rows.h for the design note).
#include "sqlite_rows.h"

#include <string>

#include "request_columns.h"

namespace portal::sqlite {


const char* kind_name(PrincipalKind kind) { return kind == PrincipalKind::kAgent ? "agent" : "customer"; }
PrincipalKind kind_from(const std::string& name) {
  return name == "agent" ? PrincipalKind::kAgent : PrincipalKind::kCustomer;
}

bool is_constraint(const SqliteError& e, int extended) { return e.code() == extended; }

// ---- SQL text, all constant (built once from column lists, never from data) ----

const std::string& request_columns() { return request_column_list(); }

std::string placeholders(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) {
    if (i > 1) out += ", ";
    out += "?" + std::to_string(i);
  }
  return out;
}

const std::string& request_insert_sql() {
  static const std::string s =
      "INSERT INTO requests (" + request_columns() + ") VALUES (" + placeholders(kRequestColumnCount) + ")";
  return s;
}

// update_request is "insert or replace" (as in the in-memory store), but as an UPSERT: the row is
// updated in place, never deleted, so its messages stay.
const std::string& request_upsert_sql() {
  static const std::string s = [] {
    std::string out = request_insert_sql() + " ON CONFLICT (id) DO UPDATE SET ";
    for (int i = 1; i < kRequestColumnCount; ++i) {
      if (i > 1) out += ", ";
      out += std::string(kRequestColumnNames[i]) + " = excluded." + kRequestColumnNames[i];
    }
    return out;
  }();
  return s;
}

const std::string& request_select_sql() {
  static const std::string s = "SELECT " + request_columns() + " FROM requests";
  return s;
}

void bind_request(Stmt& s, const Request& r) {
  s.bind(1, r.id).bind(2, r.number).bind(3, r.company_id).bind(4, r.customer_id);
  s.bind(5, r.subject).bind(6, r.description).bind(7, r.severity).bind(8, r.category).bind(9, r.address);
  s.bind(10, r.status).bind(11, r.level).bind(12, r.assignee_id);
  s.bind(13, r.created_at).bind(14, r.updated_at).bind(15, r.resolved_at).bind(16, r.closed_at);
  s.bind(17, r.next_due());
  const SlaClock& fr = r.first_response;
  s.bind(18, fr.started_at).bind(19, fr.due).bind(20, fr.met_at).bind(21, fr.policy_id);
  s.bind(22, fr.target.minutes).bind(23, clock_name(fr.target.clock));
  if (r.follow_up) {
    const SlaClock& fu = *r.follow_up;
    s.bind(24, fu.started_at).bind(25, fu.due).bind(26, fu.met_at).bind(27, fu.policy_id);
    s.bind(28, fu.target.minutes).bind(29, clock_name(fu.target.clock));
  } else {
    for (int i = 24; i <= 29; ++i) s.bind_null(i);
  }
  s.bind(30, r.follow_ups_met).bind(31, r.follow_ups_breached);
  if (r.rating) {
    s.bind(32, r.rating->score).bind(33, r.rating->comment).bind(34, r.rating->created_at);
  } else {
    for (int i = 32; i <= 34; ++i) s.bind_null(i);
  }
}

Request read_request(const Stmt& s) {
  Request r;
  r.id = s.text(0);
  r.number = s.int64(1);
  r.company_id = s.text(2);
  r.customer_id = s.text(3);
  r.subject = s.text(4);
  r.description = s.text(5);
  r.severity = s.int32(6);
  r.category = s.text(7);
  r.address = s.text(8);
  r.status = s.text(9);
  r.level = s.text(10);
  r.assignee_id = s.text(11);
  r.created_at = s.int64(12);
  r.updated_at = s.int64(13);
  r.resolved_at = s.opt_int64(14);
  r.closed_at = s.opt_int64(15);
  // 16: next_due, derived
  r.first_response.started_at = s.int64(17);
  r.first_response.due = s.int64(18);
  r.first_response.met_at = s.opt_int64(19);
  r.first_response.policy_id = s.text(20);
  r.first_response.target.minutes = s.int32(21);
  r.first_response.target.clock = clock_from(s.text(22));
  if (!s.is_null(24)) {
    SlaClock fu;
    fu.started_at = s.int64(23);
    fu.due = s.int64(24);
    fu.met_at = s.opt_int64(25);
    fu.policy_id = s.text(26);
    fu.target.minutes = s.int32(27);
    fu.target.clock = clock_from(s.text(28));
    r.follow_up = fu;
  }
  r.follow_ups_met = s.int32(29);
  r.follow_ups_breached = s.int32(30);
  if (!s.is_null(31)) {
    Rating rating;
    rating.score = s.int32(31);
    rating.comment = s.text(32);
    rating.created_at = s.int64(33);
    r.rating = rating;
  }
  return r;
}


Customer read_customer(const Stmt& s) {
  Customer c;
  c.id = s.text(0);
  c.company_id = s.text(1);
  c.email = s.text(2);
  c.name = s.text(3);
  c.password_hash = s.text(4);
  c.created_at = s.int64(5);
  return c;
}

Agent read_agent(const Stmt& s) {
  Agent a;
  a.id = s.text(0);
  a.email = s.text(1);
  a.name = s.text(2);
  a.level = s.text(3);
  a.password_hash = s.text(4);
  a.created_at = s.int64(5);
  return a;
}

Booking read_booking(const Stmt& s) {
  Booking b;
  b.id = s.text(0);
  b.company_id = s.text(1);
  b.customer_id = s.text(2);
  b.agent_id = s.text(3);
  b.start = s.int64(4);
  b.end = s.int64(5);
  b.topic = s.text(6);
  b.note = s.text(7);
  b.status = s.text(8);
  b.sequence = s.int32(9);
  b.created_at = s.int64(10);
  b.updated_at = s.int64(11);
  return b;
}

void bind_booking(Stmt& s, const Booking& b) {
  s.bind(1, b.id).bind(2, b.company_id).bind(3, b.customer_id).bind(4, b.agent_id);
  s.bind(5, b.start).bind(6, b.end).bind(7, b.topic).bind(8, b.note).bind(9, b.status);
  s.bind(10, b.sequence).bind(11, b.created_at).bind(12, b.updated_at);
}

}  // namespace portal::sqlite
