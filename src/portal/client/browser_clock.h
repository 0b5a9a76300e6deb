// Time as the customer sees it: the browser's clock and time zone (JS Date / Intl).
#pragma once
#include <string>

#include "time/civil.h"

namespace portal::client {

Instant now();                           // seconds, from Date.now()
int browser_utc_offset(Instant t);       // seconds east of UTC at t, in the browser's zone
const std::string& browser_zone_name();  // IANA name from Intl, e.g. "Europe/Sofia"
LocalDateTime to_browser_local(Instant t);

// Formatted in the browser's zone and the current language (shared/locale/format.h, the one date
// format of all screens): "Tue, 24 Nov, 10:00"; the year is added when it is not the current one
// (or always, with_year).
std::string format_when(Instant t, bool with_year = false);
// The date alone, the same way: "Tue, 24 Nov" (weekday) or "24 Nov".
std::string format_day(Instant t, bool with_weekday = true);
std::string format_time(Instant t);  // "10:00"
// Parses a wire instant ("2026-11-23T09:00:00Z"); 0 when empty or invalid.
Instant parse_wire_time(const std::string& iso);

}  // namespace portal::client
