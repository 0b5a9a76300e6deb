// Support schedules and business time, exactly as shared/sla/README.md defines them.
//
// An instant is inside a schedule when its local wall-clock time lies in an open interval of its
// local date's weekday and that date is not a holiday. Everything here walks open intervals
// (never minute by minute): between two DST transitions the UTC offset is constant, so each local
// interval maps to one UTC interval, clipped to that constant-offset segment.
#pragma once
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "time/civil.h"
#include "time/posix_tz.h"

namespace portal {

// [open, close) in local minutes since midnight; close may be 1440 ("24:00").
struct OpenInterval {
  int open_minute = 0;
  int close_minute = 0;
};

struct Schedule {
  std::string id;
  std::string tz_name;  // IANA name, for display: "Europe/Berlin"
  std::string name;     // the operator's words for the hours, for display: "Weekdays 09:00–18:00"; may be empty
  PosixTz tz = PosixTz::utc();
  std::array<std::vector<OpenInterval>, 7> weekly;  // Monday first; sorted, non-overlapping
  std::vector<std::int64_t> holidays;               // local dates as days since epoch, sorted

  bool is_holiday(std::int64_t local_day) const;
  bool is_always_open() const;  // every day 00:00-24:00 and no holidays
};

// A half-open span of time [begin, end) in UTC.
struct Span {
  Instant begin = 0;
  Instant end = 0;
  Instant length() const { return end - begin; }
};

// Visits the open pieces of the schedule at or after `from`, in time order, clipped to start at
// `from`, until `visit` returns false or `until` is reached. Pieces that touch (midnight in a
// 24/7 schedule, a DST transition) are reported separately; see next_open_span to merge them.
void for_each_open_piece(const Schedule& schedule, Instant from, Instant until, const std::function<bool(Span)>& visit);

bool is_open(const Schedule& schedule, Instant t);

// The first maximal open span that ends after t (merged across touching pieces), looking no
// further than `horizon_seconds` ahead. If t is inside, begin == t.
std::optional<Span> next_open_span(const Schedule& schedule, Instant t, Instant horizon_seconds = 400 * kSecondsPerDay);

// Real elapsed seconds of [a, b) that lie inside the schedule.
std::int64_t business_seconds(const Schedule& schedule, Instant a, Instant b);

// The earliest d >= start with business_seconds(start, d) == seconds. seconds == 0 gives start.
// nullopt only when the schedule has too little open time in the next ten years.
std::optional<Instant> business_due(const Schedule& schedule, Instant start, std::int64_t seconds);

// Why a due time is where it is: per local date (of the schedule) from start to due, how much
// business time was counted, and whether the date was a holiday or closed all day.
struct DueDay {
  CivilDate date;
  std::int64_t counted_seconds = 0;
  bool holiday = false;
  bool closed = false;  // open hours that day, none of them inside [start, due)
};
std::vector<DueDay> explain_business_due(const Schedule& schedule, Instant start, Instant due);

}  // namespace portal
