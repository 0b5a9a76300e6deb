// PosixTz against glibc's own POSIX TZ implementation (native only: sets $TZ, calls localtime_r).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "time/civil.h"
#include "time/iso8601.h"
#include "time/posix_tz.h"

using namespace portal;

namespace {

// Sets $TZ for the lifetime of the object and restores the previous value (or its absence).
class ScopedTz {
 public:
  explicit ScopedTz(const char* rule) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    setenv("TZ", rule, 1);
    tzset();
  }
  ~ScopedTz() {
    if (old_) setenv("TZ", old_->c_str(), 1);
    else unsetenv("TZ");
    tzset();
  }
  ScopedTz(const ScopedTz&) = delete;
  ScopedTz& operator=(const ScopedTz&) = delete;

 private:
  std::optional<std::string> old_;
};

// splitmix64: deterministic, good enough to scatter instants.
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
};

struct Comparison {
  std::size_t compared = 0;
  std::size_t transitions = 0;
  std::size_t mismatches = 0;
  std::string first_mismatch;
};

std::string describe_local(const LocalDateTime& l) {
  std::ostringstream out;
  out << format_date(l.date) << " +" << l.seconds_of_day << "s";
  return out.str();
}

Comparison compare_with_libc(const char* rule) {
  Comparison result;
  const auto parsed = PosixTz::parse(rule);
  if (!parsed) {
    result.mismatches = 1;
    result.first_mismatch = "rule did not parse";
    return result;
  }
  const PosixTz& tz = *parsed;

  const Instant from = *parse_instant("2000-01-01T00:00:00Z");
  const Instant to = *parse_instant("2041-01-01T00:00:00Z");  // exclusive: up to 2040-12-31

  std::vector<Instant> instants;
  SplitMix rng{0x5eed0000ULL + std::string_view(rule).size()};
  const auto span = static_cast<std::uint64_t>(to - from);
  for (int i = 0; i < 100000; ++i) instants.push_back(from + static_cast<Instant>(rng.next() % span));
  // Every transition and its neighbours; `jump` is the largest offset change (for overlaps).
  int jump = 0;
  for (auto t = tz.next_transition(from); t && *t < to; t = tz.next_transition(*t + 1)) {
    ++result.transitions;
    for (Instant d = -1; d <= 1; ++d) instants.push_back(*t + d);
    const int change = tz.utc_offset(*t) - tz.utc_offset(*t - 1);
    if (change > jump) jump = change;
    if (-change > jump) jump = -change;
  }

  const ScopedTz scoped(rule);
  for (const Instant t : instants) {
    ++result.compared;
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    if (!localtime_r(&tt, &tm)) {
      if (result.mismatches++ == 0) result.first_mismatch = "localtime_r failed at " + format_instant(t);
      continue;
    }
    const LocalDateTime mine = tz.to_local(t);
    const LocalDateTime libc{CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday},
                             tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec};
    const bool same = tz.utc_offset(t) == tm.tm_gmtoff && mine == libc && tz.is_dst(t) == (tm.tm_isdst > 0) &&
                      tz.abbreviation(t) == tm.tm_zone;
    // Back to the instant: from_local against mktime(tm_isdst = -1), except in a fall-back
    // overlap, where glibc may pick either reading and from_local must pick the earlier one.
    const Instant back = tz.from_local(mine);
    const bool in_overlap = jump > 0 && (tz.to_local(t - jump) == mine || tz.to_local(t + jump) == mine);
    bool same_back = back == t;
    Instant mktime_result = 0;
    if (in_overlap) {
      same_back = back <= t && tz.to_local(back) == mine && tz.to_local(back - jump) != mine;
    } else {
      std::tm probe = tm;
      probe.tm_isdst = -1;
      mktime_result = std::mktime(&probe);
      same_back = same_back && mktime_result == t;
    }
    if (!same || !same_back) {
      if (result.mismatches++ == 0) {
        std::ostringstream out;
        out << format_instant(t) << " (" << t << "): mine offset " << tz.utc_offset(t) << " local "
            << describe_local(mine) << " dst " << tz.is_dst(t) << " " << tz.abbreviation(t) << " from_local " << back
            << "; libc offset " << tm.tm_gmtoff << " local " << describe_local(libc) << " dst " << tm.tm_isdst << " "
            << tm.tm_zone << (in_overlap ? " (overlap)" : " mktime " + std::to_string(mktime_result));
        result.first_mismatch = out.str();
      }
    }
  }
  return result;
}

