#include "locale/format.h"

#include <cstdio>
#include <cstdlib>

namespace portal {

using nlohmann::json;

namespace {

const std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const std::array<const char*, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
const std::array<const char*, 7> kDaysLong = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                              "Friday", "Saturday", "Sunday"};

template <std::size_t N>
void read_list(const json& j, const char* key, std::array<std::string, N>& out) {
  if (!j.contains(key) || !j[key].is_array() || j[key].size() != N) return;
  for (std::size_t i = 0; i < N; ++i)
    if (j[key][i].is_string()) out[i] = j[key][i].get<std::string>();
}

void read_text(const json& j, const char* key, std::string& out) {
  if (j.contains(key) && j[key].is_string()) out = j[key].get<std::string>();
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

std::string currency_symbol(const std::string& code) {
  if (code == "EUR") return "€";
  if (code == "USD") return "$";
  if (code == "GBP") return "£";
  return code;
}

}  // namespace

LocaleFormat locale_format_from_json(const json& j, const std::string& lang) {
  LocaleFormat f;
  f.lang = lang;
  for (int i = 0; i < 12; ++i) f.months_short[i] = kMonths[i];
  for (int i = 0; i < 7; ++i) {
    f.weekdays_short[i] = kDays[i];
    f.weekdays_long[i] = kDaysLong[i];
  }
  if (!j.is_object()) return f;
  read_list(j, "months_short", f.months_short);
  read_list(j, "weekdays_short", f.weekdays_short);
  read_list(j, "weekdays_long", f.weekdays_long);
  read_text(j, "decimal_separator", f.decimal_separator);
  read_text(j, "group_separator", f.group_separator);
  read_text(j, "year_suffix", f.year_suffix);
  read_text(j, "unit_day", f.unit_day);
  read_text(j, "unit_hour", f.unit_hour);
  read_text(j, "unit_minute", f.unit_minute);
  if (j.contains("currency_first") && j["currency_first"].is_boolean())
    f.currency_first = j["currency_first"].get<bool>();
  if (j.contains("group_min_digits") && j["group_min_digits"].is_number_integer())
    f.group_min_digits = j["group_min_digits"].get<int>();
  return f;
}

std::string format_money(std::int64_t cents, const std::string& currency, const LocaleFormat& f, bool drop_zero_cents) {
  const bool negative = cents < 0;
  const std::uint64_t abs_cents = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  const std::string digits = std::to_string(abs_cents / 100);
  std::string whole;
  const bool group = static_cast<int>(digits.size()) >= f.group_min_digits;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (group && i > 0 && (digits.size() - i) % 3 == 0) whole += f.group_separator;
    whole += digits[i];
  }
  std::string amount = whole;
  if (!(drop_zero_cents && abs_cents % 100 == 0))
    amount += f.decimal_separator + two(static_cast<int>(abs_cents % 100));
  const std::string symbol = currency_symbol(currency);
  std::string out = negative ? "−" : "";
  if (f.currency_first) out += symbol + amount;
  else out += amount + "\u00a0" + symbol;
  return out;
}

std::string format_local_time(const LocalDateTime& t) {
  return two(t.seconds_of_day / 3600) + ":" + two(t.seconds_of_day / 60 % 60);
}

std::string format_local_date(const CivilDate& d, const LocaleFormat& f, bool with_weekday, bool with_year) {
  std::string out;
  if (with_weekday) out = f.weekdays_short[weekday_from_days(days_from_civil(d))] + ", ";
  out += std::to_string(d.day) + " " + f.months_short[d.month - 1];
  if (with_year) out += " " + std::to_string(d.year) + f.year_suffix;
  return out;
}

std::string format_local_date_time(const LocalDateTime& t, const LocaleFormat& f, bool with_year) {
  return format_local_date(t.date, f, true, with_year) + ", " + format_local_time(t);
}

std::string format_duration(std::int64_t seconds, const LocaleFormat& f) {
  if (seconds < 0) seconds = -seconds;
  if (seconds < 60) return "< 1 " + f.unit_minute;
  const std::int64_t days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60;
  auto part = [](std::int64_t v, const std::string& unit) { return std::to_string(v) + "\u00a0" + unit; };
  if (days > 0) return hours ? part(days, f.unit_day) + " " + part(hours, f.unit_hour) : part(days, f.unit_day);
  if (hours > 0)
    return minutes ? part(hours, f.unit_hour) + " " + part(minutes, f.unit_minute) : part(hours, f.unit_hour);
  return part(minutes, f.unit_minute);
}

std::string format_utc_offset(int seconds_east) {
  std::string out = seconds_east < 0 ? "UTC−" : "UTC+";
  const int s = std::abs(seconds_east);
  out += std::to_string(s / 3600);
  if (s % 3600) out += ":" + two(s / 60 % 60);
  return out;
}

}  // namespace portal
