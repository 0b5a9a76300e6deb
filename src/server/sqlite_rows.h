// SQLite rows: how a Request, Company, Customer, Agent, Session, Booking or Message is bound to a statement and read
// back from a row, and the constant SQL text built from the column lists (request_columns.h). Design: row mapping only,
// no I/O of its own: sqlite_queries.cpp runs the statements, sqlite_store.cpp owns the connections and the group
// commit. Values are always bound.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "sqlite_db.h"
#include "table_rows.h"  // the column lists

namespace portal::sqlite {

bool is_constraint(const SqliteError& e, int extended);

std::string placeholders(int n);  // "?1, ?2, …, ?n"
const std::string& request_columns();
const std::string& request_insert_sql();
const std::string& request_upsert_sql();  // insert, or update in place (messages stay)
const std::string& request_select_sql();
void bind_request(Stmt& s, const Request& r);
Request read_request(const Stmt& s);
void bind_company(Stmt& s, const Company& c);  // without packages and addons
Company read_company(const Stmt& s);
void bind_customer(Stmt& s, const Customer& c);
Customer read_customer(const Stmt& s);
void bind_agent(Stmt& s, const Agent& a);
Agent read_agent(const Stmt& s);
void bind_session(Stmt& s, const Session& session);
Session read_session(const Stmt& s);
Message read_message(const Stmt& s);  // kMessageColumns
Booking read_booking(const Stmt& s);
void bind_booking(Stmt& s, const Booking& b);

// The next row through `read` (one of the above), or nothing when the statement has no more rows.
template <class Read>
auto first_row(Stmt& s, Read read) -> std::optional<decltype(read(s))> {
  if (!s.step()) return std::nullopt;
  return read(s);
}
// Every (remaining) row through `read`.
template <class Read>
auto all_rows(Stmt& s, Read read) {
  std::vector<decltype(read(s))> out;
  while (s.step()) out.push_back(read(s));
  return out;
}

}  // namespace portal::sqlite
