// The columns of the companies, customers, agents and bookings tables, in the order both stores
// bind and read them (SQLite's sqlite_rows.cpp, PostgreSQL's pg_rows.cpp), and the one mapping
// between a Customer, Agent or Booking and those columns. As in request_columns.h, each store
// runs the mapping through its own small adapter: `out` appends one value per call (text,
// integer), `in` reads a column counted from 0 (text, integer).
#pragma once
#include <cstdint>

#include "domain/model.h"

namespace portal {

inline constexpr const char* kCompanyColumns =
    "id, name, plan, pending_plan, period_start, period_end, category, customer_since, "
    "monthly_volume_cents, manager_id, dedicated_agent_id";
inline constexpr const char* kCustomerColumns = "id, company_id, email, name, password_hash, created_at";
inline constexpr const char* kAgentColumns = "id, email, name, level, password_hash, created_at";
inline constexpr const char* kBookingColumns =
    "id, company_id, customer_id, agent_id, start_at, end_at, topic, note, status, sequence, created_at, updated_at";

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
void write_booking_row(Out& out, const Booking& b) {
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

}  // namespace portal
