// Dates, durations and money per language, with the real translation files' format sections.
#include <doctest/doctest.h>

#include "locale/format.h"
#include "test_support.h"

using namespace portal;

namespace {
LocaleFormat load(const char* lang) {
  auto j = nlohmann::json::parse(testing::read_asset(std::string("i18n/") + lang + ".json"));
  return locale_format_from_json(j.at("format"), lang);
}
}  // namespace

TEST_CASE("locale: money in English, Russian and Bulgarian") {
  const LocaleFormat en = load("en"), ru = load("ru"), bg = load("bg");
  CHECK(format_money(149000, "EUR", en) == "€1,490");
  CHECK(format_money(4950, "EUR", en) == "€49.50");
  CHECK(format_money(149000, "EUR", ru) == "1\u00a0490\u00a0€");
  CHECK(format_money(15033, "EUR", ru, false) == "150,33\u00a0€");
  CHECK(format_money(149000, "EUR", bg) == "1490\u00a0€");  // Bulgarian groups from five digits
  CHECK(format_money(1000000, "EUR", bg) == "10\u00a0000\u00a0€");
  CHECK(format_money(-4900, "EUR", en) == "−€49");
  CHECK(format_money(0, "EUR", en, false) == "€0.00");
}

TEST_CASE("locale: dates, times and durations") {
  const LocaleFormat en = load("en"), ru = load("ru"), bg = load("bg");
  const LocalDateTime t{{2026, 11, 24}, 10 * 3600};
  CHECK(format_local_date_time(t, en) == "Tue, 24 Nov, 10:00");
  CHECK(format_local_date_time(t, ru) == "вт, 24 нояб., 10:00");
  CHECK(format_local_date_time(t, bg, true) == "вт, 24 ное 2026 г., 10:00");
  // The date alone is written the same way (one format for every screen).
  CHECK(format_local_date(t.date, en) == "Tue, 24 Nov");
  CHECK(format_local_date(t.date, ru, false) == "24 нояб.");
  CHECK(format_local_date(t.date, ru, false, true) == "24 нояб. 2026 г.");
  CHECK(format_local_date(t.date, en, true, true) + ", 10:00" == format_local_date_time(t, en, true));
  CHECK_FALSE(show_year({2026, 1, 1}, {2026, 12, 31}));
  CHECK(show_year({2025, 12, 31}, {2026, 1, 1}));
  CHECK(format_duration(2 * 3600 + 15 * 60, en) == "2\u00a0h 15\u00a0min");
  CHECK(format_duration(3 * 86400 + 3600, ru) == "3\u00a0д 1\u00a0ч");
  CHECK(format_duration(30, bg) == "< 1 мин");
  CHECK(format_utc_offset(3600) == "UTC+1");
  CHECK(format_utc_offset(5 * 3600 + 45 * 60) == "UTC+5:45");
  CHECK(format_utc_offset(-3 * 3600) == "UTC−3");
}

TEST_CASE("locale: a missing or broken format section falls back to English words") {
  const LocaleFormat f = locale_format_from_json(nlohmann::json::parse(R"({"months_short": [1, 2]})"), "xx");
  CHECK(f.months_short[10] == "Nov");
  CHECK(format_money(4900, "USD", f) == "$49");
}
