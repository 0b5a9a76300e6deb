// ISO 8601 / RFC 3339 instants and dates as they appear on the wire.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "time/civil.h"

namespace portal {

// Parses "YYYY-MM-DDTHH:MM:SS" followed by "Z" or an offset "+HH:MM" / "-HH:MM" (also "+HHMM"),
// with optional fractional seconds (truncated toward the earlier second). 't' and 'z' accepted.
// Rejects anything that is not a valid instant (no zone, 2026-02-30, 24:00:00, 10:61, trailing
// text, out-of-range offset …) and, when `error` is given, says what is wrong in plain English.
std::optional<Instant> parse_instant(std::string_view text, std::string* error = nullptr);

// Always UTC with a Z: "2026-11-23T09:00:00Z". Years 0000–9999.
std::string format_instant(Instant t);

// "YYYY-MM-DD".
std::optional<CivilDate> parse_date(std::string_view text, std::string* error = nullptr);
std::string format_date(CivilDate date);

// "HH:MM" → minutes since midnight, 0..1440 ("24:00" allowed only when allow_24 is true).
std::optional<int> parse_hhmm(std::string_view text, bool allow_24, std::string* error = nullptr);
std::string format_hhmm(int minutes_of_day);

}  // namespace portal
