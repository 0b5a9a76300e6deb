// Metrics of the customer's company: time to first response and to resolution (median, p90), SLA compliance, CSI, as numbers and small charts.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"

namespace portal::screens {

class MetricsScreen {
 public:
  void draw(app::Context& ctx);

 private:
};

}  // namespace portal::screens
