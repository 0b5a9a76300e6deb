// The agent's queue: open requests ordered by SLA due time; a request's detail with reply, pending / resolved, escalation L1 → L2 → L3.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"

namespace portal::screens {

class QueueScreen {
 public:
  void draw(app::Context& ctx);
  void open(const std::string& request_id);

 private:
};

}  // namespace portal::screens
