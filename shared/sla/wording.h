// How an SLA target is said, decided once for every screen: the length of a schedule's business
// day, and whether a target reads in business days, business hours or around the clock (24/7).
// The core decides the unit and the amount; the portal only translates them.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "sla/policy.h"
#include "sla/schedule.h"

namespace portal {

// The length of a usual open day of the schedule: the most common non-zero daily total (ties: the
// longer), in minutes; 0 when the schedule never opens. "1 business day" is one such day (sla.md).
int business_day_minutes(const Schedule& schedule);

// The unit a target is said in.
enum class TargetUnit {
  kDays,             // around the clock: "2 days, 24/7"
  kHours,            // "4 hours, 24/7"
  kMinutes,          // "30 minutes, 24/7"
  kBusinessDays,     // whole business days of the schedule, under 24 h in total: "1 business day"
  kBusinessHours,    // "8 business hours"
  kBusinessMinutes,  // "90 business minutes"
};

struct TargetWording {
  TargetUnit unit = TargetUnit::kMinutes;
  std::int64_t amount = 0;
  bool around_the_clock() const {
    return unit == TargetUnit::kDays || unit == TargetUnit::kHours || unit == TargetUnit::kMinutes;
  }
};

// A calendar target, or a business target on a schedule that is always open or whose business day
// is 24 h or more, is counted around the clock (24/7). Otherwise business days when the target is
// whole business days and under 24 h in total (a VIP "1 business day"), else business hours, else
// business minutes (Basic's 72 hours stay hours, not "8 business days"). `schedule` may be null
// (unknown): a business target then reads in business hours or minutes.
TargetWording describe_target(const Target& target, const Schedule* schedule);

// Opening hours by weekday, Monday first: [open, close) in minutes after midnight, sorted; close
// may pass 1440 (open over midnight).
using WeekHours = std::array<std::vector<std::pair<int, int>>, 7>;

// The schedule's week in its own zone.
WeekHours schedule_week(const Schedule& schedule);
// The same week on another clock (the customer's): this week's dates around `now`, so the DST of
// the moment counts. `utc_offset` gives that clock's offset from UTC in seconds at an instant.
WeekHours week_on_clock(const Schedule& schedule, Instant now, const std::function<std::int64_t(Instant)>& utc_offset);

// Consecutive weekdays with the same hours ("Mon–Fri 09:00–18:00"); closed days left out.
struct DayGroup {
  int first = 0, last = 0;  // weekdays, Monday = 0
  std::vector<std::pair<int, int>> hours;
};
std::vector<DayGroup> group_days(const WeekHours& week);
// Every day open from 00:00 for 24 h or more: said as "24/7".
bool is_always_open(const WeekHours& week);

}  // namespace portal
