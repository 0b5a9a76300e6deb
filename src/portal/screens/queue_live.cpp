// The agent's queue refreshes itself on change events (issue #10): a new or changed request of
// the agent's level reloads the list, and the open request when the event is about it.
#include "platform/web_platform.h"
#include "screens/queue.h"

namespace portal::screens {

void QueueScreen::on_event(const nlohmann::json& event) {
  const std::string type = event.value("type", "");
  if (type != "resync" && type.rfind("request.", 0) != 0) return;
  stale_ = true;
  const std::string id = event.value("id", "");
  if (in_detail_ && (type == "resync" || id == detail_.id())) pending_open_ = detail_.id();
  platform::request_frame();
}

}  // namespace portal::screens
