#include "pg_rows.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/text.h"
#include "request_columns.h"
#include "table_rows.h"

namespace portal::pg {

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

void add_company(Params& p, const Company& c) { write_company_row(AddRow{p}, c); }
Company read_company(const Result& r, int row) { return read_company_row(ReadRow{r, row}); }

void add_customer(Params& p, const Customer& c) { write_customer_row(AddRow{p}, c); }
Customer read_customer(const Result& r, int row) { return read_customer_row(ReadRow{r, row}); }

void add_agent(Params& p, const Agent& a) { write_agent_row(AddRow{p}, a); }
Agent read_agent(const Result& r, int row) { return read_agent_row(ReadRow{r, row}); }

void add_session(Params& p, const Session& s) { write_session_row(AddRow{p}, s); }
Session read_session(const Result& r, int row) { return read_session_row(ReadRow{r, row}); }

void add_booking(Params& p, const Booking& b) { write_booking_row(AddRow{p}, b); }
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
  write_request_row(AddRow{p}, r);
  p.text(search_words(r));
}
Request read_request(const Result& q, int row) { return read_request_row(ReadRow{q, row}); }

Message read_message(const Result& r, int row) { return read_message_row(ReadRow{r, row}); }

}  // namespace portal::pg
