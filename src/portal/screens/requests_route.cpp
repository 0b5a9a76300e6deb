// The Requests screen's address (see app/routes.h).
#include "screens/requests.h"

#include <cstdlib>
#include <cstring>

#include "platform/web_platform.h"

namespace portal::screens {

// A request's address is its number (#/requests/1042); an id (older links, events) opens it too
// and is replaced by the number once the request is loaded.
std::string RequestsScreen::route() const {
  if (!pending_open_.empty()) return "requests/" + (detail_.is(pending_open_) ? detail_.address() : pending_open_);
  if (view_ == View::New) return "requests/new";
  if (view_ == View::Detail && !detail_.address().empty()) return "requests/" + detail_.address();
  return "requests";
}

bool RequestsScreen::same_request(const std::string& previous_route) const {
  return view_ == View::Detail && !detail_.id().empty() && previous_route == "requests/" + detail_.id();
}

void RequestsScreen::go_to(const std::string& sub) {
  if (sub == "new") {
    view_ = View::New;  // the form keeps what was typed (a draft)
  } else if (!sub.empty()) {
    if (view_ != View::Detail || !detail_.is(sub)) open(sub);
  } else {
    if (view_ != View::List) list_stale_ = true;
    view_ = View::List;
    pending_open_.clear();
  }
  platform::request_frame();
}

}  // namespace portal::screens

namespace portal::screens {

// The new-request form as a draft (app/drafts.h): kept while typed, back after a reload. Stored as
// the fields joined by U+001F (no JSON code needed for it).
void RequestsScreen::sync_new_draft(app::Context& ctx) {
  const char sep = '\x1f';
  std::string text;
  if (subject_[0] || !description_.empty() || severity_ || !category_.empty() || address_[0])
    text =
        std::string(subject_) + sep + description_ + sep + std::to_string(severity_) + sep + category_ + sep + address_;
  if (!new_draft_.sync(app::draft_key(ctx, "new"), text)) return;
  std::string part[5];
  for (std::size_t i = 0, k = 0; i < text.size() && k < 5; i++) {
    if (text[i] == sep) k++;
    else part[k] += text[i];
  }
  auto copy = [](char* dst, std::size_t size, const std::string& s) {
    std::strncpy(dst, s.c_str(), size - 1);
    dst[size - 1] = 0;
  };
  copy(subject_, sizeof subject_, part[0]);
  description_ = part[1];
  severity_ = std::atoi(part[2].c_str());
  category_ = part[3];
  copy(address_, sizeof address_, part[4]);
}

}  // namespace portal::screens
