// Calendar arithmetic, ISO 8601 and POSIX TZ rules (runs natively and in wasm).
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "time/civil.h"
#include "time/iso8601.h"
#include "test_support.h"  // at("…Z")
#include "time/posix_tz.h"

using namespace portal;
using portal::testing::at;

namespace {

PosixTz tz(const char* rule) {
  std::string error;
  auto z = PosixTz::parse(rule, &error);
  REQUIRE_MESSAGE(z.has_value(), rule << ": " << error);
  return *z;
}

LocalDateTime local(int y, int m, int d, int hh, int mm, int ss = 0) {
  return LocalDateTime{CivilDate{y, m, d}, hh * 3600 + mm * 60 + ss};
}

// The instant is rejected and the error says something.
void check_instant_rejected(const char* text) {
  std::string error;
  const auto t = parse_instant(text, &error);
  CHECK_MESSAGE(!t.has_value(), "accepted: '" << text << "'");
  CHECK_MESSAGE(!error.empty(), "no error message for '" << text << "'");
}

void check_tz_rejected(const char* text) {
  std::string error;
  const auto z = PosixTz::parse(text, &error);
  CHECK_MESSAGE(!z.has_value(), "accepted: '" << text << "'");
  CHECK_MESSAGE(!error.empty(), "no error message for '" << text << "'");
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// civil

TEST_CASE("time civil: known days and weekdays") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({1969, 12, 31}) == -1);
  CHECK(days_from_civil({2000, 3, 1}) == 11017);
  CHECK(days_from_civil({2026, 1, 1}) == 20454);
  CHECK(days_from_civil({0, 1, 1}) == -719528);
  CHECK(civil_from_days(0) == CivilDate{1970, 1, 1});
  CHECK(civil_from_days(-1) == CivilDate{1969, 12, 31});
  CHECK(civil_from_days(11016) == CivilDate{2000, 2, 29});
  CHECK(civil_from_days(-719528) == CivilDate{0, 1, 1});

  CHECK(weekday_from_days(0) == 3);                                // Thursday
  CHECK(weekday_from_days(-1) == 2);                               // Wednesday
  CHECK(weekday_from_days(-3) == 0);                               // 1969-12-29 was a Monday
  CHECK(weekday_from_days(days_from_civil({2026, 11, 23})) == 0);  // Monday
  CHECK(weekday_from_days(days_from_civil({2026, 3, 29})) == 6);   // Sunday
}

TEST_CASE("time civil: leap years and month lengths") {
  CHECK(is_leap_year(2024));
  CHECK(is_leap_year(2000));
  CHECK(!is_leap_year(1900));
  CHECK(!is_leap_year(2026));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2026, 4) == 30);
  CHECK(days_in_month(2026, 12) == 31);
  CHECK(days_in_month(2026, 13) == 0);
  CHECK(is_valid_date(2024, 2, 29));
  CHECK(!is_valid_date(2027, 2, 29));
  CHECK(!is_valid_date(2026, 2, 30));
  CHECK(!is_valid_date(2026, 0, 1));
  CHECK(!is_valid_date(2026, 1, 0));
  CHECK(!is_valid_date(2026, 4, 31));
}

