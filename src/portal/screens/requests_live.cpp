// Requests refresh themselves on change events (issue #10): the list is reloaded, and the open
// request too when the event is about it (the reply being typed is kept).
#include <algorithm>

#include "platform/web_platform.h"
#include "screens/requests.h"

namespace portal::screens {

void RequestsScreen::on_event(const nlohmann::json& event) {
  const std::string type = event.value("type", "");
  if (type != "resync" && type.rfind("request.", 0) != 0) return;
  list_stale_ = true;
  const std::string id = event.value("id", "");
  const bool open_here = view_ == View::Detail && id == detail_.id();
  if (view_ == View::Detail && (type == "resync" || open_here)) pending_open_ = detail_.id();
  // An agent's reply to a request not open now: an unread marker on its row until it is opened.
  const nlohmann::json changed = event.value("changed", nlohmann::json::array());
  if (type == "request.updated" && !open_here && event.value("by", "") == "agent" && unread_.size() < 500 &&
      std::find(changed.begin(), changed.end(), "message") != changed.end())
    unread_[id] = event.value("number", 0);
  platform::request_frame();
}

}  // namespace portal::screens
