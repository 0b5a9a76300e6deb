#include "domain/calls.h"

#include <algorithm>

namespace portal {

namespace {

// Visits every slot of the schedule starting in [from, to): slots are aligned to the start of
// each maximal open span, so they are found by walking from the previous local midnight.
template <class Visit>
void for_each_slot(const Schedule& s, int slot_minutes, Instant from, Instant to, Visit visit) {
  const Instant slot = static_cast<Instant>(slot_minutes) * 60;
  // Start at local midnight the day before: an opening before `from` still aligns the slots after
  // it, and a span that is open at midnight (24/7) aligns to midnight.
  const std::int64_t day = floor_div(from + s.tz.utc_offset(from), kSecondsPerDay) - 1;
  Instant cursor = s.tz.from_local(LocalDateTime{civil_from_days(day), 0});
  while (cursor < to) {
    auto span = next_open_span(s, cursor, to - cursor + slot);
    if (!span) return;
    for (Instant start = span->begin; start + slot <= span->end && start < to; start += slot)
      if (start >= from) visit(Span{start, start + slot});
    cursor = span->end;
  }
}

}  // namespace

BookingWindow booking_window(const SlotRules& rules, Instant now) {
  return {now + static_cast<Instant>(rules.min_notice_minutes) * 60,
          now + static_cast<Instant>(rules.horizon_days) * kSecondsPerDay};
}

Instant book_by(const SlotRules& rules, Instant start) {
  return start - static_cast<Instant>(rules.min_notice_minutes) * 60;
}

std::vector<Span> free_slots(const Schedule& s, const SlotRules& rules, const std::vector<Booking>& booked, Instant now,
                             Instant from, Instant to) {
  const BookingWindow window = booking_window(rules, now);
  from = std::max(from, window.earliest);
  to = std::min(to, window.latest);
  std::vector<Span> out;
  if (from >= to) return out;
  for_each_slot(s, rules.slot_minutes, from, to, [&](Span slot) {
    const bool taken = std::any_of(booked.begin(), booked.end(), [&](const Booking& b) {
      return b.status == "booked" && b.start < slot.end && b.end > slot.begin;
    });
    if (!taken) out.push_back(slot);
  });
  return out;
}

bool is_slot_start(const Schedule& s, const SlotRules& rules, Instant now, Instant start) {
  bool found = false;
  const auto slots = free_slots(s, rules, {}, now, start, start + 1);
  for (const Span& slot : slots) found = found || slot.begin == start;
  return found;
}

const char* reason_name(NoSlotReason reason) {
  switch (reason) {
    case NoSlotReason::kNone: return "";
    case NoSlotReason::kPast: return "past";
    case NoSlotReason::kHorizon: return "horizon";
    case NoSlotReason::kHoliday: return "holiday";
    case NoSlotReason::kWeekend: return "weekend";
    case NoSlotReason::kClosed: return "closed";
    case NoSlotReason::kNotice: return "notice";
    case NoSlotReason::kFull: return "full";
  }
  return "";
}

std::vector<SlotDay> slot_days(const Schedule& s, const SlotRules& rules, const std::vector<Booking>& booked,
                               Instant now, Instant from, Instant to) {
  std::vector<SlotDay> out;
  if (from >= to) return out;
  const auto local_date = [&](Instant t) { return floor_div(t + s.tz.utc_offset(t), kSecondsPerDay); };
  const auto midnight = [&](std::int64_t day) { return s.tz.from_local(LocalDateTime{civil_from_days(day), 0}); };
  const BookingWindow window = booking_window(rules, now);
  const Instant earliest = window.earliest, latest = window.latest;  // captured below
  const std::int64_t today = local_date(now);
  for (std::int64_t day = local_date(from), last = local_date(to - 1); day <= last; ++day) {
    const Instant begin = std::max(from, midnight(day));
    const Instant end = std::min(to, midnight(day + 1));
    SlotDay& d = out.emplace_back();
    d.date = day;
    d.free = static_cast<int>(free_slots(s, rules, booked, now, begin, end).size());
    if (d.free > 0) continue;
    // The schedule's slots of the date in range, booked or not, notice and horizon aside.
    bool any = false, bookable = false, beyond = false;
    for_each_slot(s, rules.slot_minutes, begin, end, [&](Span slot) {
      any = true;
      bookable = bookable || (slot.begin >= earliest && slot.begin < latest);
      beyond = beyond || slot.begin >= latest;
    });
    if (day < today) d.reason = NoSlotReason::kPast;
    else if (midnight(day) >= latest) d.reason = NoSlotReason::kHorizon;
    else if (s.is_holiday(day)) d.reason = NoSlotReason::kHoliday;
    else if (s.weekly[static_cast<std::size_t>(weekday_from_days(day))].empty()) d.reason = NoSlotReason::kWeekend;
    else if (!any) d.reason = NoSlotReason::kClosed;
    else if (bookable) d.reason = NoSlotReason::kFull;
    else d.reason = beyond ? NoSlotReason::kHorizon : NoSlotReason::kNotice;
  }
  return out;
}

bool is_valid_topic(const std::string& topic) {
  return topic == "support" || topic == "training" || topic == "analysis";
}

}  // namespace portal
