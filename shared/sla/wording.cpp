#include "sla/wording.h"

#include <algorithm>
#include <map>

#include "time/civil.h"

namespace portal {

int business_day_minutes(const Schedule& schedule) {
  std::map<int, int> counts;
  for (const auto& day : schedule.weekly) {
    int total = 0;
    for (const OpenInterval& iv : day) total += iv.close_minute - iv.open_minute;
    if (total > 0) counts[total]++;
  }
  int best = 0, best_count = 0;
  for (const auto& [length, n] : counts)
    if (n > best_count || (n == best_count && length > best)) {
      best = length;
      best_count = n;
    }
  return best;
}

TargetWording describe_target(const Target& target, const Schedule* schedule) {
  const std::int64_t m = target.minutes;
  const int day = schedule ? business_day_minutes(*schedule) : 0;
  const bool around_the_clock =
      target.clock == Clock::kCalendar || (schedule && (schedule->is_always_open() || day >= 24 * 60));
  if (around_the_clock) {
    if (m > 0 && m % 1440 == 0) return {TargetUnit::kDays, m / 1440};
    if (m > 0 && m % 60 == 0) return {TargetUnit::kHours, m / 60};
    return {TargetUnit::kMinutes, m};
  }
  if (day > 0 && m > 0 && m % day == 0 && m < 24 * 60) return {TargetUnit::kBusinessDays, m / day};
  if (m > 0 && m % 60 == 0) return {TargetUnit::kBusinessHours, m / 60};
  return {TargetUnit::kBusinessMinutes, m};
}

WeekHours schedule_week(const Schedule& schedule) {
  WeekHours w;
  for (std::size_t d = 0; d < 7; d++)
    for (const OpenInterval& iv : schedule.weekly[d]) w[d].push_back({iv.open_minute, iv.close_minute});
  return w;
}

WeekHours week_on_clock(const Schedule& s, Instant now, const std::function<std::int64_t(Instant)>& utc_offset) {
  WeekHours w;
  const LocalDateTime local_now = s.tz.to_local(now);
  const std::int64_t today = days_from_civil(local_now.date);
  const std::int64_t monday = today - weekday_from_days(today);
  for (std::size_t d = 0; d < 7; d++) {
    const std::int64_t day_number = monday + static_cast<std::int64_t>(d);
    const CivilDate date = civil_from_days(day_number);
    for (const OpenInterval& iv : s.weekly[d]) {
      const Instant open = s.tz.from_local({date, iv.open_minute * 60});
      const Instant close = iv.close_minute >= 1440 ? s.tz.from_local({civil_from_days(day_number + 1), 0})
                                                    : s.tz.from_local({date, iv.close_minute * 60});
      const Instant local_open = open + utc_offset(open);
      const std::int64_t day = floor_div(local_open, kSecondsPerDay);
      const int start = static_cast<int>((local_open - day * kSecondsPerDay) / 60);
      w[static_cast<std::size_t>(weekday_from_days(day))].push_back(
          {start, start + static_cast<int>((close - open) / 60)});
    }
  }
  for (auto& day : w) std::sort(day.begin(), day.end());
  return w;
}

std::vector<DayGroup> group_days(const WeekHours& w) {
  std::vector<DayGroup> out;
  for (int d = 0; d < 7; d++) {
    const auto& hours = w[static_cast<std::size_t>(d)];
    if (hours.empty()) continue;
    if (!out.empty() && out.back().last == d - 1 && out.back().hours == hours) out.back().last = d;
    else out.push_back({d, d, hours});
  }
  return out;
}

bool is_always_open(const WeekHours& w) {
  return std::all_of(w.begin(), w.end(),
                     [](const auto& day) { return day.size() == 1 && day[0].first == 0 && day[0].second >= 1440; });
}

}  // namespace portal
