// Schedules and SLA due times: the rules of shared/sla/README.md, with their edge cases.
#include <doctest/doctest.h>

#include <random>

#include "sla/policy.h"
#include "test_support.h"

using namespace portal;
using portal::testing::at;
using portal::testing::real_catalog;

namespace {

Schedule make_schedule(const char* posix, std::vector<OpenInterval> weekday_hours, std::vector<OpenInterval> saturday = {},
                       std::vector<OpenInterval> sunday = {}, std::vector<const char*> holidays = {}) {
  Schedule s;
  s.id = "test";
  s.tz = *PosixTz::parse(posix);
  for (int d = 0; d < 5; ++d) s.weekly[d] = weekday_hours;
  s.weekly[5] = saturday;
  s.weekly[6] = sunday;
  for (const char* h : holidays) s.holidays.push_back(days_from_civil(*parse_date(h)));
  std::sort(s.holidays.begin(), s.holidays.end());
  return s;
}

const char* kBerlin = "CET-1CEST,M3.5.0,M10.5.0/3";
const char* kSydney = "AEST-10AEDT,M10.1.0,M4.1.0/3";

Schedule always(const char* posix) {
  return make_schedule(posix, {{0, 1440}}, {{0, 1440}}, {{0, 1440}});
}

// The definition itself, minute by minute: is the local wall clock of t inside an interval of
// its date's weekday, and is that date not a holiday?
bool inside_by_definition(const Schedule& s, Instant t) {
  const LocalDateTime local = s.tz.to_local(t);
  const std::int64_t day = days_from_civil(local.date);
  if (s.is_holiday(day)) return false;
  for (const OpenInterval& iv : s.weekly[weekday_from_days(day)])
    if (local.seconds_of_day >= iv.open_minute * 60 && local.seconds_of_day < iv.close_minute * 60) return true;
  return false;
}

}  // namespace

TEST_CASE("sla: a request created while closed starts counting at the next opening") {
  Schedule s = make_schedule(kBerlin, {{9 * 60, 18 * 60}});
  // Saturday 2026-11-21 12:00 CET; 1 business hour → Monday 10:00 CET = 09:00Z.
  CHECK(business_due(s, at("2026-11-21T11:00:00Z"), 3600) == at("2026-11-23T09:00:00Z"));
  // Friday after closing: same.
  CHECK(business_due(s, at("2026-11-20T19:30:00Z"), 3600) == at("2026-11-23T09:00:00Z"));
  // Before opening on a weekday.
  CHECK(business_due(s, at("2026-11-24T05:00:00Z"), 30 * 60) == at("2026-11-24T08:30:00Z"));
}

TEST_CASE("sla: a target used up exactly at closing is due at closing, not at the next opening") {
  Schedule s = make_schedule(kBerlin, {{9 * 60, 18 * 60}});
  // Friday 2026-11-20 09:00 CET (08:00Z) + 9 h = Friday 18:00 CET (17:00Z).
  CHECK(business_due(s, at("2026-11-20T08:00:00Z"), 9 * 3600) == at("2026-11-20T17:00:00Z"));
  // One second more rolls to Monday 09:00:01.
  CHECK(business_due(s, at("2026-11-20T08:00:00Z"), 9 * 3600 + 1) == at("2026-11-23T08:00:01Z"));
}

TEST_CASE("sla: N = 0 is due at the start, open or closed") {
  Schedule s = make_schedule(kBerlin, {{9 * 60, 18 * 60}});
  CHECK(business_due(s, at("2026-11-21T11:00:00Z"), 0) == at("2026-11-21T11:00:00Z"));
  CHECK(business_due(s, at("2026-11-20T10:00:00Z"), 0) == at("2026-11-20T10:00:00Z"));
  CHECK(target_due(Target{0, Clock::kCalendar}, s, at("2026-11-21T11:00:00Z")) == at("2026-11-21T11:00:00Z"));
}

TEST_CASE("sla: holidays are closed all day") {
  Schedule s = make_schedule(kBerlin, {{9 * 60, 18 * 60}}, {}, {}, {"2026-12-25", "2026-12-28"});
  // Thu 2026-12-24 17:00 CET + 2 h: 1 h Thursday, Fri 25 holiday, weekend, Mon 28 holiday → Tue 29 10:00 CET.
  const Instant start = at("2026-12-24T16:00:00Z");
  const Instant due = *business_due(s, start, 2 * 3600);
  CHECK(due == at("2026-12-29T09:00:00Z"));
  const auto days = explain_business_due(s, start, due);
  REQUIRE(days.size() == 6);
  CHECK(days[0].counted_seconds == 3600);  // Thursday
  CHECK(days[1].holiday);                  // Friday 25th
  CHECK(days[2].closed);                   // Saturday
  CHECK(days[3].closed);                   // Sunday
  CHECK(days[4].holiday);                  // Monday 28th
  CHECK(days[5].counted_seconds == 3600);  // Tuesday 29th
}

