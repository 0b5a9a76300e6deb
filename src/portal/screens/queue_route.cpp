// The agent queue's address (see app/routes.h).
#include "screens/queue.h"

#include "platform/web_platform.h"

namespace portal::screens {

std::string QueueScreen::route() const {
  const std::string& id = pending_open_.empty() ? detail_.id() : pending_open_;
  if ((in_detail_ || !pending_open_.empty()) && !id.empty()) return "queue/" + id;
  return "queue";
}

void QueueScreen::go_to(const std::string& sub) {
  if (!sub.empty()) {
    if (!in_detail_ || detail_.id() != sub) open(sub);
  } else {
    if (in_detail_) stale_ = true;
    in_detail_ = false;
    pending_open_.clear();
  }
  platform::request_frame();
}

}  // namespace portal::screens
