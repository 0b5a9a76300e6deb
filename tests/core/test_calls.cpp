// Free call slots as pure functions: alignment to each opening, minimum notice, horizon, booked
// slots, DST weeks, and is_slot_start.
#include <doctest/doctest.h>

#include "domain/calls.h"
#include "test_support.h"

using namespace portal;
using portal::testing::at;
using portal::testing::real_catalog;

namespace {

const char* kBerlin = "CET-1CEST,M3.5.0,M10.5.0/3";

Schedule weekdays(std::vector<OpenInterval> hours, std::vector<const char*> holidays = {}) {
  Schedule s;
  s.id = "test";
  s.tz = *PosixTz::parse(kBerlin);
  for (int d = 0; d < 5; ++d) s.weekly[d] = hours;
  for (const char* h : holidays) s.holidays.push_back(days_from_civil(*parse_date(h)));
  return s;
}

const SlotRules kRules{30, 120, 21};

std::vector<std::string> iso(const std::vector<Span>& spans) {
  std::vector<std::string> out;
  for (const Span& s : spans) out.push_back(format_instant(s.begin));
  return out;
}

Booking booked(const char* start, int minutes = 30, const char* status = "booked") {
  Booking b;
  b.id = std::string("bk_") + start;
  b.agent_id = "ag_1";
  b.start = at(start);
  b.end = b.start + minutes * 60;
  b.status = status;
  return b;
}

}  // namespace

TEST_CASE("calls: slots align to each opening and fit before closing") {
  // Two openings a day: 09:15-12:00 and 13:00-14:40 CET.
  const Schedule s = weekdays({{9 * 60 + 15, 12 * 60}, {13 * 60, 14 * 60 + 40}});
  const Instant now = at("2026-11-20T12:00:00Z");  // Friday
  const auto slots = free_slots(s, kRules, {}, now, at("2026-11-23T00:00:00Z"), at("2026-11-24T00:00:00Z"));
  // 09:15, 09:45, 10:15, 10:45, 11:15 (11:45 would end after 12:00); 13:00, 13:30, 14:00 (14:30 no).
  CHECK(iso(slots) == std::vector<std::string>{"2026-11-23T08:15:00Z", "2026-11-23T08:45:00Z", "2026-11-23T09:15:00Z",
                                               "2026-11-23T09:45:00Z", "2026-11-23T10:15:00Z", "2026-11-23T12:00:00Z",
                                               "2026-11-23T12:30:00Z", "2026-11-23T13:00:00Z"});
  for (const Span& sp : slots) CHECK(sp.length() == 1800);
  // A window starting mid-opening keeps the alignment of that opening.
  const auto later = free_slots(s, kRules, {}, now, at("2026-11-23T08:20:00Z"), at("2026-11-23T09:20:00Z"));
  CHECK(iso(later) == std::vector<std::string>{"2026-11-23T08:45:00Z", "2026-11-23T09:15:00Z"});
  // `to` bounds the start, not the end.
  CHECK(iso(free_slots(s, kRules, {}, now, at("2026-11-23T08:15:00Z"), at("2026-11-23T08:15:01Z"))) ==
        std::vector<std::string>{"2026-11-23T08:15:00Z"});
  CHECK(free_slots(s, kRules, {}, now, at("2026-11-23T08:15:00Z"), at("2026-11-23T08:15:00Z")).empty());
}

