#include "sla/schedule.h"

#include <algorithm>

namespace portal {

namespace {
constexpr Instant kTenYears = 3653 * kSecondsPerDay;
}  // namespace

bool Schedule::is_holiday(std::int64_t local_day) const {
  return std::binary_search(holidays.begin(), holidays.end(), local_day);
}

bool Schedule::is_always_open() const {
  if (!holidays.empty()) return false;
  for (const auto& day : weekly)
    if (day.size() != 1 || day[0].open_minute != 0 || day[0].close_minute != 1440) return false;
  return true;
}

void for_each_open_piece(const Schedule& s, Instant from, Instant until, const std::function<bool(Span)>& visit) {
  Instant segment_begin = from;
  while (segment_begin < until) {
    // A segment of constant UTC offset: [segment_begin, segment_end).
    const int offset = s.tz.utc_offset(segment_begin);
    Instant segment_end = until;
    if (auto next = s.tz.next_transition(segment_begin + 1)) segment_end = std::min(*next, until);

    const Instant local_begin = segment_begin + offset;
    const Instant local_end = segment_end + offset;
    for (std::int64_t day = floor_div(local_begin, kSecondsPerDay); day * kSecondsPerDay < local_end; ++day) {
      if (s.is_holiday(day)) continue;
      const Instant midnight_utc = day * kSecondsPerDay - offset;
      for (const OpenInterval& iv : s.weekly[weekday_from_days(day)]) {
        const Instant a = std::max(midnight_utc + iv.open_minute * 60, segment_begin);
        const Instant b = std::min(midnight_utc + iv.close_minute * 60, segment_end);
        if (a < b && !visit(Span{a, b})) return;
      }
    }
    segment_begin = segment_end;
  }
}

bool is_open(const Schedule& s, Instant t) {
  bool open = false;
  for_each_open_piece(s, t, t + 1, [&](Span) {
    open = true;
    return false;
  });
  return open;
}

std::optional<Span> next_open_span(const Schedule& s, Instant t, Instant horizon_seconds) {
  std::optional<Span> span;
  for_each_open_piece(s, t, t + horizon_seconds, [&](Span piece) {
    if (!span) {
      span = piece;
      return true;
    }
    if (piece.begin != span->end) return false;  // a gap: the span is complete
    span->end = piece.end;
    return true;
  });
  return span;
}

std::int64_t business_seconds(const Schedule& s, Instant a, Instant b) {
  std::int64_t total = 0;
  if (b <= a) return 0;
  for_each_open_piece(s, a, b, [&](Span piece) {
    total += piece.length();
    return true;
  });
  return total;
}

std::optional<Instant> business_due(const Schedule& s, Instant start, std::int64_t seconds) {
  if (seconds <= 0) return start;
  std::int64_t remaining = seconds;
  std::optional<Instant> due;
  for_each_open_piece(s, start, start + kTenYears, [&](Span piece) {
    if (remaining <= piece.length()) {
      due = piece.begin + remaining;  // used up exactly at closing → due at closing
      return false;
    }
    remaining -= piece.length();
    return true;
  });
  return due;
}

std::vector<DueDay> explain_business_due(const Schedule& s, Instant start, Instant due) {
  std::vector<DueDay> days;
  if (due < start) return days;
  const std::int64_t first = floor_div(start + s.tz.utc_offset(start), kSecondsPerDay);
  const std::int64_t last = floor_div(due + s.tz.utc_offset(due), kSecondsPerDay);
  for (std::int64_t day = first; day <= last && days.size() < 400; ++day) {
    DueDay d;
    d.date = civil_from_days(day);
    d.holiday = s.is_holiday(day);
    days.push_back(d);
  }
  for_each_open_piece(s, start, due, [&](Span piece) {
    // A piece never crosses local midnight, so its local date is the date of its start.
    const std::int64_t day = floor_div(piece.begin + s.tz.utc_offset(piece.begin), kSecondsPerDay);
    const std::int64_t index = day - first;
    if (index >= 0 && index < static_cast<std::int64_t>(days.size()))
      days[static_cast<std::size_t>(index)].counted_seconds += piece.length();
    return true;
  });
  for (DueDay& d : days) d.closed = !d.holiday && d.counted_seconds == 0;
  return days;
}

}  // namespace portal
