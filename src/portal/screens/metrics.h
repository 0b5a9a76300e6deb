// Metrics of the customer's company: time to first response and to resolution (median, p90), SLA
// compliance, CSI, as numbers and small charts.
//
//   metrics.cpp         draw(): loading GET /metrics, the big-number tiles, empty states
//   metrics_charts.cpp  the charts, drawn with ImGui's draw list: requests per week (created vs
//                       resolved), median vs p90 bars, the SLA compliance ring
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"

namespace portal::screens {

class MetricsScreen {
 public:
  void draw(app::Context& ctx);

 private:
  void load(app::Context& ctx);
  void draw_tiles(const nlohmann::json& m);
  void publish(const nlohmann::json& m);

  // metrics_charts.cpp
  void draw_weekly_chart(const nlohmann::json& weekly);
  void draw_times_chart(const nlohmann::json& m);

  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  nlohmann::json data_;  // GET /metrics's body (null until loaded)
  bool loading_ = false;
  bool failed_ = false;
  double loaded_ms_ = 0;  // when data_ arrived
  int last_frame_ = -10;  // ImGui frame of the last draw: a gap means the screen was left
  int hovered_week_ = -1;
};

}  // namespace portal::screens
