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

std::vector<Span> free_slots(const Schedule& s, const SlotRules& rules, const std::vector<Booking>& booked,
                             Instant now, Instant from, Instant to) {
  const Instant earliest = now + static_cast<Instant>(rules.min_notice_minutes) * 60;
  const Instant latest = now + static_cast<Instant>(rules.horizon_days) * kSecondsPerDay;
  from = std::max(from, earliest);
  to = std::min(to, latest);
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

bool is_valid_topic(const std::string& topic) {
  return topic == "support" || topic == "training" || topic == "analysis";
}

}  // namespace portal
