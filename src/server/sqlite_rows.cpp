// SQLite rows (see sqlite_rows.h for the design note).
#include "sqlite_rows.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

namespace {

// request_columns.h's row mapping over a statement: binds ?1, ?2, … in order; reads columns.
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

void bind_request(Stmt& s, const Request& r) {
  BindRow out{s};
  write_request_row(out, r);
}

Request read_request(const Stmt& s) { return read_request_row(ReadRow{s}); }

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
