// Due-time throughput: portal::business_due on the real catalog's schedules and
// portal::earliest_due over the real catalog's policies, with start instants spread
// pseudo-randomly over 2026–2027 (precomputed: the RNG is not timed). Prints one line per case,
//   business_due weekdays_9_18 1h: 2.31 M/s (433 ns/op)
// and a calendar reference loop (start + N*60) for a ratio. Goal: > 1 M/s natively.
// Prints figures only; never fails on timing. DUE_BENCH_SECONDS sets the seconds per case.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sla/policy.h"
#include "sla/schedule.h"
#include "time/civil.h"

namespace {

using portal::Instant;
using Clock = std::chrono::steady_clock;

// Seconds per case; DUE_BENCH_SECONDS overrides (e.g. 0.02 under valgrind --tool=callgrind).
double case_seconds() {
  static const double s = [] {
    const char* env = std::getenv("DUE_BENCH_SECONDS");
    const double v = env ? std::atof(env) : 0.0;
    return v > 0 ? v : 0.5;
  }();
  return s;
}
constexpr std::size_t kStarts = 4096;  // power of two: index with a mask

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "due_time_bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// splitmix64: deterministic, seeded, only used while preparing inputs.
std::uint64_t next_random(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::vector<Instant> spread_starts(std::uint64_t seed) {
  const Instant from = portal::days_from_civil({2026, 1, 1}) * portal::kSecondsPerDay;
  const Instant to = portal::days_from_civil({2028, 1, 1}) * portal::kSecondsPerDay;
  std::vector<Instant> starts(kStarts);
  std::uint64_t state = seed;
  for (Instant& s : starts) s = from + static_cast<Instant>(next_random(state) % static_cast<std::uint64_t>(to - from));
  return starts;
}

volatile Instant g_sink = 0;  // keeps the results alive

// CPU time of this thread: the figures hold on a busy machine too (wall time is printed aside).
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double g_wall_total = 0, g_cpu_total = 0;

// Runs `op(i)` in batches until case_seconds() of CPU time have passed; prints
// "<label>: X M/s (Y ns/op)".
template <class Op>
double run_case(const std::string& label, Op op) {
  for (std::size_t i = 0; i < 256; ++i) g_sink = g_sink + op(i);  // warm-up
  std::uint64_t ops = 0;
  Instant sink = 0;
  const auto wall_begin = Clock::now();
  const double begin = cpu_seconds();
  double elapsed = 0;
  std::size_t batch = 256;
  do {
    for (std::size_t i = 0; i < batch; ++i) sink += op(static_cast<std::size_t>(ops + i));
    ops += batch;
    elapsed = cpu_seconds() - begin;
    if (elapsed < case_seconds() / 20) batch *= 2;
  } while (elapsed < case_seconds());
  g_sink = g_sink + sink;
  g_cpu_total += elapsed;
  g_wall_total += std::chrono::duration<double>(Clock::now() - wall_begin).count();
  const double per_second = static_cast<double>(ops) / elapsed;
  std::printf("%-60s %8.2f M/s (%.0f ns/op)\n", (label + ":").c_str(), per_second / 1e6, 1e9 / per_second);
  std::fflush(stdout);
  return per_second;
}

struct BusinessCase {
  std::string label;  // "1h", "8h", "1 day", "3 days", "5 days"
  std::int64_t seconds;
};

// One full open day of the schedule (its longest weekday), as the catalog writes "1 business day".
std::int64_t business_day_seconds(const portal::Schedule& s) {
  std::int64_t best = 0;
  for (const auto& day : s.weekly) {
    std::int64_t total = 0;
    for (const auto& iv : day) total += (iv.close_minute - iv.open_minute) * 60;
    best = std::max(best, total);
  }
  return best;
}

}  // namespace

int main() {
  const portal::Catalog catalog = portal::load_catalog(read_file(std::string(PORTAL_ASSETS_DIR) + "/catalog.json"));
  const std::vector<Instant> starts = spread_starts(20260101);
  constexpr std::size_t kMask = kStarts - 1;

  std::printf("due-time benchmark: %zu start instants over 2026-2027, %.2f CPU s per case, rates per CPU second\n",
              kStarts, case_seconds());

  // Reference: calendar targets, the cheapest possible "due time".
  const double calendar =
      run_case("calendar start+N*60 (reference)", [&](std::size_t i) { return starts[i & kMask] + 480 * 60; });

  double worst = 1e300, total_ops_rate_inv = 0;
  int cases = 0;
  std::vector<std::pair<const portal::Schedule*, std::int64_t>> mix;
  for (const char* id : {"weekdays_9_18", "priority_hours", "dedicated_cet"}) {
    const portal::Schedule* s = catalog.find_schedule(id);
    if (!s) {
      std::fprintf(stderr, "due_time_bench: no schedule %s in the catalog\n", id);
      return 2;
    }
    const std::int64_t day = business_day_seconds(*s);
    const BusinessCase business_cases[] = {
        {"1h", 3600}, {"8h", 8 * 3600}, {"1 day", day}, {"3 days", 3 * day}, {"5 days", 5 * day}};
    for (const BusinessCase& c : business_cases) {
      mix.push_back({s, c.seconds});
      const double rate = run_case(std::string("business_due ") + id + " " + c.label, [&](std::size_t i) {
        return portal::business_due(*s, starts[i & kMask], c.seconds).value_or(0);
      });
      worst = std::min(worst, rate);
      total_ops_rate_inv += 1 / rate;
      ++cases;
    }
  }

  // Overall mix: every (schedule, target) above, interleaved, each on its own start.
  const double mixed = run_case("business_due mix (3 schedules x 5 targets)", [&](std::size_t i) {
    const auto& [s, seconds] = mix[i % mix.size()];
    return portal::business_due(*s, starts[i & kMask], seconds).value_or(0);
  });

  // earliest_due over the policy sets customers actually have: each plan's policy, the packages
  // on Basic, and Premium with the dedicated-agent add-on; severities 1–5, both kinds of target.
  struct PolicySet {
    std::string label;
    std::vector<const portal::Policy*> policies;
  };
  std::vector<PolicySet> sets;
  for (const portal::Plan& p : catalog.plans) sets.push_back({"plan " + p.id, {p.policy}});
  for (const portal::Offer& o : catalog.packages)
    if (o.policy) sets.push_back({"basic+" + o.id, {catalog.find_plan("basic")->policy, o.policy}});
  for (const portal::Offer& o : catalog.addons)
    if (o.policy) sets.push_back({"premium+" + o.id, {catalog.find_plan("premium")->policy, o.policy}});

  double earliest_worst = 1e300;
  for (const PolicySet& set : sets) {
    const double rate = run_case("earliest_due " + set.label + " (sev 1-5, both kinds)", [&](std::size_t i) {
      const int severity = static_cast<int>(i % 5) + 1;
      const auto kind = (i / 5) % 2 ? portal::TargetKind::kFollowUp : portal::TargetKind::kFirstResponse;
      auto due = portal::earliest_due(set.policies, severity, kind, starts[i & kMask]);
      return due ? due->due : 0;
    });
    earliest_worst = std::min(earliest_worst, rate);
  }
  const double earliest_mix = run_case("earliest_due mix (all sets above)", [&](std::size_t i) {
    const PolicySet& set = sets[i % sets.size()];
    const int severity = static_cast<int>((i / sets.size()) % 5) + 1;
    const auto kind = (i / (5 * sets.size())) % 2 ? portal::TargetKind::kFollowUp : portal::TargetKind::kFirstResponse;
    auto due = portal::earliest_due(set.policies, severity, kind, starts[i & kMask]);
    return due ? due->due : 0;
  });

  std::printf(
      "\nsummary: business_due mix %.2f M/s (slowest case %.2f M/s, harmonic mean of %d cases %.2f M/s); "
      "earliest_due mix %.2f M/s (slowest set %.2f M/s); calendar reference %.0f M/s, %.0fx faster than the business "
      "mix\n",
      mixed / 1e6, worst / 1e6, cases, cases / total_ops_rate_inv / 1e6, earliest_mix / 1e6, earliest_worst / 1e6,
      calendar / 1e6, calendar / mixed);
  std::printf(
      "goal > 1 M/s for business_due: %s (rates per CPU second of this thread; the machine gave it %.0f%% of the wall "
      "time)\n",
      mixed > 1e6 ? "met" : "NOT met", 100 * g_cpu_total / g_wall_total);
  return 0;
}
