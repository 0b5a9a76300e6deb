// Row mapping of PgStore: model structs <-> parameters and result rows (column lists in the
// order of the schema, schema.cpp).
#pragma once
#include <string>

#include "domain/model.h"
#include "pg_conn.h"
#include "table_rows.h"  // the column lists of companies, customers, agents, bookings

namespace portal::pg {

extern const char* const kSessionColumns;
extern const char* const kMessageColumns;  // without request_id and seq
const std::string& request_columns();      // without search_words
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

// " word1 word2 ..." of subject + description, folded (text.h), for the text filter.
std::string search_words(const Request& r);

}  // namespace portal::pg
