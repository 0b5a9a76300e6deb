#include "screens/help_parts.h"

#include <imgui_internal.h>

#include <cctype>

#include "client/i18n.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens::help {

using nlohmann::json;

std::string str(const json& j, const char* key, const std::string& fallback) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return fallback;
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string with_id(const std::string& label, const std::string& id) { return label + "##" + id; }

std::string category_name(const std::string& category) {
  const std::string key = "help.category." + category;
  const char* t = i18n::tr(key.c_str());
  return key == t ? category : std::string(t);
}

void text(ui::Font font, ImU32 color, const std::string& s, bool wrap) {
  ui::FontScope f(font);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
  if (wrap) ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(s.c_str());
  if (wrap) ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
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
      ImGuiWindow* w = ImGui::GetCurrentWindow();
      const ImVec2 at = w->DC.CursorPos;
      const float line_h = ImGui::GetFontSize();
      w->DrawList->AddCircleFilled(ImVec2(at.x + 8, at.y + line_h * 0.55f), 2.6f, ImGui::GetColorU32(p.brand), 10);
      ImGui::Indent(22);
      text(ui::Font::Body, p.text, line.substr(2));
      ImGui::Unindent(22);
    } else {
      text(ui::Font::Body, p.text, line);
    }
  }
}

void icon_tile(const char* ic, ImU32 fg, ImU32 bg, float size) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImVec2 pos = window->DC.CursorPos;
  window->DrawList->AddRectFilled(pos, pos + ImVec2(size, size), ImGui::GetColorU32(bg), 10);
  ImFont* f = ui::font(ui::Font::Body);
  const float fs = f->FontSize * ImGui::GetIO().FontGlobalScale;
  const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, ic);
  window->DrawList->AddText(f, fs, pos + (ImVec2(size, size) - ts) * 0.5f, ImGui::GetColorU32(fg), ic);
  ImGui::Dummy(ImVec2(size, size));
}

bool clickable_row(const std::string& id, const std::string& label, float height, bool* hovered) {
  const ui::Palette& p = ui::palette();
  const float w = ImGui::GetContentRegionAvail().x;
  const bool clicked = ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(w, height));
  const ImGuiID item = ImGui::GetItemID();
  test_hooks::register_item(item, with_id(label, id).c_str());
  const bool hot = ImGui::IsItemHovered() || ImGui::IsItemActive();
  if (hovered) *hovered = hot;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (hot) dl->AddRectFilled(a, b, ImGui::GetColorU32(p.surface_alt), 10);
  ImGuiContext& g = *GImGui;
  if (g.NavId == item && !g.NavDisableHighlight)  // keyboard focus
    dl->AddRect(a - ImVec2(2, 2), b + ImVec2(2, 2), ImGui::GetColorU32(p.brand), 12, 0, 2);
  return clicked;
}

}  // namespace portal::screens::help
