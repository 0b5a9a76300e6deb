#include "ui/reveal.h"

#include "platform/web_platform.h"
#include "ui/widgets.h"

#include <imgui_internal.h>

namespace portal::ui {
namespace {
struct State {
  int frame = -1;
  ImGuiStorage now, last;  // hashes of the keys drawn (-> 1)
  bool done = false;       // a reveal this frame already
};
State& st() {
  static State s;
  return s;
}
}  // namespace

void reveal(const std::string& key, const ImRect& rect) {
  State& s = st();
  const int frame = ImGui::GetFrameCount();
  if (s.frame != frame) {
    // Keys of the last frame drawn (a gap of frames means the screen was left: reveal again).
    if (s.frame == frame - 1) s.last.Data.swap(s.now.Data);
    else s.last.Clear();
    s.now.Clear();
    s.frame = frame;
    s.done = false;
  }
  const ImGuiID h = ImHashStr(key.c_str());
  s.now.SetInt(h, 1);
  if (s.done || s.last.GetInt(h)) return;
  s.done = true;
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  const ImRect inner = w->InnerRect;
  if (rect.Min.y >= inner.Min.y && rect.Max.y <= inner.Max.y) return;  // already in view
  // Taller than the view: its top; else just enough to show it whole.
  if (rect.GetHeight() > inner.GetHeight() || rect.Min.y < inner.Min.y)
    ImGui::SetScrollY(w, w->Scroll.y + rect.Min.y - inner.Min.y - 12);
  else ImGui::SetScrollY(w, w->Scroll.y + rect.Max.y - inner.Max.y + 12);
  platform::request_frame();
}

void reveal_last_item(const std::string& key, float above) {
  ImRect r = GImGui->LastItemData.Rect;
  r.Min.y -= above;
  reveal(key, r);
}

void reveal_last_card(const std::string& key) { reveal(key, last_card_rect()); }

}  // namespace portal::ui
