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

// When slots may start at `now`: no earlier than now + notice, and before now + horizon.
struct BookingWindow {
  Instant earliest = 0;
  Instant latest = 0;  // exclusive
};
BookingWindow booking_window(const SlotRules& rules, Instant now);
// The last moment a slot starting at `start` can be booked: after it, the start is inside the
// notice period and the slot is no longer offered.
Instant book_by(const SlotRules& rules, Instant start);

// Slots of slot_minutes aligned to each opening of the schedule (09:00, 09:30, …), that fit
// before closing, start in [from, to) and in the booking window at `now`, and do not overlap a
// booked call.
std::vector<Span> free_slots(const Schedule& schedule, const SlotRules& rules, const std::vector<Booking>& booked,
                             Instant now, Instant from, Instant to);

// True when `start` is the start of a slot of the schedule that is bookable at `now`, booked
// calls aside (the store's unique constraint decides races).
bool is_slot_start(const Schedule& schedule, const SlotRules& rules, Instant now, Instant start);

// Why a date of the agent's schedule has no free slot. Checked in this order: the date is over
// (past), bookings for it are not open yet (horizon: it starts, or its slots all start, at or
// after now + horizon), a holiday, a weekday without hours (weekend), its hours lie outside the
// range asked for or hold no whole slot (closed), every slot starts before now + notice
// (notice), or every remaining slot is booked (full).
enum class NoSlotReason { kNone, kPast, kHorizon, kHoliday, kWeekend, kClosed, kNotice, kFull };
const char* reason_name(NoSlotReason reason);  // "past", "horizon", …; "" for kNone

// One local date of the schedule and its free slots inside the range asked for.
struct SlotDay {
  std::int64_t date = 0;                      // days since epoch, in the schedule's zone
  int free = 0;                               // free_slots of this date inside [from, to)
  NoSlotReason reason = NoSlotReason::kNone;  // kNone exactly when free > 0
};

// Every local date of the schedule that [from, to) touches, in order, with free_slots' count
// for it and, when that is 0, why.
std::vector<SlotDay> slot_days(const Schedule& schedule, const SlotRules& rules, const std::vector<Booking>& booked,
                               Instant now, Instant from, Instant to);

bool is_valid_topic(const std::string& topic);  // support, training, analysis

}  // namespace portal