TEST_CASE("sla: DST days in Berlin count real elapsed time (23 h and 25 h)") {
  Schedule s = always(kBerlin);
  // Local day 2026-03-29: from 00:00 CET (23:00Z on the 28th) to 00:00 CEST (22:00Z on the 29th).
  CHECK(business_seconds(s, at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z")) == 23 * 3600);
  // Local day 2026-10-25: from 00:00 CEST (22:00Z on the 24th) to 00:00 CET (23:00Z on the 25th).
  CHECK(business_seconds(s, at("2026-10-24T22:00:00Z"), at("2026-10-25T23:00:00Z")) == 25 * 3600);
  // A 24/7 schedule's business time is simply elapsed time across the change.
  CHECK(business_due(s, at("2026-03-29T00:30:00Z"), 2 * 3600) == at("2026-03-29T02:30:00Z"));

  // Office hours across the spring change: Fri 2026-03-27 17:00 CET + 2 h → Mon 10:00 CEST (08:00Z).
  Schedule office = make_schedule(kBerlin, {{9 * 60, 18 * 60}});
  CHECK(business_due(office, at("2026-03-27T16:00:00Z"), 2 * 3600) == at("2026-03-30T08:00:00Z"));
  // And across the autumn change: Fri 2026-10-23 17:00 CEST + 2 h → Mon 10:00 CET (09:00Z).
  CHECK(business_due(office, at("2026-10-23T15:00:00Z"), 2 * 3600) == at("2026-10-26T09:00:00Z"));
}

TEST_CASE("sla: DST days in Sydney (southern hemisphere)") {
  Schedule s = always(kSydney);
  // 2026-04-05 local day, DST ends 03:00 AEDT → 02:00 AEST: 25 h. Local midnight 00:00 AEDT = 13:00Z on the 4th.
  CHECK(business_seconds(s, at("2026-04-04T13:00:00Z"), at("2026-04-05T14:00:00Z")) == 25 * 3600);
  // 2026-10-04 local day, DST starts 02:00 AEST → 03:00 AEDT: 23 h. 00:00 AEST = 14:00Z on the 3rd.
  CHECK(business_seconds(s, at("2026-10-03T14:00:00Z"), at("2026-10-04T13:00:00Z")) == 23 * 3600);
  // 02:30 does not exist on 2026-10-04: a schedule opening at 02:30 that day opens at 03:00 AEDT.
  Schedule night = make_schedule(kSydney, {}, {}, {{150, 240}});  // Sundays 02:30-04:00
  CHECK(business_seconds(night, at("2026-10-03T14:00:00Z"), at("2026-10-04T13:00:00Z")) == 3600);  // 03:00-04:00 AEDT
}

TEST_CASE("sla: a 45-minute offset (Kathmandu)") {
  Schedule s = make_schedule("<+0545>-5:45", {{9 * 60, 17 * 60}});
  // Mon 2026-11-23 09:00 +0545 = 03:15Z; 1 h → 04:15Z; 8 h → 11:15Z closing; 8 h + 1 min → Tue 03:16Z.
  CHECK(business_due(s, at("2026-11-23T03:15:00Z"), 3600) == at("2026-11-23T04:15:00Z"));
  CHECK(business_due(s, at("2026-11-23T03:15:00Z"), 8 * 3600) == at("2026-11-23T11:15:00Z"));
  CHECK(business_due(s, at("2026-11-23T03:15:00Z"), 8 * 3600 + 60) == at("2026-11-24T03:16:00Z"));
  CHECK(is_open(s, at("2026-11-23T03:15:00Z")));
  CHECK_FALSE(is_open(s, at("2026-11-23T03:14:59Z")));
}

TEST_CASE("sla: the walker agrees with the definition, minute by minute") {
  std::mt19937_64 rng(7);
  struct Case {
    const char* posix;
    Schedule schedule;
  };
  std::vector<Case> cases = {
      {kBerlin, make_schedule(kBerlin, {{9 * 60, 12 * 60}, {13 * 60, 18 * 60}}, {{10 * 60, 14 * 60}}, {}, {"2026-03-30", "2026-10-26"})},
      {kSydney, make_schedule(kSydney, {{0, 150}, {150, 1440}}, {{120, 180}}, {{0, 1440}})},
      {"IST-5:30", make_schedule("IST-5:30", {{9 * 60 + 30, 17 * 60 + 45}})},
      {"EST5EDT,M3.2.0,M11.1.0", make_schedule("EST5EDT,M3.2.0,M11.1.0", {{60, 150}, {22 * 60, 1440}}, {{0, 1440}})},
  };
  // Start points near DST changes and at random, each over a 9-day window.
  std::vector<Instant> starts = {at("2026-03-27T00:00:00Z"), at("2026-10-23T00:00:00Z"), at("2026-04-02T00:00:00Z"),
                                 at("2026-10-01T00:00:00Z"), at("2026-03-06T00:00:00Z"), at("2026-10-30T00:00:00Z")};
  for (int i = 0; i < 4; ++i) starts.push_back(at("2026-01-01T00:00:00Z") + static_cast<Instant>(rng() % (365 * 86400)));
  for (const Case& c : cases) {
    for (Instant start : starts) {
      start -= floor_mod(start, 60);
      const Instant end = start + 9 * kSecondsPerDay;
      std::int64_t by_definition = 0, mismatched_minutes = 0;
      for (Instant t = start; t < end; t += 60) {
        const bool inside = inside_by_definition(c.schedule, t);
        by_definition += inside ? 60 : 0;
        if (inside != is_open(c.schedule, t)) ++mismatched_minutes;
      }
      INFO(c.posix << " from " << format_instant(start));
      CHECK(mismatched_minutes == 0);
      CHECK(business_seconds(c.schedule, start, end) == by_definition);
    }
  }
}

TEST_CASE("sla: business_due is the earliest instant with the target's business time") {
  std::mt19937_64 rng(42);
  Schedule s = make_schedule(kBerlin, {{9 * 60, 18 * 60}}, {}, {}, {"2026-12-25", "2027-01-01"});
  for (int i = 0; i < 2000; ++i) {
    const Instant start = at("2026-01-01T00:00:00Z") + static_cast<Instant>(rng() % (2 * 365 * 86400));
    const std::int64_t seconds = static_cast<std::int64_t>(rng() % (5 * 9 * 3600)) + 1;
    const Instant due = *business_due(s, start, seconds);
    INFO("start " << format_instant(start) << " seconds " << seconds);
    REQUIRE(business_seconds(s, start, due) == seconds);
    REQUIRE(business_seconds(s, start, due - 1) < seconds);
  }
}

TEST_CASE("sla: the earliest due time among the policies that apply") {
  const Catalog& c = real_catalog();
  const Policy* premium = c.find_policy("premium_sla");
  const Policy* vip = c.find_policy("vip_sla");
  REQUIRE(premium);
  REQUIRE(vip);
  // Severity 3 on Monday 2026-11-23 10:00 CET: premium 60 calendar min (10:00Z); VIP 2 business h (11:00Z).
  auto due = earliest_due({premium, vip}, 3, TargetKind::kFirstResponse, at("2026-11-23T09:00:00Z"));
  REQUIRE(due);
  CHECK(due->due == at("2026-11-23T10:00:00Z"));
  CHECK(due->policy == premium);
  // VIP severity 4 and 5 have no follow-up target; premium's applies.
  auto follow = earliest_due({vip}, 4, TargetKind::kFollowUp, at("2026-11-23T09:00:00Z"));
  CHECK_FALSE(follow.has_value());
  // Severity out of range: nothing.
  CHECK_FALSE(earliest_due({premium}, 6, TargetKind::kFirstResponse, 0).has_value());
}

TEST_CASE("sla: next open span and open state") {
  Schedule s = make_schedule(kBerlin, {{9 * 60, 18 * 60}});
  auto span = next_open_span(s, at("2026-11-21T11:00:00Z"));  // Saturday
  REQUIRE(span);
  CHECK(span->begin == at("2026-11-23T08:00:00Z"));
  CHECK(span->end == at("2026-11-23T17:00:00Z"));
  span = next_open_span(s, at("2026-11-23T12:00:00Z"));  // Monday 13:00 CET: inside
  REQUIRE(span);
  CHECK(span->begin == at("2026-11-23T12:00:00Z"));
  CHECK(span->end == at("2026-11-23T17:00:00Z"));
  // 24/7 merges across midnight.
  Schedule a = always(kBerlin);
  span = next_open_span(a, at("2026-11-23T12:00:00Z"), 3 * kSecondsPerDay);
  REQUIRE(span);
  CHECK(span->end - span->begin == 3 * kSecondsPerDay);
  CHECK(a.is_always_open());
}
