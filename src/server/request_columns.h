// The requests table's columns, in the order both stores bind and read them (SQLite's
// sqlite_rows.cpp, PostgreSQL's pg_rows.cpp), how an SLA clock is spelled in a row, and the one
// mapping between a Request and those columns (write_request_row / read_request_row), which each
// store runs through a small adapter over its own statement API.
// One list: a column added here is added to both stores' SELECT / INSERT / UPSERT text, and to
// the mapping below (the static_assert counts it).
#pragma once
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "sla/policy.h"

namespace portal {

inline constexpr const char* kRequestColumnNames[] = {"id",
                                                      "number",
                                                      "company_id",
                                                      "customer_id",
                                                      "subject",
                                                      "description",
                                                      "severity",
                                                      "category",
                                                      "address",
                                                      "status",
                                                      "level",
                                                      "assignee_id",
                                                      "created_at",
                                                      "updated_at",
                                                      "resolved_at",
                                                      "closed_at",
                                                      "next_due",
                                                      "fr_started_at",
                                                      "fr_due",
                                                      "fr_met_at",
                                                      "fr_policy_id",
                                                      "fr_minutes",
                                                      "fr_clock",
                                                      "fu_started_at",
                                                      "fu_due",
                                                      "fu_met_at",
                                                      "fu_policy_id",
                                                      "fu_minutes",
                                                      "fu_clock",
                                                      "follow_ups_met",
                                                      "follow_ups_breached",
                                                      "rating_score",
                                                      "rating_comment",
                                                      "rating_created_at"};
inline constexpr int kRequestColumnCount = static_cast<int>(std::size(kRequestColumnNames));

// "id, number, …": the list above joined, built once.
inline const std::string& request_column_list() {
  static const std::string s = [] {
    std::string out;
    for (int i = 0; i < kRequestColumnCount; ++i) {
      if (i) out += ", ";
      out += kRequestColumnNames[i];
    }
    return out;
  }();
  return s;
}

inline const char* clock_name(Clock clock) { return clock == Clock::kBusiness ? "business" : "calendar"; }
inline Clock clock_from(const std::string& name) { return name == "business" ? Clock::kBusiness : Clock::kCalendar; }

// Writes a request's columns in kRequestColumnNames' order to `out`, which appends one value per
// call: text(std::string_view), integer(std::int64_t), integer(std::optional<std::int64_t>) (NULL
// when empty), null_text(), null_integer(). Messages are rows of their own table.
template <class Out>
void write_request_row(Out&& out, const Request& r) {
  out.text(r.id), out.integer(r.number), out.text(r.company_id), out.text(r.customer_id);
  out.text(r.subject), out.text(r.description), out.integer(r.severity), out.text(r.category);
  out.text(r.address), out.text(to_string(r.status)), out.text(to_string(r.level)), out.text(r.assignee_id);
  out.integer(r.created_at), out.integer(r.updated_at), out.integer(r.resolved_at), out.integer(r.closed_at);
  out.integer(r.next_due());  // derived, stored for ordering and filtering; never read back
  const SlaClock& fr = r.first_response;
  out.integer(fr.started_at), out.integer(fr.due), out.integer(fr.met_at), out.text(fr.policy_id);
  out.integer(fr.target.minutes), out.text(clock_name(fr.target.clock));
  if (r.follow_up) {
    const SlaClock& fu = *r.follow_up;
    out.integer(fu.started_at), out.integer(fu.due), out.integer(fu.met_at), out.text(fu.policy_id);
    out.integer(fu.target.minutes), out.text(clock_name(fu.target.clock));
  } else {
    out.null_integer(), out.null_integer(), out.null_integer(), out.null_text(), out.null_integer(), out.null_text();
  }
  out.integer(r.follow_ups_met), out.integer(r.follow_ups_breached);
  if (r.rating) {
    out.integer(r.rating->score), out.text(r.rating->comment), out.integer(r.rating->created_at);
  } else {
    out.null_integer(), out.null_text(), out.null_integer();
  }
}

// Reads a request (without its messages) from a row in kRequestColumnNames' order; `in` answers
// text(column) -> std::string, integer(column) -> std::int64_t, opt_integer(column) ->
// std::optional<std::int64_t> and is_null(column), columns counted from 0.
template <class In>
Request read_request_row(const In& in) {
  const auto int32 = [&](int column) { return static_cast<int>(in.integer(column)); };
  Request r;
  r.id = in.text(0);
  r.number = in.integer(1);
  r.company_id = in.text(2);
  r.customer_id = in.text(3);
  r.subject = in.text(4);
  r.description = in.text(5);
  r.severity = int32(6);
  r.category = in.text(7);
  r.address = in.text(8);
  r.status = request_status_or(in.text(9), RequestStatus::kNew);
  r.level = level_or(in.text(10), Level::kL1);
  r.assignee_id = in.text(11);
  r.created_at = in.integer(12);
  r.updated_at = in.integer(13);
  r.resolved_at = in.opt_integer(14);
  r.closed_at = in.opt_integer(15);
  // 16: next_due, derived
  r.first_response.started_at = in.integer(17);
  r.first_response.due = in.integer(18);
  r.first_response.met_at = in.opt_integer(19);
  r.first_response.policy_id = in.text(20);
  r.first_response.target.minutes = int32(21);
  r.first_response.target.clock = clock_from(in.text(22));
  if (!in.is_null(24)) {
    SlaClock fu;
    fu.started_at = in.integer(23);
    fu.due = in.integer(24);
    fu.met_at = in.opt_integer(25);
    fu.policy_id = in.text(26);
    fu.target.minutes = int32(27);
    fu.target.clock = clock_from(in.text(28));
    r.follow_up = fu;
  }
  r.follow_ups_met = int32(29);
  r.follow_ups_breached = int32(30);
  if (!in.is_null(31)) {
    Rating rating;
    rating.score = int32(31);
    rating.comment = in.text(32);
    rating.created_at = in.integer(33);
    r.rating = rating;
  }
  return r;
}
static_assert(kRequestColumnCount == 34,
              "a requests column was added: map it in write_request_row and read_request_row");

// The statuses of a requests filter as the stored strings, sorted and without repeats: the SQL
// (`status IN (?, ?)`) then depends only on how many there are, so its statement can be cached.
inline std::vector<std::string> status_filter(const std::vector<RequestStatus>& statuses) {
  std::vector<std::string> out;
  for (RequestStatus st : statuses) out.push_back(to_string(st));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace portal
