// Support metrics: percentiles, first response and resolution times, SLA compliance, CSI.
#include <doctest/doctest.h>

#include <vector>

#include "domain/metrics.h"

using namespace portal;

namespace {

constexpr Instant kMinute = 60;
constexpr Instant kNow = 600 * kMinute;  // all requests below are created at 0 unless said

SlaClock clock(Instant started, Instant due, std::optional<Instant> met = std::nullopt) {
  SlaClock c;
  c.started_at = started;
  c.due = due;
  c.met_at = met;
  return c;
}

Request request(std::string id, SlaClock first_response, std::string status = "open") {
  Request r;
  r.id = std::move(id);
  r.created_at = 0;
  r.status = parse_request_status(status).value();
  r.first_response = first_response;
  return r;
}

Rating rating(int score) {
  Rating r;
  r.score = score;
  return r;
}

}  // namespace

TEST_CASE("metrics: percentile interpolates between closest ranks") {
  CHECK(*percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90) == doctest::Approx(9.1));
  CHECK(*percentile({1, 2, 3, 4}, 50) == doctest::Approx(2.5));
  CHECK(*percentile({4, 1, 3, 2}, 50) == doctest::Approx(2.5));  // order does not matter
  CHECK(*percentile({1, 2, 3}, 50) == doctest::Approx(2));
  CHECK(*percentile({7}, 50) == doctest::Approx(7));
  CHECK(*percentile({7}, 90) == doctest::Approx(7));
  CHECK(*percentile({10, 20}, 0) == doctest::Approx(10));
  CHECK(*percentile({10, 20}, 100) == doctest::Approx(20));
  CHECK(*percentile({10, 20}, 25) == doctest::Approx(12.5));
  CHECK(*percentile({10, 20}, -5) == doctest::Approx(10));  // clamped to 0..100
  CHECK(*percentile({10, 20}, 250) == doctest::Approx(20));
  CHECK_FALSE(percentile({}, 50).has_value());
}

TEST_CASE("metrics: no requests, no numbers") {
  const Metrics m = compute_metrics({}, kNow);
  CHECK_FALSE(m.first_response_minutes.median.has_value());
  CHECK_FALSE(m.first_response_minutes.p90.has_value());
  CHECK(m.first_response_minutes.count == 0);
  CHECK_FALSE(m.resolution_minutes.median.has_value());
  CHECK_FALSE(m.sla_met_percent.has_value());
  CHECK(m.sla_targets_decided == 0);
  CHECK_FALSE(m.csi.has_value());
  CHECK_FALSE(m.average_rating.has_value());
  CHECK(m.ratings == 0);
}