TEST_CASE("calls: minimum notice, horizon, weekends and holidays") {
  const Schedule& s = *real_catalog().find_schedule("weekdays_9_18");
  const Instant now = at("2026-11-23T08:10:00Z");  // Monday 09:10 CET
  const auto slots = free_slots(s, kRules, {}, now, now - 86400, now + 60 * 86400);
  REQUIRE(!slots.empty());
  CHECK(format_instant(slots.front().begin) == "2026-11-23T10:30:00Z");  // first aligned start ≥ 11:10 CET
  CHECK(format_instant(slots.back().begin) == "2026-12-14T08:00:00Z");   // last start before now + 21 days
  for (const Span& sp : slots) {
    CHECK(sp.begin >= now + 7200);
    CHECK(sp.begin < now + 21 * 86400);
  }
  // 13 today + 14 full weekdays × 18 + Mon 14 Dec 09:00 = 266; the Berlin calendar has no holiday
  // in these three weeks.
  CHECK(slots.size() == 13 + 14 * 18 + 1);
  // Exactly at the notice: a slot starting now + 120 min is offered.
  const auto exact =
      free_slots(s, kRules, {}, at("2026-11-23T08:30:00Z"), at("2026-11-23T08:30:00Z"), at("2026-11-23T12:00:00Z"));
  CHECK(format_instant(exact.front().begin) == "2026-11-23T10:30:00Z");
  // book_by is that last moment: a second later the slot is no longer offered.
  const Instant start = at("2026-11-23T10:30:00Z");
  CHECK(book_by(kRules, start) == at("2026-11-23T08:30:00Z"));
  CHECK(is_slot_start(s, kRules, book_by(kRules, start), start));
  CHECK(!is_slot_start(s, kRules, book_by(kRules, start) + 1, start));
  // The window the slots start in: [now + notice, now + horizon).
  const BookingWindow window = booking_window(kRules, now);
  CHECK(window.earliest == now + 7200);
  CHECK(window.latest == now + 21 * 86400);
  // Christmas: 24 Dec open, 25 and 26 closed (holidays), 27 Sunday.
  const auto xmas =
      free_slots(s, kRules, {}, at("2026-12-20T00:00:00Z"), at("2026-12-24T00:00:00Z"), at("2026-12-29T00:00:00Z"));
  CHECK(xmas.size() == 2 * 18);  // Thursday 24 and Monday 28
  CHECK(format_instant(xmas[18].begin) == "2026-12-28T08:00:00Z");
  // Zero notice and a tiny horizon.
  const SlotRules tight{30, 0, 1};
  const auto day = free_slots(s, tight, {}, now, now, now + 7 * 86400);
  CHECK(format_instant(day.front().begin) == "2026-11-23T08:30:00Z");
  CHECK(format_instant(day.back().begin) == "2026-11-24T08:00:00Z");  // < now + 1 day
}

TEST_CASE("calls: booked slots are excluded, cancelled ones are free") {
  const Schedule& s = *real_catalog().find_schedule("weekdays_9_18");
  const Instant now = at("2026-11-20T12:00:00Z");
  const Instant from = at("2026-11-23T08:00:00Z"), to = at("2026-11-23T10:00:00Z");
  CHECK(iso(free_slots(s, kRules, {}, now, from, to)) ==
        std::vector<std::string>{"2026-11-23T08:00:00Z", "2026-11-23T08:30:00Z", "2026-11-23T09:00:00Z",
                                 "2026-11-23T09:30:00Z"});
  const std::vector<Booking> b = {booked("2026-11-23T08:30:00Z"), booked("2026-11-23T09:00:00Z", 30, "cancelled")};
  CHECK(iso(free_slots(s, kRules, b, now, from, to)) ==
        std::vector<std::string>{"2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z", "2026-11-23T09:30:00Z"});
  // A booking that overlaps two slots (e.g. made under other rules) blocks both.
  CHECK(iso(free_slots(s, kRules, {booked("2026-11-23T08:45:00Z")}, now, from, to)) ==
        std::vector<std::string>{"2026-11-23T08:00:00Z", "2026-11-23T09:30:00Z"});
  // Touching is not overlapping.
  CHECK(free_slots(s, kRules, {booked("2026-11-23T07:30:00Z")}, now, from, to).size() == 4);
}

