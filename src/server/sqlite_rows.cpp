// SQLite rows (see sqlite_rows.h for the design note).
#include "sqlite_rows.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "request_columns.h"
#include "table_rows.h"

namespace portal::sqlite {

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

namespace {

// The row mappings of request_columns.h and table_rows.h over a statement: binds ?1, ?2, … in order; reads columns.
struct BindRow {
  Stmt& s;
  int next = 1;
  void text(std::string_view v) { s.bind(next++, v); }
  void integer(std::int64_t v) { s.bind(next++, v); }
  void integer(std::optional<std::int64_t> v) { s.bind(next++, v); }
  void null_text() { s.bind_null(next++); }
  void null_integer() { s.bind_null(next++); }
};
struct ReadRow {
  const Stmt& s;
  std::string text(int column) const { return s.text(column); }
  std::int64_t integer(int column) const { return s.int64(column); }
  std::optional<std::int64_t> opt_integer(int column) const { return s.opt_int64(column); }
  bool is_null(int column) const { return s.is_null(column); }
};

}  // namespace

void bind_request(Stmt& s, const Request& r) { write_request_row(BindRow{s}, r); }
Request read_request(const Stmt& s) { return read_request_row(ReadRow{s}); }

void bind_company(Stmt& s, const Company& c) { write_company_row(BindRow{s}, c); }
Company read_company(const Stmt& s) { return read_company_row(ReadRow{s}); }

void bind_customer(Stmt& s, const Customer& c) { write_customer_row(BindRow{s}, c); }
Customer read_customer(const Stmt& s) { return read_customer_row(ReadRow{s}); }

void bind_agent(Stmt& s, const Agent& a) { write_agent_row(BindRow{s}, a); }
Agent read_agent(const Stmt& s) { return read_agent_row(ReadRow{s}); }

void bind_session(Stmt& s, const Session& session) { write_session_row(BindRow{s}, session); }
Session read_session(const Stmt& s) { return read_session_row(ReadRow{s}); }

void bind_booking(Stmt& s, const Booking& b) { write_booking_row(BindRow{s}, b); }
Booking read_booking(const Stmt& s) { return read_booking_row(ReadRow{s}); }

Message read_message(const Stmt& s) { return read_message_row(ReadRow{s}); }

}  // namespace portal::sqlite