TEST_CASE("time civil: days round trip over 11,000 years, one day after the other") {
  // Walk day by day with an independent calendar and compare both directions.
  CivilDate expected{-4000, 1, 1};
  const std::int64_t first = days_from_civil(expected);
  int mismatches = 0;
  for (std::int64_t d = first; expected.year < 7000; ++d) {
    if (civil_from_days(d) != expected || days_from_civil(expected) != d) ++mismatches;
    if (weekday_from_days(d) != static_cast<int>(floor_mod(d - first + weekday_from_days(first), 7))) ++mismatches;
    if (++expected.day > days_in_month(expected.year, expected.month)) {
      expected.day = 1;
      if (++expected.month > 12) {
        expected.month = 1;
        ++expected.year;
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("time civil: floor division") {
  CHECK(floor_div(-1, 86400) == -1);
  CHECK(floor_mod(-1, 86400) == 86399);
  CHECK(floor_div(-86400, 86400) == -1);
  CHECK(floor_mod(-86400, 86400) == 0);
  CHECK(floor_div(86399, 86400) == 0);
}

// ---------------------------------------------------------------------------------------------
// ISO 8601

TEST_CASE("time iso8601: parse instants") {
  CHECK(parse_instant("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_instant("2026-11-23T09:00:00Z") == 1795424400);
  CHECK(parse_instant("2026-11-23t09:00:00z") == 1795424400);
  CHECK(parse_instant("2026-11-23T10:00:00+01:00") == 1795424400);
  CHECK(parse_instant("2026-11-23T10:00:00+0100") == 1795424400);
  CHECK(parse_instant("2026-11-23T03:30:00-05:30") == 1795424400);
  CHECK(parse_instant("2026-11-23T09:00:00-00:00") == 1795424400);
  CHECK(parse_instant("2026-11-24T03:00:00+18:00") == 1795424400);
  CHECK(parse_instant("2026-11-22T15:00:00-18:00") == 1795424400);
  CHECK(parse_instant("1969-12-31T23:59:59Z") == -1);
  CHECK(parse_instant("0000-01-01T00:00:00Z") == -62167219200);
  CHECK(parse_instant("9999-12-31T23:59:59Z") == 253402300799);
  CHECK(parse_instant("2024-02-29T12:00:00Z") == 1709208000);
  // Year boundary through an offset.
  CHECK(parse_instant("2026-01-01T00:30:00+01:00") == parse_instant("2025-12-31T23:30:00Z"));
}

TEST_CASE("time iso8601: fractions floor toward the earlier second") {
  CHECK(parse_instant("1970-01-01T00:00:00.5Z") == 0);
  CHECK(parse_instant("1970-01-01T00:00:00.999999999Z") == 0);
  CHECK(parse_instant("1970-01-01T00:00:01.000Z") == 1);
  CHECK(parse_instant("1969-12-31T23:59:59.5Z") == -1);
  CHECK(parse_instant("1969-12-31T23:59:59.999Z") == -1);
  CHECK(parse_instant("1969-12-31T23:59:00.1+01:00") == -3660);
  CHECK(parse_instant("2026-11-23T09:00:00.123456789012345678901234567890Z") == 1795424400);
}

TEST_CASE("time iso8601: rejections carry a message") {
  check_instant_rejected("");
  check_instant_rejected("2026-11-23T09:00:00");    // no zone
  check_instant_rejected("2026-11-23T09:00:00.5");  // no zone after a fraction
  check_instant_rejected("2026-02-30T00:00:00Z");   // no such day
  check_instant_rejected("2027-02-29T00:00:00Z");   // not a leap year
  check_instant_rejected("2026-13-01T00:00:00Z");   // month 13
  check_instant_rejected("2026-00-01T00:00:00Z");
  check_instant_rejected("2026-01-00T00:00:00Z");
  check_instant_rejected("2026-01-01T24:00:00Z");  // hour 24
  check_instant_rejected("2026-01-01T10:61:00Z");  // minute 61
  check_instant_rejected("2026-01-01T10:60:00Z");
  check_instant_rejected("2026-12-31T23:59:60Z");       // leap second
  check_instant_rejected("2026-01-01T10:00:00+18:01");  // beyond ±18:00
  check_instant_rejected("2026-01-01T10:00:00-19:00");
  check_instant_rejected("2026-01-01T10:00:00+01:60");
  check_instant_rejected("2026-01-01T10:00:00+1");
  check_instant_rejected("2026-01-01T10:00:00+01:");
  check_instant_rejected("2026-01-01T10:00:00+01:0");
  check_instant_rejected("2026-01-01T10:00:00Zjunk");  // trailing text
  check_instant_rejected("2026-01-01T10:00:00Z ");
  check_instant_rejected("2026-01-01T10:00:00+01:00x");
  check_instant_rejected(" 2026-01-01T10:00:00Z");
  check_instant_rejected("2026-01-01 10:00:00Z");   // space separator
  check_instant_rejected("2026-01-01T10:00Z");      // seconds are required
  check_instant_rejected("2026-01-01T10:00:00.Z");  // a point without digits
  check_instant_rejected("2026-1-01T10:00:00Z");
  check_instant_rejected("26-01-01T10:00:00Z");
  check_instant_rejected("2026-01-01");
  check_instant_rejected("2026-01-01T");
  check_instant_rejected("Z");

  std::string error;
  CHECK(!parse_instant("2026-13-01T00:00:00Z", &error));
  CHECK(error.find("month 13 is out of range (1-12)") != std::string::npos);
  CHECK(!parse_instant("2026-02-30T00:00:00Z", &error));
  CHECK(error.find("day 30") != std::string::npos);
  CHECK(!parse_instant("2026-01-01T10:00:00", &error));
  CHECK(error.find("time zone") != std::string::npos);
}

TEST_CASE("time iso8601: format and round trip") {
  CHECK(format_instant(0) == "1970-01-01T00:00:00Z");
  CHECK(format_instant(-1) == "1969-12-31T23:59:59Z");
  CHECK(format_instant(1795424400) == "2026-11-23T09:00:00Z");
  CHECK(format_instant(-62167219200) == "0000-01-01T00:00:00Z");
  CHECK(format_instant(253402300799) == "9999-12-31T23:59:59Z");
  CHECK(format_instant(at("2025-12-31T23:59:59Z") + 1) == "2026-01-01T00:00:00Z");
  CHECK(format_instant(at("2024-02-28T23:59:59Z") + 1) == "2024-02-29T00:00:00Z");

  // Instants spread over 0000..9999 with a prime step, so all seconds-of-day and dates vary.
  int mismatches = 0;
  for (Instant t = -62167219200; t <= 253402300799; t += 7777777 + 13) {
    const auto back = parse_instant(format_instant(t));
    if (!back || *back != t) ++mismatches;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("time iso8601: dates") {
  CHECK(parse_date("2026-11-23") == CivilDate{2026, 11, 23});
  CHECK(parse_date("2024-02-29") == CivilDate{2024, 2, 29});
  CHECK(parse_date("0000-01-01") == CivilDate{0, 1, 1});
  CHECK(format_date({2026, 1, 5}) == "2026-01-05");
  CHECK(format_date({987, 12, 31}) == "0987-12-31");
  for (const char* bad : {"", "2026-02-30", "2027-02-29", "2026-13-01", "2026-1-1", "2026-01-01T", "2026/01/01",
                          " 2026-01-01", "2026-01-011", "20260101"}) {
    std::string error;
    CHECK_MESSAGE(!parse_date(bad, &error), "accepted: '" << bad << "'");
    CHECK_MESSAGE(!error.empty(), "no message for '" << bad << "'");
  }
  std::string error;
  CHECK(!parse_date("2026-13-01", &error));
  CHECK(error.find("month 13 is out of range (1-12)") != std::string::npos);
}

TEST_CASE("time iso8601: HH:MM") {
  CHECK(parse_hhmm("00:00", false) == 0);
  CHECK(parse_hhmm("09:30", false) == 570);
  CHECK(parse_hhmm("23:59", false) == 1439);
  CHECK(parse_hhmm("24:00", true) == 1440);
  CHECK(format_hhmm(0) == "00:00");
  CHECK(format_hhmm(570) == "09:30");
  CHECK(format_hhmm(1439) == "23:59");
  CHECK(format_hhmm(1440) == "24:00");
  for (int m = 0; m <= 1440; ++m) CHECK(parse_hhmm(format_hhmm(m), true) == m);
  for (const char* bad :
       {"", "24:00", "24:01", "25:00", "9:30", "09:5", "09:60", "0930", "09:30:00", "09-30", " 09:30", "ab:cd"}) {
    std::string error;
    CHECK_MESSAGE(!parse_hhmm(bad, false, &error), "accepted: '" << bad << "'");
    CHECK_MESSAGE(!error.empty(), "no message for '" << bad << "'");
  }
  std::string error;
  CHECK(!parse_hhmm("24:01", true, &error));
  CHECK(!error.empty());
}

// ---------------------------------------------------------------------------------------------
// POSIX TZ

TEST_CASE("time tz: UTC and fixed offsets") {
  const PosixTz utc = PosixTz::utc();
  CHECK(utc.rule() == "UTC0");
  CHECK(!utc.has_dst());
  CHECK(utc.utc_offset(0) == 0);
  CHECK(utc.abbreviation(123456789) == "UTC");
  CHECK(!utc.next_transition(0));
  CHECK(utc.to_local(-1) == local(1969, 12, 31, 23, 59, 59));
  CHECK(utc.from_local(local(1969, 12, 31, 23, 59, 59)) == -1);

  CHECK(tz("GMT0").utc_offset(at("2026-07-01T00:00:00Z")) == 0);
  CHECK(tz("GMT0").abbreviation(0) == "GMT");
  CHECK(tz("UTC0").rule() == "UTC0");

  const PosixTz india = tz("IST-5:30");
  CHECK(india.utc_offset(at("2026-01-15T00:00:00Z")) == 19800);
  CHECK(india.utc_offset(at("2026-07-15T00:00:00Z")) == 19800);
  CHECK(!india.is_dst(at("2026-07-15T00:00:00Z")));
  CHECK(india.abbreviation(0) == "IST");
  CHECK(india.to_local(at("2026-12-31T18:30:00Z")) == local(2027, 1, 1, 0, 0));
  CHECK(india.from_local(local(2027, 1, 1, 0, 0)) == at("2026-12-31T18:30:00Z"));
  CHECK(!india.next_transition(0));

  const PosixTz nepal = tz("<+0545>-5:45");
  CHECK(nepal.utc_offset(at("2026-03-01T00:00:00Z")) == 20700);
  CHECK(nepal.abbreviation(0) == "+0545");
  CHECK(nepal.to_local(at("2026-03-01T00:00:00Z")) == local(2026, 3, 1, 5, 45));

  const PosixTz argentina = tz("<-03>3");
  CHECK(argentina.utc_offset(0) == -10800);
  CHECK(argentina.abbreviation(0) == "-03");
  CHECK(argentina.to_local(at("2026-01-01T02:00:00Z")) == local(2025, 12, 31, 23, 0));

  CHECK(tz("<+14>-14").utc_offset(0) == 14 * 3600);
  CHECK(tz("XXX+12").utc_offset(0) == -12 * 3600);
  CHECK(tz("LMT-0:53:28").utc_offset(0) == 3208);
  CHECK(tz("LMT+0:25:21").utc_offset(0) == -1521);
}

TEST_CASE("time tz: Berlin 2026 transitions") {
  const PosixTz berlin = tz("CET-1CEST,M3.5.0,M10.5.0/3");
  CHECK(berlin.has_dst());
  const Instant start = at("2026-03-29T01:00:00Z");
  const Instant end = at("2026-10-25T01:00:00Z");
  CHECK(berlin.utc_offset(start - 1) == 3600);
  CHECK(berlin.utc_offset(start) == 7200);
  CHECK(berlin.utc_offset(end - 1) == 7200);
  CHECK(berlin.utc_offset(end) == 3600);
  CHECK(!berlin.is_dst(start - 1));
  CHECK(berlin.is_dst(start));
  CHECK(berlin.is_dst(end - 1));
  CHECK(!berlin.is_dst(end));
  CHECK(berlin.abbreviation(start - 1) == "CET");
  CHECK(berlin.abbreviation(start) == "CEST");
  CHECK(berlin.to_local(start - 1) == local(2026, 3, 29, 1, 59, 59));
  CHECK(berlin.to_local(start) == local(2026, 3, 29, 3, 0));
  CHECK(berlin.to_local(end - 1) == local(2026, 10, 25, 2, 59, 59));
  CHECK(berlin.to_local(end) == local(2026, 10, 25, 2, 0));

  CHECK(berlin.next_transition(at("2026-01-01T00:00:00Z")) == start);
  CHECK(berlin.next_transition(start) == start);
  CHECK(berlin.next_transition(start + 1) == end);
  CHECK(berlin.next_transition(end + 1) == at("2027-03-28T01:00:00Z"));
  CHECK(berlin.next_transition(at("2026-12-31T23:59:59Z")) == at("2027-03-28T01:00:00Z"));

  // Year boundary in local time: 2026-12-31T23:30Z is already 2027 in Berlin.
  CHECK(berlin.to_local(at("2026-12-31T23:30:00Z")) == local(2027, 1, 1, 0, 30));
  CHECK(berlin.from_local(local(2027, 1, 1, 0, 30)) == at("2026-12-31T23:30:00Z"));
}

TEST_CASE("time tz: Sydney (southern hemisphere)") {
  const PosixTz sydney = tz("AEST-10AEDT,M10.1.0,M4.1.0/3");
  const Instant end = at("2026-04-04T16:00:00Z");
  const Instant start = at("2026-10-03T16:00:00Z");
  CHECK(sydney.utc_offset(at("2026-01-15T00:00:00Z")) == 11 * 3600);
  CHECK(sydney.is_dst(at("2026-01-01T00:00:00Z")));
  CHECK(sydney.is_dst(at("2025-12-31T23:59:59Z")));
  CHECK(sydney.utc_offset(end - 1) == 11 * 3600);
  CHECK(sydney.utc_offset(end) == 10 * 3600);
  CHECK(sydney.utc_offset(start - 1) == 10 * 3600);
  CHECK(sydney.utc_offset(start) == 11 * 3600);
  CHECK(sydney.abbreviation(end) == "AEST");
  CHECK(sydney.abbreviation(start) == "AEDT");
  CHECK(sydney.to_local(end - 1) == local(2026, 4, 5, 2, 59, 59));
  CHECK(sydney.to_local(end) == local(2026, 4, 5, 2, 0));
  CHECK(sydney.to_local(start) == local(2026, 10, 4, 3, 0));
  CHECK(sydney.next_transition(at("2026-01-01T00:00:00Z")) == end);
  CHECK(sydney.next_transition(end + 1) == start);
  CHECK(sydney.next_transition(start + 1) == at("2027-04-03T16:00:00Z"));
  // New Year's Eve in Sydney is in DST.
  CHECK(sydney.to_local(at("2026-12-31T13:00:00Z")) == local(2027, 1, 1, 0, 0));
}

TEST_CASE("time tz: from_local in gaps and overlaps") {
  const PosixTz berlin = tz("CET-1CEST,M3.5.0,M10.5.0/3");
  // Normal times.
  CHECK(berlin.from_local(local(2026, 1, 15, 12, 0)) == at("2026-01-15T11:00:00Z"));
  CHECK(berlin.from_local(local(2026, 7, 15, 12, 0)) == at("2026-07-15T10:00:00Z"));
  // Gap: 02:30 does not exist; the offset before the gap (+1) puts it after the gap, 03:30 CEST.
  CHECK(berlin.from_local(local(2026, 3, 29, 2, 30)) == at("2026-03-29T01:30:00Z"));
  CHECK(berlin.from_local(local(2026, 3, 29, 2, 0)) == at("2026-03-29T01:00:00Z"));
  CHECK(berlin.from_local(local(2026, 3, 29, 1, 59, 59)) == at("2026-03-29T00:59:59Z"));
  CHECK(berlin.from_local(local(2026, 3, 29, 3, 0)) == at("2026-03-29T01:00:00Z"));
  // Overlap: 02:30 happens twice; the earlier (CEST) wins.
  CHECK(berlin.from_local(local(2026, 10, 25, 2, 30)) == at("2026-10-25T00:30:00Z"));
  CHECK(berlin.from_local(local(2026, 10, 25, 3, 0)) == at("2026-10-25T02:00:00Z"));
  CHECK(berlin.from_local(local(2026, 10, 25, 1, 59, 59)) == at("2026-10-24T23:59:59Z"));

  const PosixTz sydney = tz("AEST-10AEDT,M10.1.0,M4.1.0/3");
  CHECK(sydney.from_local(local(2026, 10, 4, 2, 30)) == at("2026-10-03T16:30:00Z"));  // gap
  CHECK(sydney.from_local(local(2026, 4, 5, 2, 30)) == at("2026-04-04T15:30:00Z"));   // overlap

  // Round trip everywhere except the second pass through an overlap.
  int mismatches = 0;
  for (Instant t = at("2025-12-01T00:00:00Z"); t < at("2028-02-01T00:00:00Z"); t += 599) {
    for (const PosixTz* z : {&berlin, &sydney}) {
      const Instant back = z->from_local(z->to_local(t));
      const bool second_pass = back == t - 3600 && z->to_local(back) == z->to_local(t);
      if (back != t && !second_pass) ++mismatches;
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("time tz: default rules, explicit DST offsets, :mm:ss offsets") {
  const PosixTz ny = tz("EST5EDT");  // no rules: M3.2.0,M11.1.0
  CHECK(ny.has_dst());
  CHECK(ny.utc_offset(at("2026-03-08T06:59:59Z")) == -5 * 3600);
  CHECK(ny.utc_offset(at("2026-03-08T07:00:00Z")) == -4 * 3600);
  CHECK(ny.utc_offset(at("2026-11-01T05:59:59Z")) == -4 * 3600);
  CHECK(ny.utc_offset(at("2026-11-01T06:00:00Z")) == -5 * 3600);
  CHECK(ny.abbreviation(at("2026-07-01T00:00:00Z")) == "EDT");

  // Lord Howe: +10:30 standard, half an hour of DST.
  const PosixTz lord_howe = tz("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
  CHECK(lord_howe.utc_offset(at("2026-07-01T00:00:00Z")) == 37800);
  CHECK(lord_howe.utc_offset(at("2026-01-01T00:00:00Z")) == 39600);
  CHECK(lord_howe.abbreviation(at("2026-01-01T00:00:00Z")) == "+11");
  // Ends 2026-04-05 02:00 local DST (+11) = 2026-04-04T15:00Z.
  CHECK(lord_howe.next_transition(at("2026-02-01T00:00:00Z")) == at("2026-04-04T15:00:00Z"));

  // Offsets with minutes and seconds; DST offset given explicitly with seconds.
  const PosixTz odd = tz("AAA-1:30:15BBB-2:45:30,M3.5.0/1:02:03,M10.5.0/3:04:05");
  CHECK(odd.utc_offset(at("2026-01-01T00:00:00Z")) == 5415);
  CHECK(odd.utc_offset(at("2026-07-01T00:00:00Z")) == 9930);
  // Start: 2026-03-29 01:02:03 standard (+1:30:15) = 2026-03-28T23:31:48Z.
  CHECK(odd.next_transition(at("2026-01-01T00:00:00Z")) == at("2026-03-28T23:31:48Z"));
  // End: 2026-10-25 03:04:05 DST (+2:45:30) = 2026-10-25T00:18:35Z.
  CHECK(odd.next_transition(at("2026-07-01T00:00:00Z")) == at("2026-10-25T00:18:35Z"));

  // Dublin: "standard" is summer time and DST is negative (winter).
  const PosixTz dublin = tz("IST-1GMT0,M10.5.0,M3.5.0/1");
  CHECK(dublin.utc_offset(at("2026-07-01T00:00:00Z")) == 3600);
  CHECK(dublin.utc_offset(at("2026-01-01T00:00:00Z")) == 0);
  CHECK(dublin.is_dst(at("2026-01-01T00:00:00Z")));
  CHECK(dublin.next_transition(at("2026-01-01T00:00:00Z")) == at("2026-03-29T01:00:00Z"));
  CHECK(dublin.next_transition(at("2026-07-01T00:00:00Z")) == at("2026-10-25T01:00:00Z"));
  CHECK(dublin.from_local(local(2026, 3, 29, 1, 30)) == at("2026-03-29T01:30:00Z"));   // gap
  CHECK(dublin.from_local(local(2026, 10, 25, 1, 30)) == at("2026-10-25T00:30:00Z"));  // overlap
}

TEST_CASE("time tz: Jn and n rules") {
  // J60 is March 1 in every year; Jn never counts Feb 29.
  const PosixTz j = tz("AAA0BBB,J60/0,J300/0");
  CHECK(j.next_transition(at("2024-01-01T00:00:00Z")) == at("2024-03-01T00:00:00Z"));
  CHECK(j.next_transition(at("2025-01-01T00:00:00Z")) == at("2025-03-01T00:00:00Z"));
  // J300 is October 27 in both; the end is in DST time (+1).
  CHECK(j.next_transition(at("2024-06-01T00:00:00Z")) == at("2024-10-26T23:00:00Z"));
  CHECK(j.next_transition(at("2025-06-01T00:00:00Z")) == at("2025-10-26T23:00:00Z"));
  CHECK(j.next_transition(at("2025-06-01T00:00:00Z")) == at("2025-10-26T23:00:00Z"));
  CHECK(tz("AAA0BBB,J1/0,J365/0").next_transition(at("2024-06-01T00:00:00Z")) == at("2024-12-30T23:00:00Z"));

  // n is zero-based and counts Feb 29: 59 is Feb 29 in a leap year, March 1 otherwise.
  const PosixTz n = tz("AAA0BBB,59/0,299/0");
  CHECK(n.next_transition(at("2024-01-01T00:00:00Z")) == at("2024-02-29T00:00:00Z"));
  CHECK(n.next_transition(at("2025-01-01T00:00:00Z")) == at("2025-03-01T00:00:00Z"));
  CHECK(n.next_transition(at("2024-06-01T00:00:00Z")) == at("2024-10-25T23:00:00Z"));
  CHECK(n.next_transition(at("2025-06-01T00:00:00Z")) == at("2025-10-26T23:00:00Z"));
  CHECK(n.utc_offset(at("2024-02-29T00:00:00Z")) == 3600);
  CHECK(n.utc_offset(at("2024-02-28T23:59:59Z")) == 0);
}

TEST_CASE("time tz: negative and large transition times") {
  // Greenland (America/Nuuk): DST starts at -1:00 on the last Sunday of March, i.e. Saturday 23:00.
  const PosixTz nuuk = tz("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
  CHECK(nuuk.next_transition(at("2026-01-01T00:00:00Z")) == at("2026-03-29T01:00:00Z"));
  CHECK(nuuk.next_transition(at("2026-06-01T00:00:00Z")) == at("2026-10-25T01:00:00Z"));
  CHECK(nuuk.utc_offset(at("2026-03-29T00:59:59Z")) == -7200);
  CHECK(nuuk.utc_offset(at("2026-03-29T01:00:00Z")) == -3600);
  CHECK(nuuk.to_local(at("2026-03-29T01:00:00Z")) == local(2026, 3, 29, 0, 0));

  // Transition times beyond 24 h: the first Sunday of March at 50:00 is Tuesday 02:00.
  const PosixTz late = tz("AAA0BBB,M3.1.0/50,M10.1.0/-25:30");
  CHECK(late.next_transition(at("2026-01-01T00:00:00Z")) == at("2026-03-03T02:00:00Z"));
  // First Sunday of October 2026 is Oct 4; -25:30 is Oct 2 22:30 DST (+1) = 21:30Z.
  CHECK(late.next_transition(at("2026-06-01T00:00:00Z")) == at("2026-10-02T21:30:00Z"));
  CHECK(tz("AAA0BBB,M3.1.0/167,M10.1.0/-167").has_dst());

  // "DST all year" (RFC 8536): the end of one year's DST is the next year's start.
  const PosixTz always = tz("EST5EDT,0/0,J365/25");
  int not_dst = 0;
  for (Instant t = at("2024-12-25T00:00:00Z"); t < at("2026-01-10T00:00:00Z"); t += 1800)
    if (!always.is_dst(t) || always.utc_offset(t) != -4 * 3600) ++not_dst;
  CHECK(not_dst == 0);
  CHECK(always.is_dst(at("2026-01-01T05:00:00Z")));
  CHECK(always.is_dst(at("2026-01-01T04:59:59Z")));
  CHECK(!always.next_transition(at("2026-06-01T00:00:00Z")));

  // One hour of DST around New Year: starts Dec 31 23:00 (+3) = 20:00Z, ends Jan 1 01:00 (+4) =
  // Dec 31 21:00Z, so the end rule of the next year closes this year's DST.
  const PosixTz new_year = tz("AAA-3BBB,J365/23,J1/1");
  CHECK(!new_year.is_dst(at("2026-12-31T19:59:59Z")));
  CHECK(new_year.is_dst(at("2026-12-31T20:00:00Z")));
  CHECK(new_year.is_dst(at("2026-12-31T20:59:59Z")));
  CHECK(!new_year.is_dst(at("2026-12-31T21:00:00Z")));
  CHECK(!new_year.is_dst(at("2027-01-01T00:00:00Z")));
  CHECK(!new_year.is_dst(at("2026-06-01T00:00:00Z")));
  CHECK(new_year.next_transition(at("2026-06-01T00:00:00Z")) == at("2026-12-31T20:00:00Z"));
  CHECK(new_year.next_transition(at("2026-12-31T20:00:01Z")) == at("2026-12-31T21:00:00Z"));
  CHECK(new_year.next_transition(at("2026-12-31T21:00:01Z")) == at("2027-12-31T20:00:00Z"));
}

TEST_CASE("time tz: southern hemisphere across many years matches a brute-force scan") {
  // Independent oracle: a day-by-day scan of local midnights finds each transition's date.
  const PosixTz sydney = tz("AEST-10AEDT,M10.1.0,M4.1.0/3");
  int wrong = 0;
  for (int year = 1990; year <= 2060; ++year) {
    // First Sunday of April and of October.
    for (int month : {4, 10}) {
      int day = 1;
      while (weekday_from_days(days_from_civil({year, month, day})) != 6) ++day;
      const Instant expected =
          days_from_civil({year, month, day}) * kSecondsPerDay + (month == 4 ? 3 - 11 : 2 - 10) * 3600;
      if (sydney.next_transition(expected - 86400) != expected) ++wrong;
      if (sydney.utc_offset(expected - 1) == sydney.utc_offset(expected)) ++wrong;
    }
  }
  CHECK(wrong == 0);
}

TEST_CASE("time tz: rule() keeps the text, abbreviations without brackets") {
  const PosixTz z = tz("<+0545>-5:45");
  CHECK(z.rule() == "<+0545>-5:45");
  CHECK(!z.has_dst());
  const PosixTz q = tz("<-03>3<-02>,M10.1.0/0,M2.3.0/0");
  CHECK(q.abbreviation(at("2026-01-01T00:00:00Z")) == "-02");
  CHECK(q.abbreviation(at("2026-06-01T00:00:00Z")) == "-03");
}

TEST_CASE("time tz: rejections carry a message") {
  check_tz_rejected("");
  check_tz_rejected("CET");   // no offset
  check_tz_rejected("CE-1");  // name too short
  check_tz_rejected("C3T-1");
  check_tz_rejected("-1");
  check_tz_rejected("<+0545-5:45");  // unclosed quote
  check_tz_rejected("<ab>1");        // quoted name too short
  check_tz_rejected("<a b>1");       // bad character in a quoted name
  check_tz_rejected("CET-25");       // hours 0-24
  check_tz_rejected("CET-1:60");
  check_tz_rejected("CET-1:5");
  check_tz_rejected("CET-1:00:60");
  check_tz_rejected("CET-1x");
  check_tz_rejected("CET-1CE");  // DST name too short
  check_tz_rejected("CET-1CEST,");
  check_tz_rejected("CET-1CEST,M3.5.0");  // missing end rule
  check_tz_rejected("CET-1CEST,M3.5.0,");
  check_tz_rejected("CET-1CEST,M13.5.0,M10.5.0/3");
  check_tz_rejected("CET-1CEST,M0.5.0,M10.5.0/3");
  check_tz_rejected("CET-1CEST,M3.6.0,M10.5.0/3");
  check_tz_rejected("CET-1CEST,M3.0.0,M10.5.0/3");
  check_tz_rejected("CET-1CEST,M3.5.7,M10.5.0/3");
  check_tz_rejected("CET-1CEST,M3.5,M10.5.0/3");
  check_tz_rejected("CET-1CEST,M3.5.0,M10.5.0/168");
  check_tz_rejected("CET-1CEST,M3.5.0,M10.5.0/-168");
  check_tz_rejected("CET-1CEST,M3.5.0,M10.5.0/3,");  // trailing text
  check_tz_rejected("CET-1CEST,M3.5.0,M10.5.0/3 ");
  check_tz_rejected("CET-1CEST,J0,J300");
  check_tz_rejected("CET-1CEST,J366,J300");
  check_tz_rejected("CET-1CEST,366,300");
  check_tz_rejected("CET-1CEST,X3,M10.5.0");
  check_tz_rejected("CET-1CEST-25,M3.5.0,M10.5.0");

  std::string error;
  CHECK(!PosixTz::parse("CET-1CEST,M13.5.0,M10.5.0/3", &error));
  CHECK(error.find("month 13 is out of range (1-12)") != std::string::npos);
}

TEST_CASE("time tz: far-away instants and mangled rules stay well defined") {
  const PosixTz berlin = tz("CET-1CEST,M3.5.0,M10.5.0/3");
  const Instant never = std::numeric_limits<Instant>::max() / 4;  // the SLA engine's sentinel
  // Any of the two offsets will do: what matters is that nothing overflows (run with UBSan).
  CHECK((berlin.utc_offset(never) == 3600 || berlin.utc_offset(never) == 7200));
  CHECK((berlin.utc_offset(-never) == 3600 || berlin.utc_offset(-never) == 7200));
  CHECK(berlin.to_local(never).seconds_of_day >= 0);
  CHECK(!berlin.next_transition(never));
  CHECK(berlin.next_transition(-never).has_value());
  CHECK(berlin.from_local(local(-1000, 7, 1, 12, 0)) == berlin.from_local(local(-1000, 7, 1, 12, 0)));
  CHECK(berlin.utc_offset(at("1600-07-01T00:00:00Z")) == 7200);  // rules apply to every year

  // Replace each character of valid rules with characters from the grammar: every variant either
  // parses and evaluates, or is rejected with a message.
  const std::string alphabet = "MJ.,/:<>+-0123456789AZ ";
  int bad = 0;
  for (const std::string base : {"CET-1CEST,M3.5.0,M10.5.0/3", "<+0545>-5:45", "AAA0BBB,J60/-1:30,300/167"}) {
    for (std::size_t i = 0; i < base.size(); ++i) {
      for (const char c : alphabet) {
        std::string rule = base;
        rule[i] = c;
        std::string error;
        const auto z = PosixTz::parse(rule, &error);
        if (!z) {
          if (error.empty()) ++bad;
          continue;
        }
        for (Instant t = at("1999-12-25T00:00:00Z"); t < at("2001-01-10T00:00:00Z"); t += 3 * kSecondsPerDay + 7) {
          const LocalDateTime l = z->to_local(t);
          if (l.seconds_of_day < 0 || l.seconds_of_day >= 86400) ++bad;
          if (z->has_dst() && z->next_transition(t).value_or(t) < t) ++bad;
        }
      }
    }
  }
  CHECK(bad == 0);
}
