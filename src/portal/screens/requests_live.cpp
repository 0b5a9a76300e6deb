// Requests refresh themselves on change events (issue #10): the list is reloaded, and the open
// request too when the event is about it (the reply being typed is kept).
#include "platform/web_platform.h"
#include "screens/requests.h"

namespace portal::screens {

void RequestsScreen::on_event(const nlohmann::json& event) {
  const std::string type = event.value("type", "");
  if (type != "resync" && type.rfind("request.", 0) != 0) return;
  list_stale_ = true;
  const std::string id = event.value("id", "");
  if (view_ == View::Detail && (type == "resync" || id == detail_.id())) pending_open_ = detail_.id();
  platform::request_frame();
}

}  // namespace portal::screens
