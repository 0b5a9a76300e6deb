// The agent's queue refreshes itself on change events (issue #10): a new or changed request of
// the agent's level reloads the list, and the open request when the event is about it; new
// requests are counted in an "N new" cue at the top of the list.
#include <imgui.h>

#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/common.h"
#include "screens/queue.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"

namespace portal::screens {

void QueueScreen::on_event(const nlohmann::json& event) {
  const std::string type = event.value("type", "");
  if (type != "resync" && type.rfind("request.", 0) != 0) return;
  stale_ = true;
  if (type == "request.created") ++new_count_;
  const std::string id = event.value("id", "");
  if (in_detail_ && (type == "resync" || id == detail_.id())) pending_open_ = detail_.id();
  platform::request_frame();
}

// On the count line, as high as its text: showing it moves nothing. A click shows the top of the
// list (where the soonest due ones are) with the newest data.
void QueueScreen::draw_new_cue() {
  test_hooks::set_value("queue.new", std::to_string(new_count_));
  if (new_count_ <= 0) return;
  const std::string label = plural("live.new_count", new_count_);
  ImGui::SameLine(0, 12);
  ui::FontScope font(ui::Font::Small);
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().brand);
  const bool clicked = ImGui::Selectable((label + "##queue-new").c_str(), false, 0, ImGui::CalcTextSize(label.c_str()));
  ImGui::PopStyleColor();
  if (clicked) {
    new_count_ = 0;
    stale_ = true;
    ImGui::SetScrollY(0);
    platform::request_frame();
  }
}

}  // namespace portal::screens