// Local times inside spring-forward gaps: mktime(tm_isdst = -1) on glibc uses the offset in force
// before the gap, as from_local does.
std::size_t gap_mismatches(const char* rule, std::string& first) {
  const PosixTz tz = *PosixTz::parse(rule);
  const ScopedTz scoped(rule);
  std::size_t mismatches = 0;
  const Instant from = *parse_instant("2000-01-01T00:00:00Z");
  const Instant to = *parse_instant("2041-01-01T00:00:00Z");
  for (auto t = tz.next_transition(from); t && *t < to; t = tz.next_transition(*t + 1)) {
    const int before = tz.utc_offset(*t - 1), after = tz.utc_offset(*t);
    if (after <= before) continue;  // fall back: no gap
    for (int into = 1; into < after - before; into += 599) {
      // Local wall time `into` seconds after the gap opens, read with the offset before it.
      const LocalDateTime wall = tz.to_local(*t - 1);
      const Instant wall_seconds = days_from_civil(wall.date) * kSecondsPerDay + wall.seconds_of_day + 1 + into;
      const std::int64_t days = floor_div(wall_seconds, kSecondsPerDay);
      const LocalDateTime in_gap{civil_from_days(days), static_cast<int>(wall_seconds - days * kSecondsPerDay)};
      std::tm probe{};
      probe.tm_year = in_gap.date.year - 1900;
      probe.tm_mon = in_gap.date.month - 1;
      probe.tm_mday = in_gap.date.day;
      probe.tm_hour = in_gap.seconds_of_day / 3600;
      probe.tm_min = in_gap.seconds_of_day / 60 % 60;
      probe.tm_sec = in_gap.seconds_of_day % 60;
      probe.tm_isdst = -1;
      const Instant libc = std::mktime(&probe);
      const Instant mine = tz.from_local(in_gap);
      if (libc != mine && mismatches++ == 0)
        first = describe_local(in_gap) + ": mine " + format_instant(mine) + ", mktime " + format_instant(libc);
    }
  }
  return mismatches;
}

}  // namespace

// Rules whose transitions fall on both sides of a UTC new year within a few hours (the "DST all
// year" idiom EST5EDT,0/0,J365/25, or AAA-3BBB,J365/23,J1/1) are left out on purpose: glibc
// evaluates each UTC year's two transitions in isolation and gets them wrong near Jan 1, where
// PosixTz also looks at the neighbouring year (see test_time.cpp for their hand-checked values).
TEST_CASE("time tz: PosixTz agrees with glibc localtime_r for 2000-2040") {
  for (const char* rule :
       {"CET-1CEST,M3.5.0,M10.5.0/3", "AEST-10AEDT,M10.1.0,M4.1.0/3", "IST-5:30", "EST5EDT,M3.2.0,M11.1.0",
        "<+0545>-5:45",
        // Beyond the brief: half-hour DST, negative DST and odd rule forms.
        "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", "IST-1GMT0,M10.5.0,M3.5.0/1", "<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
        "<-03>3<-02>,M10.1.0/0,M2.3.0/0", "AAA0BBB,J60/0,J300/0", "AAA0BBB,59/0,299/0",
        "AAA0BBB,M3.1.0/50,M10.1.0/-25:30", "AAA-1:30:15BBB-2:45:30,M3.5.0/1:02:03,M10.5.0/3:04:05"}) {
    const Comparison c = compare_with_libc(rule);
    INFO("rule ", std::string(rule), ": ", c.compared, " instants (", c.transitions,
         " transitions), first mismatch: ", c.first_mismatch);
    CHECK(c.compared >= 100000);
    CHECK(c.mismatches == 0);
  }
}

TEST_CASE("time tz: from_local matches glibc mktime in spring-forward gaps") {
  for (const char* rule : {"CET-1CEST,M3.5.0,M10.5.0/3", "AEST-10AEDT,M10.1.0,M4.1.0/3", "EST5EDT,M3.2.0,M11.1.0"}) {
    std::string first;
    const std::size_t mismatches = gap_mismatches(rule, first);
    INFO("rule ", std::string(rule), ": first mismatch: ", first);
    CHECK(mismatches == 0);
  }
}

TEST_CASE("time tz: TZ is restored after the comparison") {
  const char* before = std::getenv("TZ");
  const std::optional<std::string> saved = before ? std::optional<std::string>(before) : std::nullopt;
  { const ScopedTz scoped("IST-5:30"); }
  const char* after = std::getenv("TZ");
  CHECK((after ? std::optional<std::string>(after) : std::nullopt) == saved);
}
