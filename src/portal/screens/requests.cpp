// The Requests screen's views: list, new-request form, detail (see requests.h).
#include "screens/requests.h"

#include <cstring>

#include "client/i18n.h"
#include "screens/common.h"
#include "platform/web_platform.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

using nlohmann::json;

void RequestsScreen::draw(app::Context& ctx) {
  // Coming back to the screen (or another user signed in): the list is reloaded, since requests
  // change elsewhere (an agent answered, another tab); another user starts on the list.
  const std::string user = signed_in_as(ctx);
  if (ImGui::GetFrameCount() != last_frame_ + 1 || user != user_) {
    if (!user_.empty() && user != user_) view_ = View::List;  // not on the first visit: a handed-over draft waits
    if (user != user_) unread_.clear();
    user_ = user;
    list_stale_ = true;
  }
  last_frame_ = ImGui::GetFrameCount();
  sync_new_draft(ctx);
  if (!pending_open_.empty()) {
    unread_.erase(pending_open_);
    detail_.open(ctx, pending_open_);
    pending_open_.clear();
    view_ = View::Detail;
  }
  std::string unread;
  for (const auto& [id, number] : unread_) unread += (unread.empty() ? "" : ",") + std::to_string(number);
  test_hooks::set_value("requests.unread", unread);
  switch (view_) {
    case View::List:
      test_hooks::set_value("requests.view", "list");
      draw_list(ctx);
      break;
    case View::New:
      test_hooks::set_value("requests.view", "new");
      draw_new(ctx);
      break;
    case View::Detail:
      test_hooks::set_value("requests.view", "detail");
      if (!detail_.draw(ctx, false)) {
        view_ = View::List;
        list_stale_ = true;  // the request may have changed
        ImGui::SetScrollY(0);
        platform::request_frame();
      }
      break;
  }
}

void RequestsScreen::open(const std::string& request_id) {
  pending_open_ = request_id;
  platform::request_frame();
}

void RequestsScreen::start_new(const json& draft) {
  view_ = View::New;
  errors_.clear();
  auto copy = [](char* dst, std::size_t size, const std::string& s) {
    std::strncpy(dst, s.c_str(), size - 1);
    dst[size - 1] = 0;
  };
  copy(subject_, sizeof subject_, parts::str(draft, "subject"));
  description_ = parts::str(draft, "description");
  severity_ = draft.is_object() && draft.contains("severity") && draft["severity"].is_number_integer()
                  ? draft["severity"].get<int>()
                  : 0;
  category_ = parts::str(draft, "category");
  address_[0] = 0;
  kb_query_.clear();
  kb_results_ = json::array();
  kb_due_ms_ = platform::now_ms();  // suggestions for a handed-over draft at once
  platform::request_frame();
}

}  // namespace portal::screens