TEST_CASE("metrics: a hand-computed company") {
  std::vector<Request> requests;

  // r1: answered after 30 min (due 60: met), resolved after 120 min, rated 5;
  //     two follow-ups met and one breached earlier.
  Request r1 = request("r1", clock(0, 60 * kMinute, 30 * kMinute), "resolved");
  r1.resolved_at = 120 * kMinute;
  r1.follow_ups_met = 2;
  r1.follow_ups_breached = 1;
  r1.rating = rating(5);
  requests.push_back(r1);

  // r2: answered after 90 min (late: breached), resolved after 600 min, rated 3.
  Request r2 = request("r2", clock(0, 60 * kMinute, 90 * kMinute), "resolved");
  r2.resolved_at = 600 * kMinute;
  r2.rating = rating(3);
  requests.push_back(r2);

  // r3: never answered and long overdue: breached.
  requests.push_back(request("r3", clock(0, 60 * kMinute)));

  // r4: created 10 min ago, due in 50 min: not decided yet.
  Request r4 = request("r4", clock(kNow - 10 * kMinute, kNow + 50 * kMinute), "new");
  r4.created_at = kNow - 10 * kMinute;
  requests.push_back(r4);

  // r5: answered after 10 min (met); its current follow-up clock ran out unanswered (breached);
  //     rated 4.
  Request r5 = request("r5", clock(0, 60 * kMinute, 10 * kMinute));
  r5.follow_up = clock(120 * kMinute, 180 * kMinute);
  r5.rating = rating(4);
  requests.push_back(r5);

  const Metrics m = compute_metrics(requests, kNow);

  // First responses: 10, 30, 90 → median 30; p90 at rank 1.8 = 30 + 0.8 × 60 = 78.
  CHECK(m.first_response_minutes.count == 3);
  CHECK(*m.first_response_minutes.median == doctest::Approx(30));
  CHECK(*m.first_response_minutes.p90 == doctest::Approx(78));

  // Resolutions: 120, 600 → median 360; p90 at rank 0.9 = 120 + 0.9 × 480 = 552.
  CHECK(m.resolution_minutes.count == 2);
  CHECK(*m.resolution_minutes.median == doctest::Approx(360));
  CHECK(*m.resolution_minutes.p90 == doctest::Approx(552));

  // SLA: met = r1 first response + r1's 2 counted follow-ups + r5 first response = 4;
  //      breached = r1's 1 counted follow-up + r2 + r3 + r5's follow-up = 4; r4 undecided.
  CHECK(m.sla_targets_decided == 8);
  CHECK(*m.sla_met_percent == doctest::Approx(50));

  // Ratings 5, 3, 4: mean 4, CSI (4 − 1) / 4 × 100 = 75.
  CHECK(m.ratings == 3);
  CHECK(*m.average_rating == doctest::Approx(4));
  CHECK(*m.csi == doctest::Approx(75));
}

TEST_CASE("metrics: a clock met exactly at its due time is met") {
  const Metrics m = compute_metrics({request("r", clock(0, 60 * kMinute, 60 * kMinute))}, kNow);
  CHECK(m.sla_targets_decided == 1);
  CHECK(*m.sla_met_percent == doctest::Approx(100));
}

TEST_CASE("metrics: a running clock is breached only once its due time has passed") {
  const std::vector<Request> requests = {request("r", clock(0, 60 * kMinute))};
  CHECK(compute_metrics(requests, 60 * kMinute).sla_targets_decided == 0);  // now == due: in time
  const Metrics late = compute_metrics(requests, 60 * kMinute + 1);
  CHECK(late.sla_targets_decided == 1);
  CHECK(*late.sla_met_percent == doctest::Approx(0));
}

TEST_CASE("metrics: an unmet clock stops when the request is resolved") {
  // The customer said "thanks" (follow-up clock started), the agent resolved without replying.
  Request r = request("r", clock(0, 60 * kMinute, 5 * kMinute), "resolved");
  r.resolved_at = 40 * kMinute;
  r.follow_up = clock(30 * kMinute, 90 * kMinute);
  Metrics m = compute_metrics({r}, kNow);
  CHECK(m.sla_targets_decided == 1);  // the first response only
  CHECK(*m.sla_met_percent == doctest::Approx(100));

  // Resolved after the follow-up was already overdue: that one is breached.
  r.resolved_at = 100 * kMinute;
  m = compute_metrics({r}, kNow);
  CHECK(m.sla_targets_decided == 2);
  CHECK(*m.sla_met_percent == doctest::Approx(50));
}

TEST_CASE("metrics: CSI extremes and out-of-range ratings") {
  Request low = request("low", clock(0, 60 * kMinute));
  low.rating = rating(1);
  Request high = request("high", clock(0, 60 * kMinute));
  high.rating = rating(5);
  CHECK(*compute_metrics({low}, 0).csi == doctest::Approx(0));
  CHECK(*compute_metrics({high}, 0).csi == doctest::Approx(100));
  CHECK(*compute_metrics({low, high}, 0).csi == doctest::Approx(50));

  Request bad = request("bad", clock(0, 60 * kMinute));
  bad.rating = rating(9);
  const Metrics m = compute_metrics({bad, high}, 0);
  CHECK(m.ratings == 1);
  CHECK(*m.average_rating == doctest::Approx(5));
}
