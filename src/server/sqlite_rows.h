// SQLite rows: how a Request, Customer, Agent or Booking is bound to a statement and read back
// from a row, and the constant SQL text built from the column lists (request_columns.h).
// Design: row mapping only, no I/O of its own: sqlite_queries.cpp runs the statements,
// sqlite_store.cpp owns the connections and the group commit. Values are always bound.
#pragma once
#include <string>

#include "domain/model.h"
#include "sqlite_db.h"
#include "table_rows.h"  // the column lists

namespace portal::sqlite {

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
