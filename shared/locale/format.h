// Dates, times, durations and money written the way each language writes them. The words come
// from the translation files (assets/i18n/<lang>.json, section "format"), the rules live here so
// that they are tested natively and in wasm alike.
#pragma once
#include <array>
#include <nlohmann/json.hpp>
#include <string>

#include "time/civil.h"

namespace portal {

struct LocaleFormat {
  std::string lang = "en";
  std::array<std::string, 12> months_short{};   // "Nov" / "нояб." / "ноем."
  std::array<std::string, 7> weekdays_short{};  // Monday first: "Mon" / "пн" / "пн"
  std::array<std::string, 7> weekdays_long{};   // "Monday" / "понедельник" / "понеделник"
  std::string decimal_separator = ".";
  std::string group_separator = ",";  // ru, bg: a no-break space
  int group_min_digits = 4;           // group thousands from this many integer digits
  bool currency_first = true;         // "€1,490" vs "1 490 €"
  std::string year_suffix;            // ru, bg: " г."
  std::string unit_day = "d", unit_hour = "h", unit_minute = "min";
};

// Reads the "format" section of a translation file; missing keys keep English defaults.
LocaleFormat locale_format_from_json(const nlohmann::json& format_section, const std::string& lang);

// "€1,490.00" / "1 490,00 €"; whole amounts drop the cents when drop_zero_cents.
std::string format_money(std::int64_t cents, const std::string& currency, const LocaleFormat& f,
                         bool drop_zero_cents = true);
// The one date format of every screen: "Tue, 24 Nov, 10:00", "Tue, 24 Nov", "24 Nov"; the year
// after the month ("Tue, 24 Nov 2027, 10:00", "24 нояб. 2027 г.") when with_year (the portal: when
// it is not the current year, see show_year).
std::string format_local_date_time(const LocalDateTime& t, const LocaleFormat& f, bool with_year = false);
std::string format_local_date(const CivilDate& d, const LocaleFormat& f, bool with_weekday = true,
                              bool with_year = false);
// Whether a date is written with its year: when it is not in the year of `today`.
inline bool show_year(const CivilDate& d, const CivilDate& today) { return d.year != today.year; }
// "10:00"
std::string format_local_time(const LocalDateTime& t);
// "2 d 3 h", "3 h 5 min", "45 min", "< 1 min": the two largest units.
std::string format_duration(std::int64_t seconds, const LocaleFormat& f);
// A UTC offset as "UTC+1", "UTC+5:45", "UTC−3".
std::string format_utc_offset(int seconds_east);

}  // namespace portal