TEST_CASE("calls: DST weeks keep slots at local 09:00-18:00") {
  const Schedule& s = *real_catalog().find_schedule("weekdays_9_18");
  const SlotRules far{30, 0, 366};
  // Summer time ends Sunday 25 Oct 2026: Friday 09:00 CEST = 07:00Z, Monday 09:00 CET = 08:00Z.
  const auto oct =
      free_slots(s, far, {}, at("2026-10-01T00:00:00Z"), at("2026-10-23T00:00:00Z"), at("2026-10-27T00:00:00Z"));
  REQUIRE(oct.size() == 36);
  CHECK(format_instant(oct[0].begin) == "2026-10-23T07:00:00Z");
  CHECK(format_instant(oct[17].begin) == "2026-10-23T15:30:00Z");
  CHECK(format_instant(oct[18].begin) == "2026-10-26T08:00:00Z");
  CHECK(format_instant(oct[35].begin) == "2026-10-26T16:30:00Z");
  // Summer time starts Sunday 29 Mar 2026: Friday 08:00Z, Monday 07:00Z.
  const auto mar =
      free_slots(s, far, {}, at("2026-03-01T00:00:00Z"), at("2026-03-27T00:00:00Z"), at("2026-03-31T00:00:00Z"));
  REQUIRE(mar.size() == 36);
  CHECK(format_instant(mar[0].begin) == "2026-03-27T08:00:00Z");
  CHECK(format_instant(mar[18].begin) == "2026-03-30T07:00:00Z");

  // A 24/7 schedule: the 25-hour local day has 50 slots, all on local :00/:30.
  const Schedule& always = *real_catalog().find_schedule("always");
  const auto day =
      free_slots(always, far, {}, at("2026-10-01T00:00:00Z"), at("2026-10-24T22:00:00Z"), at("2026-10-25T23:00:00Z"));
  CHECK(day.size() == 50);
  for (const Span& sp : day) CHECK(always.tz.to_local(sp.begin).seconds_of_day % 1800 == 0);
  // The 23-hour day in March: 46.
  CHECK(free_slots(always, far, {}, at("2026-03-01T00:00:00Z"), at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z"))
            .size() == 46);
}

TEST_CASE("calls: is_slot_start and topics") {
  const Schedule& s = *real_catalog().find_schedule("weekdays_9_18");
  const Instant now = at("2026-11-23T08:10:00Z");
  CHECK(is_slot_start(s, kRules, now, at("2026-11-23T10:30:00Z")));
  CHECK(is_slot_start(s, kRules, now, at("2026-11-23T16:30:00Z")));   // 17:30-18:00 CET
  CHECK(!is_slot_start(s, kRules, now, at("2026-11-23T17:00:00Z")));  // 18:00 CET: closed
  CHECK(!is_slot_start(s, kRules, now, at("2026-11-23T10:00:00Z")));  // inside the notice
  CHECK(!is_slot_start(s, kRules, now, at("2026-11-23T10:45:00Z")));  // not aligned
  CHECK(!is_slot_start(s, kRules, now, at("2026-11-23T10:30:01Z")));
  CHECK(!is_slot_start(s, kRules, now, at("2026-11-28T10:00:00Z")));  // Saturday
  CHECK(is_slot_start(s, kRules, now, at("2026-12-14T08:00:00Z")));
  CHECK(!is_slot_start(s, kRules, now, at("2026-12-14T08:30:00Z")));  // beyond the horizon
  CHECK(!is_slot_start(s, kRules, now, at("2026-11-20T10:00:00Z")));  // the past
  CHECK(is_valid_topic("support"));
  CHECK(is_valid_topic("training"));
  CHECK(is_valid_topic("analysis"));
  CHECK(!is_valid_topic("Support"));
  CHECK(!is_valid_topic(""));
}

namespace {

// "date reason" per day (reason "" when the day has free slots), as slot_days gives them.
std::vector<std::string> reasons(const std::vector<SlotDay>& days) {
  std::vector<std::string> out;
  for (const SlotDay& d : days) out.push_back(format_date(civil_from_days(d.date)) + " " + reason_name(d.reason));
  return out;
}

}  // namespace

TEST_CASE("calls: slot_days says why a date has no free slot") {
  const Schedule& s = *real_catalog().find_schedule("weekdays_9_18");
  SUBCASE("past, notice, free days, weekend, horizon") {
    const Instant now = at("2026-11-23T16:10:00Z");  // Monday 17:10 CET: the notice runs past closing
    const auto days = slot_days(s, kRules, {}, now, at("2026-11-21T23:00:00Z"), at("2026-11-29T23:00:00Z"));
    CHECK(reasons(days) == std::vector<std::string>{"2026-11-22 past", "2026-11-23 notice", "2026-11-24 ",
                                                    "2026-11-25 ", "2026-11-26 ", "2026-11-27 ", "2026-11-28 weekend",
                                                    "2026-11-29 weekend"});
    CHECK(days[2].free == 18);
    CHECK(days[1].free == 0);
    // The counts are free_slots' per local date.
    int total = 0;
    for (const SlotDay& d : days) total += d.free;
    CHECK(total == static_cast<int>(
                       free_slots(s, kRules, {}, now, at("2026-11-21T23:00:00Z"), at("2026-11-29T23:00:00Z")).size()));
    // Three weeks on: Monday 14 Dec opens at 09:00 CET, after now + 21 days (17:10): not open yet;
    // Tuesday's midnight is past the horizon, and so is the weekend after it.
    const auto later = slot_days(s, kRules, {}, now, at("2026-12-13T23:00:00Z"), at("2026-12-19T23:00:00Z"));
    CHECK(reasons(later) == std::vector<std::string>{"2026-12-14 ", "2026-12-15 horizon", "2026-12-16 horizon",
                                                     "2026-12-17 horizon", "2026-12-18 horizon", "2026-12-19 horizon"});
    const Instant early = at("2026-11-23T07:00:00Z");  // Monday 08:00 CET: 14 Dec's slots all start after 08:00
    CHECK(reasons(slot_days(s, kRules, {}, early, at("2026-12-13T23:00:00Z"), at("2026-12-14T23:00:00Z"))) ==
          std::vector<std::string>{"2026-12-14 horizon"});
  }
  SUBCASE("holidays and fully booked days") {
    const Instant now = at("2026-12-20T12:00:00Z");
    const auto xmas = slot_days(s, kRules, {}, now, at("2026-12-23T23:00:00Z"), at("2026-12-27T23:00:00Z"));
    CHECK(reasons(xmas) ==
          std::vector<std::string>{"2026-12-24 ", "2026-12-25 holiday", "2026-12-26 holiday", "2026-12-27 weekend"});
    const Schedule short_day = weekdays({{9 * 60, 10 * 60}});
    const std::vector<Booking> b = {booked("2026-11-24T08:00:00Z", 60)};
    const auto full = slot_days(short_day, kRules, b, at("2026-11-20T12:00:00Z"), at("2026-11-23T23:00:00Z"),
                                at("2026-11-25T23:00:00Z"));
    CHECK(reasons(full) == std::vector<std::string>{"2026-11-24 full", "2026-11-25 "});
    CHECK(full[1].free == 2);
    // A cancelled booking frees its slots again.
    const auto cancelled =
        slot_days(short_day, kRules, {booked("2026-11-24T08:00:00Z", 60, "cancelled")}, at("2026-11-20T12:00:00Z"),
                  at("2026-11-23T23:00:00Z"), at("2026-11-24T23:00:00Z"));
    CHECK(reasons(cancelled) == std::vector<std::string>{"2026-11-24 "});
  }
  SUBCASE("hours outside the range asked for; dates are the schedule's") {
    const Instant now = at("2026-11-20T12:00:00Z");
    // Tuesday 00:00-08:00 CET only: the agent's hours start later.
    CHECK(reasons(slot_days(s, kRules, {}, now, at("2026-11-23T23:00:00Z"), at("2026-11-24T07:00:00Z"))) ==
          std::vector<std::string>{"2026-11-24 closed"});
    // From Sofia's midnight (22:00Z): the Berlin date before is touched for an hour.
    CHECK(reasons(slot_days(s, kRules, {}, now, at("2026-11-22T22:00:00Z"), at("2026-11-23T22:00:00Z"))) ==
          std::vector<std::string>{"2026-11-22 weekend", "2026-11-23 "});
    CHECK(slot_days(s, kRules, {}, now, now, now).empty());
    CHECK(std::string(reason_name(NoSlotReason::kNone)).empty());
  }
}
