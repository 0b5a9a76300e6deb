// Calendar arithmetic on the proleptic Gregorian calendar. No time zones here.
#pragma once
#include <cstdint>

namespace portal {

// An instant: whole seconds since 1970-01-01T00:00:00Z (UTC). Everything in the core uses it.
using Instant = std::int64_t;

constexpr std::int64_t kSecondsPerDay = 86400;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Local wall-clock time: a date and seconds since that date's midnight (0..86399).
struct LocalDateTime {
  CivilDate date;
  int seconds_of_day = 0;
  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

bool is_leap_year(int year);
// '0'..'9' (the dates, times and zone rules parsed here are ASCII).
constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
int days_in_month(int year, int month);
bool is_valid_date(int year, int month, int day);

// Days since 1970-01-01 for a civil date, and back (H. Hinnant's algorithms).
std::int64_t days_from_civil(CivilDate date);
CivilDate civil_from_days(std::int64_t days);

// 0 = Monday … 6 = Sunday (the catalog's `weekly` lists are Monday first).
int weekday_from_days(std::int64_t days);

// Floor division helpers: correct for negative instants too.
inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
inline std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

}  // namespace portal
