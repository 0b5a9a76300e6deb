// The requests table's columns, in the order both stores bind and read them (SQLite's
// sqlite_rows.cpp, PostgreSQL's pg_rows.cpp), and how an SLA clock is spelled in a row.
// One list: a column added here is added to both stores' SELECT / INSERT / UPSERT text.
#pragma once
#include <iterator>
#include <string>

#include "sla/policy.h"

namespace portal {

inline constexpr const char* kRequestColumnNames[] = {
    "id",           "number",        "company_id",     "customer_id",    "subject",
    "description",  "severity",      "category",       "address",        "status",
    "level",        "assignee_id",   "created_at",     "updated_at",     "resolved_at",
    "closed_at",    "next_due",      "fr_started_at",  "fr_due",         "fr_met_at",
    "fr_policy_id", "fr_minutes",    "fr_clock",       "fu_started_at",  "fu_due",
    "fu_met_at",    "fu_policy_id",  "fu_minutes",     "fu_clock",       "follow_ups_met",
    "follow_ups_breached", "rating_score", "rating_comment", "rating_created_at"};
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

}  // namespace portal
