// Support metrics (seed 002): time to first response, time to resolution, SLA compliance, CSI.
#pragma once
#include <optional>
#include <vector>

#include "domain/model.h"

namespace portal {

struct Distribution {
  std::optional<double> median;  // minutes; nullopt without data
  std::optional<double> p90;
  int count = 0;
};

struct Metrics {
  Distribution first_response_minutes;    // created → first agent reply
  Distribution resolution_minutes;        // created → resolved
  std::optional<double> sla_met_percent;  // targets met / targets decided (met, or breached)
  int sla_targets_decided = 0;
  std::optional<double> csi;  // customer satisfaction index 0..100: mean rating (1..5) scaled, (mean-1)/4*100
  int ratings = 0;
  std::optional<double> average_rating;
};

// Percentile by linear interpolation between closest ranks (p in 0..100); nullopt when empty.
std::optional<double> percentile(std::vector<double> values, double p);

// Over the given requests as of `now` (a running clock whose due time has passed counts as
// breached; a running clock still in time is not decided yet).
Metrics compute_metrics(const std::vector<Request>& requests, Instant now);

}  // namespace portal
