// Calls with the personal manager or the dedicated agent: free slots from the agent's schedule
// (minimum notice, horizon, no double booking) and the checks of a booking.
#pragma once
#include <vector>

#include "catalog/catalog.h"
#include "domain/model.h"

namespace portal {

struct SlotRules {
  int slot_minutes = 30;
  int min_notice_minutes = 120;
  int horizon_days = 21;
};

// Slots of slot_minutes aligned to each opening of the schedule (09:00, 09:30, …), that fit
// before closing, start in [from, to), start no earlier than now + notice and no later than
// now + horizon, and do not overlap a booked call.
std::vector<Span> free_slots(const Schedule& schedule, const SlotRules& rules, const std::vector<Booking>& booked,
                             Instant now, Instant from, Instant to);

// True when `start` is the start of a slot of the schedule that is bookable at `now`, booked
// calls aside (the store's unique constraint decides races).
bool is_slot_start(const Schedule& schedule, const SlotRules& rules, Instant now, Instant start);

bool is_valid_topic(const std::string& topic);  // support, training, analysis

}  // namespace portal
