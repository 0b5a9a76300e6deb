#include "client/browser_clock.h"

#include <emscripten.h>

#include <cstdlib>

#include "client/i18n.h"
#include "locale/format.h"
#include "time/iso8601.h"

namespace portal::client {

EM_JS(double, portal_date_now_ms, (), { return Date.now(); });
// getTimezoneOffset is minutes WEST of UTC; we want seconds east.
EM_JS(int, portal_tz_offset_at, (double seconds), { return -new Date(seconds * 1000).getTimezoneOffset() * 60; });
EM_JS(char*, portal_tz_name, (), {
  var name = "UTC";
  try { name = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) {}
  var n = lengthBytesUTF8(name) + 1;
  var p = _malloc(n);
  stringToUTF8(name, p, n);
  return p;
});

Instant now() { return static_cast<Instant>(portal_date_now_ms() / 1000.0); }

int browser_utc_offset(Instant t) { return portal_tz_offset_at(static_cast<double>(t)); }

const std::string& browser_zone_name() {
  static const std::string name = [] {
    char* p = portal_tz_name();
    std::string s(p);
    std::free(p);
    return s;
  }();
  return name;
}

LocalDateTime to_browser_local(Instant t) {
  const Instant local = t + browser_utc_offset(t);
  const std::int64_t days = floor_div(local, kSecondsPerDay);
  return LocalDateTime{civil_from_days(days), static_cast<int>(local - days * kSecondsPerDay)};
}

std::string format_when(Instant t, bool with_year) {
  const LocalDateTime local = to_browser_local(t);
  const bool year = with_year || show_year(local.date, to_browser_local(now()).date);
  return format_local_date_time(local, i18n::format(), year);
}

std::string format_day(Instant t, bool with_weekday) {
  const LocalDateTime local = to_browser_local(t);
  return format_local_date(local.date, i18n::format(), with_weekday,
                           show_year(local.date, to_browser_local(now()).date));
}

std::string format_time(Instant t) { return format_local_time(to_browser_local(t)); }

Instant parse_wire_time(const std::string& iso) {
  if (iso.empty()) return 0;
  return parse_instant(iso).value_or(0);
}

}  // namespace portal::client
