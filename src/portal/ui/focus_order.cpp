// Tab order over every interactive item (see ui/focus_order.h).
#include "ui/focus_order.h"

#include "ui/dom_field.h"
#include "ui/test_hooks.h"

#include <cstdio>

#include <imgui_internal.h>

#include <vector>

namespace portal::ui::focus_order {
namespace {

struct Entry {
  ImGuiID id;
  ImGuiWindow* window;
  ImRect rect;
  bool inputable;  // an ImGui text field: Tab starts editing it
};

struct State {
  int frame = -1;
  std::vector<Entry> now, last;  // this frame's items, the last complete frame's
  ImGuiStorage reported;         // reported by a widget this frame (id -> 1)
  ImGuiStorage inert;            // seen on screen but never reported: not interactive
  int tab = 0;                   // pending Tab (+1) / Shift+Tab (-1)
  bool enter = false;
};

State& st() {
  static State s;
  return s;
}

bool in_top_popup(const Entry& e) {
  ImGuiContext& g = *GImGui;
  if (g.OpenPopupStack.Size == 0) return true;
  ImGuiWindow* top = g.OpenPopupStack.back().Window;
  return top && e.window->RootWindow == top->RootWindow;
}

ImGuiID current_focus() {
  ImGuiContext& g = *GImGui;
  if (ImGuiID f = dom_fields::focused()) return f;
  if (g.ActiveId && ImGui::GetIO().WantTextInput) return g.ActiveId;
  return g.NavId;
}

void move(State& s, int dir) {
  ImGuiContext& g = *GImGui;
  std::vector<const Entry*> order;
  for (const Entry& e : s.last)
    if (!s.inert.GetInt(e.id) && in_top_popup(e)) order.push_back(&e);
  if (order.empty()) return;
  const ImGuiID cur = current_focus();
  int at = -1;
  for (int i = 0; i < static_cast<int>(order.size()); i++)
    if (order[static_cast<size_t>(i)]->id == cur) at = i;
  const int n = static_cast<int>(order.size());
  const int next = at < 0 ? (dir > 0 ? 0 : n - 1) : ((at + dir) % n + n) % n;
  const Entry& e = *order[static_cast<size_t>(next)];
  if (g.ActiveId && g.ActiveId != e.id) ImGui::ClearActiveID();  // leaves a text field
  ImGui::FocusWindow(e.window);
  ImGui::SetFocusID(e.id, e.window);
  const ImVec2 off = e.window->DC.CursorStartPos;
  e.window->NavRectRel[g.NavLayer] = ImRect(e.rect.Min - off, e.rect.Max - off);
  g.NavDisableHighlight = false;  // the focus ring shows where the keyboard is
  g.NavDisableMouseHover = true;
  ImGui::ScrollToRectEx(e.window, e.rect, ImGuiScrollFlags_KeepVisibleEdgeY);
  if (dom_fields::is_field(e.id)) {
    dom_fields::focus(e.id);
    return;
  }
  dom_fields::focus(0);
  if (e.inputable) g.NavActivateInputId = e.id;  // starts editing, its text selected
}

}  // namespace

void item_added(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
  State& s = st();
  if (s.frame != ctx->FrameCount) {
    s.frame = ctx->FrameCount;
    s.now.clear();
    s.reported.Clear();
  }
  const ImGuiItemFlags flags = ctx->LastItemData.InFlags;
  if (!id || !ctx->CurrentWindow || ctx->CurrentWindow->IsFallbackWindow ||
      (flags & (ImGuiItemFlags_NoNav | ImGuiItemFlags_Disabled | ImGuiItemFlags_NoTabStop)))
    return;
  if (ctx->LastItemData.ID != id) return;  // not an item of its own (e.g. a window's title bar)
  s.now.push_back({id, ctx->CurrentWindow, bb, (flags & ImGuiItemFlags_Inputable) != 0});
}

void item_reported(ImGuiID id) { st().reported.SetInt(id, 1); }

void request_tab(int dir) { st().tab += dir > 0 ? 1 : -1; }
void request_enter() { st().enter = true; }

void begin_frame() {
  State& s = st();
  ImGuiContext& g = *GImGui;
  if (s.tab) {
    const int dir = s.tab > 0 ? 1 : -1;
    s.tab = 0;
    move(s, dir);
  }
  if (s.enter) {
    s.enter = false;
    // Enter on a focused button or link presses it, as Space does (ImGui 1.86 maps Enter to
    // text input only).
    if (g.NavId && !g.NavDisableHighlight && !ImGui::GetIO().WantTextInput && !dom_fields::focused()) {
      g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavId;
    }
  }
}

void end_frame() {
  State& s = st();
  ImGuiContext& g = *GImGui;
  if (s.frame != g.FrameCount) return;
  // Items on screen that no widget reported are not interactive (child windows, plots, rows
  // drawn by hand): Tab skips them.
  for (const Entry& e : s.now) {
    if (s.reported.GetInt(e.id)) {
      s.inert.SetInt(e.id, 0);
      continue;
    }
    ImRect vis = e.rect;
    vis.ClipWithFull(e.window->ClipRect);
    if (vis.GetWidth() > 0 && vis.GetHeight() > 0) s.inert.SetInt(e.id, 1);
  }
  if (s.inert.Data.Size > 4096) s.inert.Clear();  // bounded: relearned on the next frames
  s.last.swap(s.now);
  s.now.clear();
  // For tests: the item that has the keyboard (as items()' id) and how many Tab visits.
  char buf[48];
  std::snprintf(buf, sizeof buf, "%08x", current_focus());
  test_hooks::set_value("focus", buf);
}

}  // namespace portal::ui::focus_order
