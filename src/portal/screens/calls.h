// Calls with the personal manager or the dedicated agent: a week of free slots in the customer's zone (the agent's zone named), book with topic and note, cancel, reschedule, the .ics invitation; customers without calls see what unlocks them.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"

namespace portal::screens {

class CallsScreen {
 public:
  void draw(app::Context& ctx);

 private:
};

}  // namespace portal::screens
