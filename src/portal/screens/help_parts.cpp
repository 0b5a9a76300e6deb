#include "screens/help_parts.h"

#include <cctype>

#include "client/i18n.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens::help {

using nlohmann::json;

std::string category_name(const std::string& category) {
  const std::string key = "help.category." + category;
  const char* t = i18n::tr(key.c_str());
  return key == t ? category : std::string(t);
}

void article_text(const std::string& body) {
  const ui::Palette& p = ui::palette();
  std::size_t pos = 0;
  bool first = true;
  while (pos < body.size()) {
    std::size_t end = body.find('\n', pos);
    if (end == std::string::npos) end = body.size();
    const std::string line = body.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) {
      if (!first) ui::gap(4);
      continue;
    }
    first = false;
    if (line.rfind("- ", 0) == 0) {
      // A bullet: a dot in the margin, the text indented and wrapped.
      const ImVec2 at = ImGui::GetCursorScreenPos();
      const float line_h = ImGui::GetFontSize();
      ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + 8, at.y + line_h * 0.55f), 2.6f,
                                                  ImGui::GetColorU32(p.brand), 10);
      ImGui::Indent(22);
      text(ui::Font::Body, p.text, line.substr(2));
      ImGui::Unindent(22);
    } else {
      text(ui::Font::Body, p.text, line);
    }
  }
}

bool clickable_row(const std::string& id, const std::string& label, float height, bool* hovered) {
  const ui::Palette& p = ui::palette();
  const float w = ImGui::GetContentRegionAvail().x;
  const bool clicked = ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(w, height));
  const ImGuiID item = ui::last_item_id();
  test_hooks::register_item(item, with_id(label, id).c_str());
  const bool hot = ImGui::IsItemHovered() || ImGui::IsItemActive();
  if (hovered) *hovered = hot;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (hot) dl->AddRectFilled(a, b, ImGui::GetColorU32(p.surface_alt), 10);
  if (ui::nav_focus_visible(item))  // keyboard focus
    dl->AddRect(a - ImVec2(2, 2), b + ImVec2(2, 2), ImGui::GetColorU32(p.brand), 12, 0, 2);
  return clicked;
}

}  // namespace portal::screens::help
