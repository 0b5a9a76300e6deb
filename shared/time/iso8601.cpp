#include "time/iso8601.h"

namespace portal {
namespace {

bool set_error(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

// Reads exactly `count` digits at `pos`; false (and `pos` unchanged) if they are not all there.
bool read_digits(std::string_view text, std::size_t& pos, int count, int& value) {
  if (pos + count > text.size()) return false;
  int v = 0;
  for (int i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (!is_ascii_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  value = v;
  pos += count;
  return true;
}

bool expect_char(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

void append_padded(std::string& out, long long value, int width) {
  if (value < 0) {
    out += '-';
    value = -value;
  }
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int i = n; i < width; ++i) out += '0';
  while (n > 0) out += buf[--n];
}

// "YYYY-MM-DD" at the start of `text`, advancing `pos`. The caller decides what may follow.
bool parse_date_at(std::string_view text, std::size_t& pos, CivilDate& date, std::string* error) {
  int y = 0, m = 0, d = 0;
  if (!read_digits(text, pos, 4, y))
    return set_error(error, quoted(text) + ": expected a four-digit year (YYYY-MM-DD)");
  if (!expect_char(text, pos, '-') || !read_digits(text, pos, 2, m))
    return set_error(error, quoted(text) + ": expected a two-digit month after the year (YYYY-MM-DD)");
  if (!expect_char(text, pos, '-') || !read_digits(text, pos, 2, d))
    return set_error(error, quoted(text) + ": expected a two-digit day after the month (YYYY-MM-DD)");
  if (m < 1 || m > 12)
    return set_error(error, quoted(text) + ": month " + std::to_string(m) + " is out of range (1-12)");
  if (!is_valid_date(y, m, d))
    return set_error(error, quoted(text) + ": day " + std::to_string(d) + " is out of range (1-" +
                                std::to_string(days_in_month(y, m)) + ") for " + std::to_string(y) + "-" +
                                (m < 10 ? "0" : "") + std::to_string(m));
  date = CivilDate{y, m, d};
  return true;
}

}  // namespace

std::optional<Instant> parse_instant(std::string_view text, std::string* error) {
  if (text.empty()) {
    set_error(error, "empty text is not an instant (expected e.g. 2026-11-23T09:00:00Z)");
    return std::nullopt;
  }
  std::size_t pos = 0;
  CivilDate date;
  if (!parse_date_at(text, pos, date, error)) return std::nullopt;
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) {
    set_error(error, quoted(text) + ": expected 'T' and a time after the date");
    return std::nullopt;
  }
  ++pos;
  int hh = 0, mm = 0, ss = 0;
  if (!read_digits(text, pos, 2, hh) || !expect_char(text, pos, ':') || !read_digits(text, pos, 2, mm) ||
      !expect_char(text, pos, ':') || !read_digits(text, pos, 2, ss)) {
    set_error(error, quoted(text) + ": expected the time as HH:MM:SS after 'T'");
    return std::nullopt;
  }
  if (hh > 23) {
    set_error(error, quoted(text) + ": hour " + std::to_string(hh) + " is out of range (0-23)");
    return std::nullopt;
  }
  if (mm > 59) {
    set_error(error, quoted(text) + ": minute " + std::to_string(mm) + " is out of range (0-59)");
    return std::nullopt;
  }
  if (ss > 59) {  // no leap seconds: the core's instants are POSIX seconds
    set_error(error, quoted(text) + ": second " + std::to_string(ss) + " is out of range (0-59)");
    return std::nullopt;
  }
  // Fractional seconds are dropped: the fraction is always positive, so dropping it floors the
  // instant (toward the earlier second) for negative instants too.
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t first = pos;
    while (pos < text.size() && is_ascii_digit(text[pos])) ++pos;
    if (pos == first) {
      set_error(error, quoted(text) + ": expected digits after the decimal point");
      return std::nullopt;
    }
  }
  if (pos >= text.size()) {
    set_error(error, quoted(text) + ": missing time zone (expected Z or an offset like +01:00)");
    return std::nullopt;
  }
  int offset_seconds = 0;
  const char zone = text[pos];
  if (zone == 'Z' || zone == 'z') {
    ++pos;
  } else if (zone == '+' || zone == '-') {
    ++pos;
    int oh = 0, om = 0;
    if (!read_digits(text, pos, 2, oh)) {
      set_error(error, quoted(text) + ": expected the offset as +HH:MM or +HHMM");
      return std::nullopt;
    }
    if (pos < text.size() && text[pos] == ':') ++pos;
    if (!read_digits(text, pos, 2, om)) {
      set_error(error, quoted(text) + ": expected the offset as +HH:MM or +HHMM");
      return std::nullopt;
    }
    if (om > 59) {
      set_error(error, quoted(text) + ": offset minute " + std::to_string(om) + " is out of range (0-59)");
      return std::nullopt;
    }
    if (oh * 60 + om > 18 * 60) {
      set_error(error, quoted(text) + ": offset is beyond the allowed range (-18:00 to +18:00)");
      return std::nullopt;
    }
    offset_seconds = (zone == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  } else {
    set_error(error, quoted(text) + ": missing time zone (expected Z or an offset like +01:00)");
    return std::nullopt;
  }
  if (pos != text.size()) {
    set_error(error, quoted(text) + ": unexpected text after the instant: " + quoted(text.substr(pos)));
    return std::nullopt;
  }
  return days_from_civil(date) * kSecondsPerDay + hh * 3600 + mm * 60 + ss - offset_seconds;
}

std::string format_instant(Instant t) {
  const std::int64_t days = floor_div(t, kSecondsPerDay);
  const int sod = static_cast<int>(t - days * kSecondsPerDay);
  const CivilDate date = civil_from_days(days);
  std::string out = format_date(date);
  out.reserve(20);
  out += 'T';
  append_padded(out, sod / 3600, 2);
  out += ':';
  append_padded(out, sod / 60 % 60, 2);
  out += ':';
  append_padded(out, sod % 60, 2);
  out += 'Z';
  return out;
}

std::optional<CivilDate> parse_date(std::string_view text, std::string* error) {
  if (text.empty()) {
    set_error(error, "empty text is not a date (expected YYYY-MM-DD)");
    return std::nullopt;
  }
  std::size_t pos = 0;
  CivilDate date;
  if (!parse_date_at(text, pos, date, error)) return std::nullopt;
  if (pos != text.size()) {
    set_error(error, quoted(text) + ": unexpected text after the date: " + quoted(text.substr(pos)));
    return std::nullopt;
  }
  return date;
}

std::string format_date(CivilDate date) {
  std::string out;
  out.reserve(20);
  append_padded(out, date.year, 4);
  out += '-';
  append_padded(out, date.month, 2);
  out += '-';
  append_padded(out, date.day, 2);
  return out;
}

std::optional<int> parse_hhmm(std::string_view text, bool allow_24, std::string* error) {
  std::size_t pos = 0;
  int hh = 0, mm = 0;
  if (!read_digits(text, pos, 2, hh) || !expect_char(text, pos, ':') || !read_digits(text, pos, 2, mm) ||
      pos != text.size()) {
    set_error(error, quoted(text) + ": expected a time of day as HH:MM (e.g. 09:30)");
    return std::nullopt;
  }
  if (mm > 59) {
    set_error(error, quoted(text) + ": minute " + std::to_string(mm) + " is out of range (0-59)");
    return std::nullopt;
  }
  if (hh == 24 && mm == 0) {
    if (allow_24) return 1440;
    set_error(error, quoted(text) + ": 24:00 is not allowed here (use 00:00-23:59)");
    return std::nullopt;
  }
  if (hh > 23) {
    set_error(error, quoted(text) + ": hour " + std::to_string(hh) + " is out of range (0-" +
                         (allow_24 ? "23, or 24:00" : "23") + ")");
    return std::nullopt;
  }
  return hh * 60 + mm;
}

std::string format_hhmm(int minutes_of_day) {
  // Out-of-range input is clamped rather than producing "25:10" or "-1:-5".
  if (minutes_of_day < 0) minutes_of_day = 0;
  if (minutes_of_day > 1440) minutes_of_day = 1440;
  std::string out;
  append_padded(out, minutes_of_day / 60, 2);
  out += ':';
  append_padded(out, minutes_of_day % 60, 2);
  return out;
}

}  // namespace portal
