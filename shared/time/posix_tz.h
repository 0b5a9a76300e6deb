// POSIX TZ rules, e.g. "CET-1CEST,M3.5.0,M10.5.0/3" (what glibc reads from $TZ and what ends every
// IANA tzdata file). Implemented here because it must run identically in the browser.
//
//   std offset [dst [offset] [,start[/time],end[/time]]]
//   names: 3+ letters, or <...> quoted (e.g. <+0545>); offsets [+-]hh[:mm[:ss]], positive WEST of
//   Greenwich (so CET-1 is UTC+1); dst offset defaults to std - 1 h; rules Mm.w.d (w=5: last),
//   Jn (1..365, Feb 29 never counted) and n (0..365, counting Feb 29); time defaults to 02:00:00,
//   may be negative or up to 167 h (POSIX.1-2017 extension glibc accepts). When dst is named
//   without rules, the US default M3.2.0,M11.1.0 applies (as glibc does).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "time/civil.h"

namespace portal {

class PosixTz {
 public:
  static std::optional<PosixTz> parse(std::string_view rule, std::string* error = nullptr);
  static PosixTz utc();

  // Seconds EAST of UTC in force at instant t (CET → +3600, EST → -18000).
  int utc_offset(Instant t) const;
  bool is_dst(Instant t) const;
  const std::string& abbreviation(Instant t) const;

  // Local wall clock at t.
  LocalDateTime to_local(Instant t) const;

  // The first instant >= t at which the offset changes, or nullopt if it never does (no DST).
  std::optional<Instant> next_transition(Instant t) const;

  // Local wall clock → instant. In a gap (spring forward) the local time does not exist and the
  // instant is computed with the offset in force before the gap (so it lands after the gap, as
  // mktime does with tm_isdst = -1 on glibc). In an overlap (fall back) the earlier instant wins.
  Instant from_local(LocalDateTime local) const;

  const std::string& rule() const { return rule_; }
  bool has_dst() const { return has_dst_; }

 private:
  struct Rule {
    enum Kind { kMonthWeekDay, kJulianNoLeap, kJulianZero } kind = kMonthWeekDay;
    int month = 0, week = 0, weekday = 0;  // kMonthWeekDay (weekday 0 = Sunday, as POSIX)
    int day = 0;                           // kJulian*
    int time = 7200;                       // seconds after local midnight, may be negative
  };
  // Instants (UTC) at which DST starts and ends in the given year.
  Instant dst_start_utc(int year) const;
  Instant dst_end_utc(int year) const;
  static std::int64_t rule_day(const Rule& r, int year);  // days since epoch of the rule's date
  // Hot path: the same as rule_day() given the year's Jan 1 (days since epoch) and leap flag.
  static std::int64_t rule_day(const Rule& r, std::int64_t jan1, bool leap);
  bool dst_at(Instant t) const;  // whether the DST rule is in force at t

  std::string rule_;
  std::string std_name_, dst_name_;
  int std_offset_ = 0;  // seconds east of UTC
  int dst_offset_ = 0;
  bool has_dst_ = false;
  Rule start_, end_;
};

}  // namespace portal
