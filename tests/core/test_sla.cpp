// Schedules and SLA due times: the rules of shared/sla/README.md, with their edge cases.
#include <doctest/doctest.h>

#include <random>

#include "sla/policy.h"
#include "sla/wording.h"
#include "test_support.h"

using namespace portal;
using portal::testing::at;
using portal::testing::real_catalog;

namespace {

Schedule make_schedule(const char* posix, std::vector<OpenInterval> weekday_hours,
                       std::vector<OpenInterval> saturday = {}, std::vector<OpenInterval> sunday = {},
                       std::vector<const char*> holidays = {}) {
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

Schedule always(const char* posix) { return make_schedule(posix, {{0, 1440}}, {{0, 1440}}, {{0, 1440}}); }

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
      {kBerlin, make_schedule(kBerlin, {{9 * 60, 12 * 60}, {13 * 60, 18 * 60}}, {{10 * 60, 14 * 60}}, {},
                              {"2026-03-30", "2026-10-26"})},
      {kSydney, make_schedule(kSydney, {{0, 150}, {150, 1440}}, {{120, 180}}, {{0, 1440}})},
      {"IST-5:30", make_schedule("IST-5:30", {{9 * 60 + 30, 17 * 60 + 45}})},
      {"EST5EDT,M3.2.0,M11.1.0", make_schedule("EST5EDT,M3.2.0,M11.1.0", {{60, 150}, {22 * 60, 1440}}, {{0, 1440}})},
  };
  // Start points near DST changes and at random, each over a 9-day window.
  std::vector<Instant> starts = {at("2026-03-27T00:00:00Z"), at("2026-10-23T00:00:00Z"), at("2026-04-02T00:00:00Z"),
                                 at("2026-10-01T00:00:00Z"), at("2026-03-06T00:00:00Z"), at("2026-10-30T00:00:00Z")};
  for (int i = 0; i < 4; ++i)
    starts.push_back(at("2026-01-01T00:00:00Z") + static_cast<Instant>(rng() % (365 * 86400)));
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

TEST_CASE("sla wording: the business day and how a target reads, the same for every screen") {
  const Catalog& c = real_catalog();
  CHECK(business_day_minutes(*c.find_schedule("weekdays_9_18")) == 9 * 60);
  CHECK(business_day_minutes(*c.find_schedule("priority_hours")) == 14 * 60);  // 5 days of 14 h beat one of 6 h
  CHECK(business_day_minutes(*c.find_schedule("always")) == 24 * 60);
  CHECK(business_day_minutes(Schedule{}) == 0);
  // A tie between two lengths: the longer.
  CHECK(business_day_minutes(make_schedule(kBerlin, {{540, 600}}, {{0, 600}})) == 60);
  Schedule tie;
  tie.weekly[0] = {{0, 60}};
  tie.weekly[1] = {{0, 120}};
  CHECK(business_day_minutes(tie) == 120);

  auto said = [](int minutes, Clock clock, const Schedule* s) {
    const TargetWording w = describe_target(Target{minutes, clock}, s);
    return std::make_pair(w.unit, w.amount);
  };
  const Schedule* vip = c.find_schedule("dedicated_cet");    // 8 h days
  const Schedule* basic = c.find_schedule("weekdays_9_18");  // 9 h days
  // Calendar targets: around the clock, in the largest whole unit.
  CHECK(said(30, Clock::kCalendar, basic) == std::make_pair(TargetUnit::kMinutes, std::int64_t{30}));
  CHECK(said(120, Clock::kCalendar, basic) == std::make_pair(TargetUnit::kHours, std::int64_t{2}));
  CHECK(said(2880, Clock::kCalendar, nullptr) == std::make_pair(TargetUnit::kDays, std::int64_t{2}));
  CHECK(said(0, Clock::kCalendar, nullptr) == std::make_pair(TargetUnit::kMinutes, std::int64_t{0}));
  // A VIP "1 business day" (one 8 h day of its schedule) in days; Basic's 72 h stay hours.
  CHECK(said(480, Clock::kBusiness, vip) == std::make_pair(TargetUnit::kBusinessDays, std::int64_t{1}));
  CHECK(said(4320, Clock::kBusiness, basic) == std::make_pair(TargetUnit::kBusinessHours, std::int64_t{72}));
  CHECK(said(1440, Clock::kBusiness, basic) == std::make_pair(TargetUnit::kBusinessHours, std::int64_t{24}));
  CHECK(said(90, Clock::kBusiness, basic) == std::make_pair(TargetUnit::kBusinessMinutes, std::int64_t{90}));
  CHECK(said(120, Clock::kBusiness, nullptr) == std::make_pair(TargetUnit::kBusinessHours, std::int64_t{2}));
  // A business target on an always-open schedule, or on business days of 24 h or more: 24/7.
  const Schedule open = always(kBerlin);
  CHECK(said(60, Clock::kBusiness, &open) == std::make_pair(TargetUnit::kHours, std::int64_t{1}));
  CHECK(describe_target(Target{60, Clock::kBusiness}, &open).around_the_clock());
  Schedule long_days = make_schedule(kBerlin, {{0, 1440}}, {}, {}, {"2026-12-25"});  // not always open: a holiday
  CHECK(!long_days.is_always_open());
  CHECK(said(1440, Clock::kBusiness, &long_days) == std::make_pair(TargetUnit::kDays, std::int64_t{1}));
  CHECK(!describe_target(Target{480, Clock::kBusiness}, vip).around_the_clock());
}

TEST_CASE("sla wording: a schedule's week, on its own clock and on the customer's, grouped by days") {
  const Catalog& c = real_catalog();
  const Schedule& basic = *c.find_schedule("weekdays_9_18");  // Europe/Berlin
  const auto groups = group_days(schedule_week(basic));
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].first == 0);
  CHECK(groups[0].last == 4);
  CHECK(groups[0].hours == std::vector<std::pair<int, int>>{{540, 1080}});
  const auto priority = group_days(schedule_week(*c.find_schedule("priority_hours")));
  REQUIRE(priority.size() == 2);  // Mon–Fri, then Saturday's shorter day
  CHECK(priority[1].first == 5);
  CHECK(priority[1].last == 5);
  CHECK(is_always_open(schedule_week(*c.find_schedule("always"))));
  CHECK(!is_always_open(schedule_week(basic)));

  // In winter Berlin is UTC+1: a customer on UTC sees 08:00–17:00; one in Sydney (UTC+11) sees
  // 19:00 to 04:00 the next morning, still Monday to Friday by the day it opens.
  const Instant winter = at("2026-12-02T12:00:00Z");
  const auto utc = group_days(week_on_clock(basic, winter, [](Instant) { return std::int64_t{0}; }));
  REQUIRE(utc.size() == 1);
  CHECK(utc[0].hours == std::vector<std::pair<int, int>>{{480, 1020}});
  const auto sydney = group_days(week_on_clock(basic, winter, [](Instant) { return std::int64_t{11 * 3600}; }));
  REQUIRE(sydney.size() == 1);
  CHECK(sydney[0].first == 0);
  CHECK(sydney[0].last == 4);
  CHECK(sydney[0].hours == std::vector<std::pair<int, int>>{{1140, 1680}});
  // In summer (CEST, UTC+2) the same hours are 07:00–16:00 UTC.
  const auto summer =
      group_days(week_on_clock(basic, at("2026-07-01T12:00:00Z"), [](Instant) { return std::int64_t{0}; }));
  REQUIRE(summer.size() == 1);
  CHECK(summer[0].hours == std::vector<std::pair<int, int>>{{420, 960}});
}
