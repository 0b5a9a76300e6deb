#include "ui/layout.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace portal::ui {

void ColumnEdges::save(float left) {
  window = ImGui::GetCurrentWindow();
  work_max = window->WorkRect.Max.x;
  content_max = window->ContentRegionRect.Max.x;
  shift = left;
  window->DC.Indent.x += shift;
  window->DC.CursorPos.x += shift;
}

void ColumnEdges::set(float work, float content) const {
  window->WorkRect.Max.x = work;
  window->ContentRegionRect.Max.x = content;
}

void ColumnEdges::pop() const {
  window->DC.Indent.x -= shift;
  window->DC.CursorPos.x -= shift;
  set(work_max, content_max);
}

Column::Column(float right) {
  edges_.push(0, [&](float) { return right; });
}

Column::Column(float left, float right) {
  edges_.push(left - ImGui::GetCursorScreenPos().x, [&](float) { return right; });
}

Column::Column(Inset inset) {
  edges_.push(inset.left, [&](float edge) { return edge - inset.right; });
}

Column::Column(AtMost, float right) {
  edges_.push(0, [&](float edge) { return std::min(edge, right); });
}

Column::~Column() { edges_.pop(); }

float content_right() { return ImGui::GetContentRegionMaxAbs().x; }

Span window_inner() {
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  return {window->InnerRect.Min.x, window->InnerRect.Max.x};
}

void card_grid(int n, int cols, float gap, const std::function<void(int index)>& draw) {
  cols = std::max(cols, 1);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float card_w = std::floor((width - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols));
  float row_top = origin.y, row_bottom = row_top;
  for (int i = 0; i < n; ++i) {
    const int col = i % cols;
    if (col == 0 && i > 0) row_top = row_bottom + gap;
    const float x = origin.x + static_cast<float>(col) * (card_w + gap);
    ImGui::SetCursorScreenPos(ImVec2(x, row_top));
    {
      const Column column(x + card_w);
      draw(i);
    }
    row_bottom = std::max(row_bottom, ImGui::GetItemRectMax().y);
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, row_bottom));
  ImGui::Dummy(ImVec2(width, 0));
}

ImGuiID last_item_id() { return ImGui::GetItemID(); }

void nav_highlight(ImVec2 min, ImVec2 max, ImGuiID id) { ImGui::RenderNavHighlight(ImRect(min, max), id); }

bool nav_focus_visible(ImGuiID id) {
  const ImGuiContext& g = *GImGui;
  return g.NavId == id && !g.NavDisableHighlight;
}

Hit hit_area(const char* str_id, ImVec2 size) {
  Hit hit;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return hit;
  hit.id = window->GetID(str_id);
  const ImRect bb(window->DC.CursorPos, window->DC.CursorPos + size);
  ImGui::ItemSize(bb);
  if (!ImGui::ItemAdd(bb, hit.id)) return hit;
  hit.visible = true;
  hit.pressed = ImGui::ButtonBehavior(bb, hit.id, &hit.hovered, &hit.held);
  return hit;
}

void text_ellipsis(ImDrawList* dl, ImVec2 pos, float max_y, float max_x, const char* text) {
  ImGui::RenderTextEllipsis(dl, pos, ImVec2(max_x, max_y), max_x, max_x, text, nullptr, nullptr);
}

}  // namespace portal::ui
