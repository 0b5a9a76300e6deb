// The Requests screen's address (see app/routes.h).
#include "screens/requests.h"

#include <cstring>

#include "platform/web_platform.h"

namespace portal::screens {

std::string RequestsScreen::route() const {
  if (!pending_open_.empty()) return "requests/" + pending_open_;
  if (view_ == View::New) return "requests/new";
  if (view_ == View::Detail) {
    const std::string& id = pending_open_.empty() ? detail_.id() : pending_open_;
    if (!id.empty()) return "requests/" + id;
  }
  return "requests";
}

void RequestsScreen::go_to(const std::string& sub) {
  if (sub == "new") {
    view_ = View::New;  // the form keeps what was typed (a draft)
  } else if (!sub.empty()) {
    if (view_ != View::Detail || detail_.id() != sub) open(sub);
  } else {
    if (view_ != View::List) list_stale_ = true;
    view_ = View::List;
    pending_open_.clear();
  }
  platform::request_frame();
}

}  // namespace portal::screens

namespace portal::screens {

// The new-request form as a draft (app/drafts.h): kept while typed, back after a reload.
void RequestsScreen::sync_new_draft(app::Context& ctx) {
  nlohmann::json d = nlohmann::json::object();
  if (subject_[0]) d["subject"] = std::string(subject_);
  if (!description_.empty()) d["description"] = description_;
  if (severity_) d["severity"] = severity_;
  if (!category_.empty()) d["category"] = category_;
  if (address_[0]) d["address"] = std::string(address_);
  std::string text = d.empty() ? std::string() : d.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (!new_draft_.sync(app::draft_key(ctx, "new"), text)) return;
  const nlohmann::json kept = nlohmann::json::parse(std::string_view(text), nullptr, false);
  if (!kept.is_object()) return;
  auto copy = [](char* dst, std::size_t size, const std::string& s) {
    std::strncpy(dst, s.c_str(), size - 1);
    dst[size - 1] = 0;
  };
  copy(subject_, sizeof subject_, kept.value("subject", std::string()));
  description_ = kept.value("description", std::string());
  severity_ = kept.value("severity", 0);
  category_ = kept.value("category", std::string());
  copy(address_, sizeof address_, kept.value("address", std::string()));
}

}  // namespace portal::screens
