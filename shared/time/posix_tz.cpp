#include "time/posix_tz.h"

namespace portal {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Transitions of a year never lie further than this outside the year: the rule date is at most
// Jan 1 of the next year ("365" in a common year), plus at most 167 h of rule time, plus at most
// about 25 h of UTC offset. Instants closer than this to a year boundary also look at the
// neighbouring year's rules.
constexpr std::int64_t kYearEdge = 10 * kSecondsPerDay;

// Rules are evaluated for instants within about ±31 million years; beyond that (sentinels such
// as INT64_MAX / 4 for "never") the instant is clamped so that the year arithmetic cannot
// overflow. The answer there is arbitrary but well defined.
constexpr Instant kRuleLimit = 1'000'000'000'000'000;
Instant clamp_for_rules(Instant t) { return t < -kRuleLimit ? -kRuleLimit : (t > kRuleLimit ? kRuleLimit : t); }

// Days before each month and month lengths in a common year.
constexpr int kDaysBefore[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
constexpr int kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// A recursive-descent reader over the rule text; every method returns false after recording an
// error message.
class RuleReader {
 public:
  RuleReader(std::string_view text, std::string* error) : text_(text), error_(error) {}

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  bool fail(const std::string& what) {
    if (error_) {
      *error_ = "invalid time zone rule '" + std::string(text_) + "': " + what;
      if (!at_end()) *error_ += " (at position " + std::to_string(pos_ + 1) + ")";
    }
    return false;
  }

  // 3+ letters, or <...> holding 3+ letters, digits, '+' or '-'. Stored without the brackets.
  bool name(std::string& out, const char* which) {
    const std::size_t begin = pos_;
    if (accept('<')) {
      while (!at_end() && peek() != '>') {
        const char c = peek();
        if (!is_alpha(c) && !is_ascii_digit(c) && c != '+' && c != '-')
          return fail(std::string("unexpected character in the quoted ") + which + " name");
        ++pos_;
      }
      if (at_end()) return fail(std::string("the quoted ") + which + " name has no closing '>'");
      out.assign(text_.substr(begin + 1, pos_ - begin - 1));
      ++pos_;  // '>'
    } else {
      while (is_alpha(peek())) ++pos_;
      out.assign(text_.substr(begin, pos_ - begin));
    }
    if (out.size() < 3)
      return fail(std::string("expected a ") + which + " zone name of at least 3 letters (or <...> quoted)");
    return true;
  }

  // Unsigned number of 1..max_digits digits.
  bool number(int& out, int max_digits, const char* what) {
    const std::size_t begin = pos_;
    int v = 0;
    while (is_ascii_digit(peek()) && static_cast<int>(pos_ - begin) < max_digits) {
      v = v * 10 + (peek() - '0');
      ++pos_;
    }
    if (pos_ == begin) return fail(std::string("expected a number for ") + what);
    if (is_ascii_digit(peek())) return fail(std::string("too many digits in ") + what);
    out = v;
    return true;
  }

  // [+-]hh[:mm[:ss]] → signed seconds, as written (the caller interprets the sign).
  bool hms(int& out, int max_hours, const char* what) {
    int sign = 1;
    if (accept('-')) sign = -1;
    else accept('+');
    int hh = 0, mm = 0, ss = 0;
    if (!number(hh, max_hours >= 100 ? 3 : 2, what)) return false;
    if (hh > max_hours)
      return fail(std::string("hours ") + std::to_string(hh) + " in " + what + " are out of range (0-" +
                  std::to_string(max_hours) + ")");
    if (accept(':')) {
      if (!two_digits(mm, what)) return false;
      if (mm > 59) return fail("minutes " + std::to_string(mm) + " in " + what + " are out of range (0-59)");
      if (accept(':')) {
        if (!two_digits(ss, what)) return false;
        if (ss > 59) return fail("seconds " + std::to_string(ss) + " in " + what + " are out of range (0-59)");
      }
    }
    out = sign * (hh * 3600 + mm * 60 + ss);
    return true;
  }

  bool two_digits(int& out, const char* what) {
    if (pos_ + 2 > text_.size() || !is_ascii_digit(text_[pos_]) || !is_ascii_digit(text_[pos_ + 1]))
      return fail(std::string("expected two digits for the minutes/seconds of ") + what);
    out = (text_[pos_] - '0') * 10 + (text_[pos_ + 1] - '0');
    pos_ += 2;
    return is_ascii_digit(peek()) ? fail(std::string("too many digits in ") + what) : true;
  }

 private:
  std::string_view text_;
  std::string* error_;
  std::size_t pos_ = 0;
};

// The latest DST transition at or before an instant, among those offered in chronological
// order of consideration (a later offer wins a tie).
struct LatestTransition {
  Instant t;
  Instant at = 0;
  bool dst = false;
  bool found = false;
  void offer(Instant when, bool starts_dst) {
    if (when <= t && (!found || when >= at)) {
      at = when;
      dst = starts_dst;
      found = true;
    }
  }
};

// The calendar year holding a day (days since epoch), with its Jan 1 and leap flag: Hinnant's
// civil_from_days stopped at the year, so the hot path needs no days_from_civil call.
struct CalendarYear {
  int year;
  std::int64_t jan1;
  bool leap;
};
CalendarYear calendar_year(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // 0 = March 1
  int year = static_cast<int>(yoe + era * 400);
  if (doy >= 306) {  // January or February: the next calendar year, 306 days after March 1
    ++year;
    return CalendarYear{year, days - (doy - 306), is_leap_year(year)};
  }
  const bool leap = is_leap_year(year);
  return CalendarYear{year, days - (doy + 59 + (leap ? 1 : 0)), leap};
}

}  // namespace

std::optional<PosixTz> PosixTz::parse(std::string_view rule, std::string* error) {
  RuleReader in(rule, error);
  PosixTz tz;
  tz.rule_.assign(rule);
  if (rule.empty()) {
    in.fail("the rule is empty (expected e.g. UTC0 or CET-1CEST,M3.5.0,M10.5.0/3)");
    return std::nullopt;
  }

  // Offsets are written west-positive (CET-1); we store seconds east.
  int west = 0;
  if (!in.name(tz.std_name_, "standard")) return std::nullopt;
  if (in.at_end()) {
    in.fail("expected a UTC offset after the standard zone name (e.g. CET-1)");
    return std::nullopt;
  }
  if (!in.hms(west, 24, "the standard offset")) return std::nullopt;
  tz.std_offset_ = -west;
  tz.dst_offset_ = tz.std_offset_;
  if (in.at_end()) return tz;

  tz.has_dst_ = true;
  if (!in.name(tz.dst_name_, "daylight saving")) return std::nullopt;
  const char c = in.peek();
  if (c == '+' || c == '-' || is_ascii_digit(c)) {
    if (!in.hms(west, 24, "the daylight saving offset")) return std::nullopt;
    tz.dst_offset_ = -west;
  } else {
    tz.dst_offset_ = tz.std_offset_ + 3600;  // one hour ahead of standard time
  }

  if (in.at_end()) {
    // No rules: the US rules since 2007, as glibc assumes.
    tz.start_ = Rule{Rule::kMonthWeekDay, 3, 2, 0, 0, 7200};
    tz.end_ = Rule{Rule::kMonthWeekDay, 11, 1, 0, 0, 7200};
    return tz;
  }

  auto read_rule = [&](Rule& r, const char* which) {
    if (!in.accept(',')) return in.fail(std::string("expected ',' and the ") + which + " rule");
    r = Rule{};
    if (in.accept('M')) {
      r.kind = Rule::kMonthWeekDay;
      if (!in.number(r.month, 2, "the month")) return false;
      if (r.month < 1 || r.month > 12) return in.fail("month " + std::to_string(r.month) + " is out of range (1-12)");
      if (!in.accept('.')) return in.fail("expected '.' and the week after the month in Mm.w.d");
      if (!in.number(r.week, 1, "the week")) return false;
      if (r.week < 1 || r.week > 5) return in.fail("week " + std::to_string(r.week) + " is out of range (1-5)");
      if (!in.accept('.')) return in.fail("expected '.' and the weekday after the week in Mm.w.d");
      if (!in.number(r.weekday, 1, "the weekday")) return false;
      if (r.weekday > 6) return in.fail("weekday " + std::to_string(r.weekday) + " is out of range (0-6, 0 = Sunday)");
    } else if (in.accept('J')) {
      r.kind = Rule::kJulianNoLeap;
      if (!in.number(r.day, 3, "the Julian day")) return false;
      if (r.day < 1 || r.day > 365) return in.fail("Julian day J" + std::to_string(r.day) + " is out of range (1-365)");
    } else if (is_ascii_digit(in.peek())) {
      r.kind = Rule::kJulianZero;
      if (!in.number(r.day, 3, "the day of the year")) return false;
      if (r.day > 365) return in.fail("day of the year " + std::to_string(r.day) + " is out of range (0-365)");
    } else {
      return in.fail(std::string("expected the ") + which + " rule as Mm.w.d, Jn or n");
    }
    if (in.accept('/')) {
      if (!in.hms(r.time, 167, "the transition time")) return false;
    }
    return true;
  };
  if (!read_rule(tz.start_, "start") || !read_rule(tz.end_, "end")) return std::nullopt;
  if (!in.at_end()) {
    in.fail("unexpected text after the end rule");
    return std::nullopt;
  }
  return tz;
}

PosixTz PosixTz::utc() {
  PosixTz tz;
  tz.rule_ = "UTC0";
  tz.std_name_ = "UTC";
  return tz;
}

std::int64_t PosixTz::rule_day(const Rule& r, int year) {
  return rule_day(r, days_from_civil(CivilDate{year, 1, 1}), is_leap_year(year));
}

std::int64_t PosixTz::rule_day(const Rule& r, std::int64_t jan1, bool leap) {
  switch (r.kind) {
    case Rule::kJulianNoLeap:
      // J60 is March 1 in every year: Feb 29 is never counted.
      return jan1 + r.day - 1 + ((leap && r.day >= 60) ? 1 : 0);
    case Rule::kJulianZero: return jan1 + r.day;
    case Rule::kMonthWeekDay:
    default: {
      const int leap_day = leap ? 1 : 0;
      const std::int64_t first = jan1 + kDaysBefore[r.month - 1] + (r.month > 2 ? leap_day : 0);
      const int first_weekday = static_cast<int>(floor_mod(first + 4, 7));           // 0 = Sunday
      int day = (r.weekday - first_weekday + 7) % 7 + (r.week - 1) * 7;              // 0-based in month
      if (day >= kMonthDays[r.month - 1] + (r.month == 2 ? leap_day : 0)) day -= 7;  // w=5: last
      return first + day;
    }
  }
}

// Start: the rule's local time is standard time. End: the rule's local time is DST.
Instant PosixTz::dst_start_utc(int year) const {
  return rule_day(start_, year) * kSecondsPerDay + start_.time - std_offset_;
}
Instant PosixTz::dst_end_utc(int year) const { return rule_day(end_, year) * kSecondsPerDay + end_.time - dst_offset_; }

bool PosixTz::dst_at(Instant t) const {
  if (!has_dst_) return false;
  t = clamp_for_rules(t);
  const CalendarYear y = calendar_year(floor_div(t, kSecondsPerDay));
  const Instant year_start = y.jan1 * kSecondsPerDay;
  const Instant start = rule_day(start_, y.jan1, y.leap) * kSecondsPerDay + start_.time - std_offset_;
  const Instant end = rule_day(end_, y.jan1, y.leap) * kSecondsPerDay + end_.time - dst_offset_;
  const bool near_start = t < year_start + kYearEdge;
  const bool near_end = t >= year_start + (365 + (y.leap ? 1 : 0)) * kSecondsPerDay - kYearEdge;
  if (!near_start && !near_end) {
    // Common case: only this year's two transitions matter. Before both of them the state is the
    // one the previous year ended in: DST when DST starts after it ends (southern hemisphere).
    if (t >= start && t >= end) return start > end;
    if (t >= start) return true;
    if (t >= end) return false;
    return start > end;
  }
  // Near a year boundary, transitions of the neighbouring year may be the latest. Offer years in
  // chronological order so that when one year's end coincides with the next year's start (the
  // "DST all year" idiom ...,0/0,J365/25) the later rule wins.
  LatestTransition latest{t};
  if (near_start) {
    latest.offer(dst_start_utc(y.year - 1), true);
    latest.offer(dst_end_utc(y.year - 1), false);
  }
  latest.offer(start, true);
  latest.offer(end, false);
  if (near_end) {
    latest.offer(dst_start_utc(y.year + 1), true);
    latest.offer(dst_end_utc(y.year + 1), false);
  }
  return latest.found ? latest.dst : start > end;
}

int PosixTz::utc_offset(Instant t) const { return dst_at(t) ? dst_offset_ : std_offset_; }

bool PosixTz::is_dst(Instant t) const { return dst_at(t); }

const std::string& PosixTz::abbreviation(Instant t) const { return dst_at(t) ? dst_name_ : std_name_; }

LocalDateTime PosixTz::to_local(Instant t) const {
  const Instant local = t + utc_offset(t);
  const std::int64_t days = floor_div(local, kSecondsPerDay);
  return LocalDateTime{civil_from_days(days), static_cast<int>(local - days * kSecondsPerDay)};
}

std::optional<Instant> PosixTz::next_transition(Instant t) const {
  if (!has_dst_ || std_offset_ == dst_offset_) return std::nullopt;
  const int year = civil_from_days(floor_div(clamp_for_rules(t), kSecondsPerDay)).year;
  // Candidates from the previous year to the one after next, sorted (insertion sort, no heap).
  Instant candidates[8];
  int n = 0;
  for (int y = year - 1; y <= year + 2; ++y) {
    for (const Instant c : {dst_start_utc(y), dst_end_utc(y)}) {
      int i = n++;
      while (i > 0 && candidates[i - 1] > c) {
        candidates[i] = candidates[i - 1];
        --i;
      }
      candidates[i] = c;
    }
  }
  for (int i = 0; i < n; ++i) {
    const Instant c = candidates[i];
    // A candidate may be a non-event (e.g. DST all year: one year's end is the next one's start).
    if (c >= t && dst_at(c) != dst_at(c - 1)) return c;
  }
  return std::nullopt;
}

Instant PosixTz::from_local(LocalDateTime local) const {
  const Instant wall = days_from_civil(local.date) * kSecondsPerDay + local.seconds_of_day;
  if (!has_dst_ || std_offset_ == dst_offset_) return wall - std_offset_;
  const int lo = std_offset_ < dst_offset_ ? std_offset_ : dst_offset_;
  const int hi = std_offset_ < dst_offset_ ? dst_offset_ : std_offset_;
  // With the larger offset the instant is earlier. If that reading is consistent, it is the
  // answer (normal time, or the earlier of two in an overlap). Otherwise the smaller offset is in
  // force: either normal time, or a gap, where the offset before the gap is the smaller one and
  // wall - lo lands after the gap.
  const Instant early = wall - hi;
  return utc_offset(early) == hi ? early : wall - lo;
}

}  // namespace portal
