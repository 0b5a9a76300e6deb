#include "domain/metrics.h"

#include <algorithm>
#include <cmath>

namespace portal {
namespace {

Distribution distribution(const std::vector<double>& minutes) {
  Distribution d;
  d.count = static_cast<int>(minutes.size());
  d.median = percentile(minutes, 50);
  d.p90 = percentile(minutes, 90);
  return d;
}

double minutes_between(Instant from, Instant to) {
  return static_cast<double>(std::max<Instant>(0, to - from)) / 60.0;  // clock skew: never < 0
}

enum class Outcome { kUndecided, kMet, kBreached };

// Met on time → met, met late → breached; not met → breached once `until` is past its due
// time, else not decided yet.
Outcome outcome(const SlaClock& clock, Instant until) {
  if (clock.met_at) return *clock.met_at <= clock.due ? Outcome::kMet : Outcome::kBreached;
  return until > clock.due ? Outcome::kBreached : Outcome::kUndecided;
}

}  // namespace

std::optional<double> percentile(std::vector<double> values, double p) {
  std::erase_if(values, [](double v) { return std::isnan(v); });
  if (values.empty()) return std::nullopt;
  if (!(p >= 0)) p = 0;  // also NaN
  if (p > 100) p = 100;
  std::sort(values.begin(), values.end());
  // Rank on 0..n-1, then interpolate between its two neighbours.
  const double rank = p / 100.0 * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(rank));
  const std::size_t upper = std::min(lower + 1, values.size() - 1);
  return values[lower] + (rank - static_cast<double>(lower)) * (values[upper] - values[lower]);
}

Metrics compute_metrics(const std::vector<Request>& requests, Instant now) {
  std::vector<double> first_response, resolution;
  int met = 0, decided = 0, rating_sum = 0;
  Metrics m;
  for (const Request& r : requests) {
    if (r.first_response.met_at) first_response.push_back(minutes_between(r.created_at, *r.first_response.met_at));
    if (r.resolved_at) resolution.push_back(minutes_between(r.created_at, *r.resolved_at));

    // A resolved or closed request has no running clock (Request::next_due): an unmet clock
    // stops when the request was resolved, so it cannot breach afterwards.
    Instant until = now;
    if (is_finished(r.status)) {
      until = std::min(now, r.resolved_at.value_or(r.closed_at.value_or(now)));
    }
    for (const SlaClock* clock : {&r.first_response, r.follow_up ? &*r.follow_up : nullptr}) {
      if (!clock) continue;
      const Outcome o = outcome(*clock, until);
      if (o == Outcome::kUndecided) continue;
      ++decided;
      if (o == Outcome::kMet) ++met;
    }
    met += std::max(0, r.follow_ups_met);
    decided += std::max(0, r.follow_ups_met) + std::max(0, r.follow_ups_breached);

    if (r.rating && r.rating->score >= 1 && r.rating->score <= 5) {  // out of range: ignored
      ++m.ratings;
      rating_sum += r.rating->score;
    }
  }
  m.first_response_minutes = distribution(first_response);
  m.resolution_minutes = distribution(resolution);
  m.sla_targets_decided = decided;
  if (decided > 0) m.sla_met_percent = 100.0 * met / decided;
  if (m.ratings > 0) {
    const double mean = static_cast<double>(rating_sum) / m.ratings;
    m.average_rating = mean;
    m.csi = (mean - 1.0) / 4.0 * 100.0;
  }
  return m;
}

}  // namespace portal
