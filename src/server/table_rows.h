// The columns of the companies, customers, agents, sessions, bookings and messages tables, in the
// order both stores bind and read them (SQLite's sqlite_rows.cpp, PostgreSQL's pg_rows.cpp), and
// the one mapping between a Company, Customer, Agent, Session, Booking or Message and those
// columns. As in request_columns.h, each store runs the mapping through its own small adapter:
// `out` appends one value per call (text, integer), `in` reads a column counted from 0 (text,
// integer).
#pragma once
#include <cstdint>
#include <string>

#include "domain/model.h"

namespace portal {

inline constexpr const char* kCompanyColumns =
    "id, name, plan, pending_plan, period_start, period_end, category, customer_since, "
    "monthly_volume_cents, manager_id, dedicated_agent_id";
inline constexpr const char* kCustomerColumns = "id, company_id, email, name, password_hash, created_at";
inline constexpr const char* kAgentColumns = "id, email, name, level, password_hash, created_at";
inline constexpr const char* kSessionColumns =
    "token_hash, kind, principal_id, created_at, expires_at, last_used_at, user_agent";
inline constexpr const char* kBookingColumns =
    "id, company_id, customer_id, agent_id, start_at, end_at, topic, note, status, sequence, created_at, updated_at";
// Without request_id and seq.
inline constexpr const char* kMessageColumns = "id, author_kind, author_id, author_name, body, created_at";
// The upserts' SET clauses (every column but the key), the same SQL in both stores.
inline constexpr const char* kCompanyUpsertSet =
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, plan = excluded.plan, "
    "pending_plan = excluded.pending_plan, period_start = excluded.period_start, "
    "period_end = excluded.period_end, category = excluded.category, "
    "customer_since = excluded.customer_since, "
    "monthly_volume_cents = excluded.monthly_volume_cents, "
    "manager_id = excluded.manager_id, dedicated_agent_id = excluded.dedicated_agent_id";
inline constexpr const char* kSessionUpsertSet =
    "ON CONFLICT (token_hash) DO UPDATE SET kind = excluded.kind, "
    "principal_id = excluded.principal_id, created_at = excluded.created_at, "
    "expires_at = excluded.expires_at, last_used_at = excluded.last_used_at, "
    "user_agent = excluded.user_agent";

// sessions.kind
inline const char* principal_kind_name(PrincipalKind kind) {
  return kind == PrincipalKind::kAgent ? "agent" : "customer";
}
inline PrincipalKind principal_kind_from(const std::string& name) {
  return name == "agent" ? PrincipalKind::kAgent : PrincipalKind::kCustomer;
}

// Without packages and addons (the company_offers table).
template <class Out>
void write_company_row(Out&& out, const Company& c) {
  out.text(c.id), out.text(c.name), out.text(c.plan), out.text(c.pending_plan), out.integer(c.period_start);
  out.integer(c.period_end), out.text(c.category), out.integer(c.customer_since), out.integer(c.monthly_volume_cents);
  out.text(c.manager_id), out.text(c.dedicated_agent_id);
}

template <class In>
Company read_company_row(const In& in) {
  Company c;
  c.id = in.text(0);
  c.name = in.text(1);
  c.plan = in.text(2);
  c.pending_plan = in.text(3);
  c.period_start = in.integer(4);
  c.period_end = in.integer(5);
  c.category = in.text(6);
  c.customer_since = in.integer(7);
  c.monthly_volume_cents = in.integer(8);
  c.manager_id = in.text(9);
  c.dedicated_agent_id = in.text(10);
  return c;
}

template <class Out>
void write_customer_row(Out&& out, const Customer& c) {
  out.text(c.id), out.text(c.company_id), out.text(c.email), out.text(c.name), out.text(c.password_hash);
  out.integer(c.created_at);
}

template <class In>
Customer read_customer_row(const In& in) {
  Customer c;
  c.id = in.text(0);
  c.company_id = in.text(1);
  c.email = in.text(2);
  c.name = in.text(3);
  c.password_hash = in.text(4);
  c.created_at = in.integer(5);
  return c;
}

template <class In>
Agent read_agent_row(const In& in) {
  Agent a;
  a.id = in.text(0);
  a.email = in.text(1);
  a.name = in.text(2);
  a.level = level_or(in.text(3), Level::kL1);
  a.password_hash = in.text(4);
  a.created_at = in.integer(5);
  return a;
}

template <class Out>
void write_agent_row(Out&& out, const Agent& a) {
  out.text(a.id), out.text(a.email), out.text(a.name), out.text(to_string(a.level)), out.text(a.password_hash);
  out.integer(a.created_at);
}

template <class Out>
void write_session_row(Out&& out, const Session& s) {
  out.text(s.token_hash), out.text(principal_kind_name(s.kind)), out.text(s.principal_id), out.integer(s.created_at);
  out.integer(s.expires_at), out.integer(s.last_used_at), out.text(s.user_agent);
}

template <class In>
Session read_session_row(const In& in) {
  Session s;
  s.token_hash = in.text(0);
  s.kind = principal_kind_from(in.text(1));
  s.principal_id = in.text(2);
  s.created_at = in.integer(3);
  s.expires_at = in.integer(4);
  s.last_used_at = in.integer(5);
  s.user_agent = in.text(6);
  return s;
}

template <class Out>
void write_booking_row(Out&& out, const Booking& b) {
  out.text(b.id), out.text(b.company_id), out.text(b.customer_id), out.text(b.agent_id);
  out.integer(b.start), out.integer(b.end), out.text(b.topic), out.text(b.note), out.text(b.status);
  out.integer(b.sequence), out.integer(b.created_at), out.integer(b.updated_at);
}

template <class In>
Booking read_booking_row(const In& in) {
  Booking b;
  b.id = in.text(0);
  b.company_id = in.text(1);
  b.customer_id = in.text(2);
  b.agent_id = in.text(3);
  b.start = in.integer(4);
  b.end = in.integer(5);
  b.topic = in.text(6);
  b.note = in.text(7);
  b.status = in.text(8);
  b.sequence = static_cast<int>(in.integer(9));
  b.created_at = in.integer(10);
  b.updated_at = in.integer(11);
  return b;
}

template <class In>
Message read_message_row(const In& in) {
  Message m;
  m.id = in.text(0);
  m.author_kind = in.text(1);
  m.author_id = in.text(2);
  m.author_name = in.text(3);
  m.body = in.text(4);
  m.created_at = in.integer(5);
  return m;
}

}  // namespace portal
