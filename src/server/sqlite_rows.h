// SQLite rows: how a Request, Customer, Agent or Booking is bound to a statement and read back
// from a row, and the constant SQL text built from the column lists (request_columns.h).
// Design: row mapping only, no I/O of its own: sqlite_queries.cpp runs the statements,
// sqlite_store.cpp owns the connections and the group commit. Values are always bound.
#pragma once
#include <string>

#include "domain/model.h"
#include "sqlite_db.h"

namespace portal::sqlite {

inline constexpr const char* kCompanyColumns =
    "id, name, plan, pending_plan, period_start, period_end, category, customer_since, "
    "monthly_volume_cents, manager_id, dedicated_agent_id";
inline constexpr const char* kCustomerColumns = "id, company_id, email, name, password_hash, created_at";
inline constexpr const char* kAgentColumns = "id, email, name, level, password_hash, created_at";
inline constexpr const char* kBookingColumns =
    "id, company_id, customer_id, agent_id, start_at, end_at, topic, note, status, sequence, created_at, updated_at";

const char* kind_name(PrincipalKind kind);
PrincipalKind kind_from(const std::string& name);
bool is_constraint(const SqliteError& e, int extended);

std::string placeholders(int n);  // "?1, ?2, …, ?n"
const std::string& request_columns();
const std::string& request_insert_sql();
const std::string& request_upsert_sql();  // insert, or update in place (messages stay)
const std::string& request_select_sql();
void bind_request(Stmt& s, const Request& r);
Request read_request(const Stmt& s);
Customer read_customer(const Stmt& s);
Agent read_agent(const Stmt& s);
Booking read_booking(const Stmt& s);
void bind_booking(Stmt& s, const Booking& b);

}  // namespace portal::sqlite
