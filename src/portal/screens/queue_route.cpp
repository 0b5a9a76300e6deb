// The agent queue's address (see app/routes.h).
#include "screens/queue.h"

#include "platform/web_platform.h"

namespace portal::screens {

std::string QueueScreen::route() const {  // by number once loaded, as requests_route.cpp
  const std::string& key = pending_open_.empty() || detail_.is(pending_open_) ? detail_.address() : pending_open_;
  if ((in_detail_ || !pending_open_.empty()) && !key.empty()) return "queue/" + key;
  return "queue";
}

bool QueueScreen::same_request(const std::string& previous_route) const {
  return in_detail_ && !detail_.id().empty() && previous_route == "queue/" + detail_.id();
}

void QueueScreen::go_to(const std::string& sub) {
  if (!sub.empty()) {
    if (!in_detail_ || !detail_.is(sub)) open(sub);
  } else {
    if (in_detail_) stale_ = true;
    in_detail_ = false;
    pending_open_.clear();
  }
  platform::request_frame();
}

}  // namespace portal::screens
