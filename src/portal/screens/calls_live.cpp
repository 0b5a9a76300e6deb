// Calls refresh themselves on change events (issue #10): a call booked, moved or cancelled in
// another tab or by the agent is shown (and its slot offered or taken) without a reload.
#include "platform/web_platform.h"
#include "screens/calls.h"

namespace portal::screens {

void CallsScreen::on_event(const nlohmann::json& event) {
  const std::string type = event.value("type", "");
  if (type != "resync" && type != "account.updated" && type.rfind("booking.", 0) != 0) return;
  if (slots_state_ != Slots::Loading) slots_state_ = Slots::Idle;
  bookings_loaded_ = false;
  platform::request_frame();
}

}  // namespace portal::screens
