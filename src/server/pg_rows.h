// Row mapping of PgStore: model structs <-> parameters and result rows (column lists in the
// order of the schema, schema.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "pg_conn.h"
#include "table_rows.h"  // the column lists of companies, customers, agents, sessions, bookings, messages

namespace portal::pg {

const std::string& request_columns();  // without search_words
int request_column_count();

// $first, $first+1, ..., $first+n-1
std::string placeholders(int first, int n);

void add_company(Params& p, const Company& c);
Company read_company(const Result& r, int row);  // without packages and addons
void add_customer(Params& p, const Customer& c);
Customer read_customer(const Result& r, int row);
void add_agent(Params& p, const Agent& a);
Agent read_agent(const Result& r, int row);
void add_session(Params& p, const Session& s);
Session read_session(const Result& r, int row);
void add_booking(Params& p, const Booking& b);
Booking read_booking(const Result& r, int row);
void add_request(Params& p, const Request& r);   // request_columns() then search_words
Request read_request(const Result& r, int row);  // without messages
Message read_message(const Result& r, int row);

// The first row through `read` (one of the above), or nothing when the result has no row.
template <class Read>
auto first_row(const Result& r, Read read) -> std::optional<decltype(read(r, 0))> {
  if (r.rows() == 0) return std::nullopt;
  return read(r, 0);
}
// Every row through `read`.
template <class Read>
auto all_rows(const Result& r, Read read) {
  std::vector<decltype(read(r, 0))> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(read(r, i));
  return out;
}

// " word1 word2 ..." of subject + description, folded (text.h), for the text filter.
std::string search_words(const Request& r);

}  // namespace portal::pg
