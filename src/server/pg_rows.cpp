#include "pg_rows.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/text.h"
#include "request_columns.h"
#include "table_rows.h"

namespace portal::pg {

const char* const kSessionColumns = "token_hash, kind, principal_id, created_at, expires_at, last_used_at, user_agent";
const char* const kMessageColumns = "id, author_kind, author_id, author_name, body, created_at";

int request_column_count() { return kRequestColumnCount; }

const std::string& request_columns() { return request_column_list(); }

std::string placeholders(int first, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i) out += ", ";
    out += "$" + std::to_string(first + i);
  }
  return out;
}

namespace {

// The row mappings of request_columns.h and table_rows.h over libpq: appends binary
// parameters; reads a row's columns.
struct AddRow {
  Params& p;
  void text(std::string_view v) { p.bytes(v); }
  void integer(std::int64_t v) { p.int64(v); }
  void integer(std::optional<std::int64_t> v) { p.int64(v); }
  void null_text() { p.null_bytes(); }
  void null_integer() { p.null_int64(); }
};
struct ReadRow {
  const Result& q;
  int row;
  std::string text(int column) const { return q.bytes(row, column); }
  std::int64_t integer(int column) const { return q.int64(row, column); }
  std::optional<std::int64_t> opt_integer(int column) const { return q.opt_int64(row, column); }
  bool is_null(int column) const { return q.is_null(row, column); }
};

}  // namespace

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

Customer read_customer(const Result& r, int row) { return read_customer_row(ReadRow{r, row}); }

void add_agent(Params& p, const Agent& a) {
  p.bytes(a.id).bytes(a.email).bytes(a.name).bytes(to_string(a.level)).bytes(a.password_hash).int64(a.created_at);
}

Agent read_agent(const Result& r, int row) { return read_agent_row(ReadRow{r, row}); }

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
  AddRow out{p};
  write_booking_row(out, b);
}

Booking read_booking(const Result& r, int row) { return read_booking_row(ReadRow{r, row}); }

std::string search_words(const Request& r) {
  std::string text;
  text.reserve(r.subject.size() + 1 + r.description.size());
  text.append(r.subject).append(" ").append(r.description);
  std::string out;
  for (const std::string& w : fold_words(text)) out.append(" ").append(w);
  return out;
}

void add_request(Params& p, const Request& r) {
  AddRow out{p};
  write_request_row(out, r);
  p.text(search_words(r));
}

Request read_request(const Result& q, int row) { return read_request_row(ReadRow{q, row}); }

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
