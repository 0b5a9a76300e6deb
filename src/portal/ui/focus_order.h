// Keyboard focus order: Tab and Shift+Tab visit every interactive item (navigation, buttons,
// links, switches, fields) in the order they are drawn, across windows, scrolling each into
// view, and wrapping around; while a popup is open (the phone's navigation drawer) only its
// items. ImGui 1.86's own Tab only visits text fields: the platform hands Tab to us instead.
// The focused item shows ImGui's focus ring (RenderNavHighlight); Enter and Space activate it.
#pragma once

#include <imgui.h>

struct ImGuiContext;
struct ImRect;

namespace portal::ui::focus_order {

// From ImGui's test-engine hooks: every item with an id (also those scrolled out of view), and
// the ones a widget reported as interactive (visible ones only).
void item_added(ImGuiContext* ctx, const ImRect& bb, ImGuiID id);
void item_reported(ImGuiID id);

// From the platform: a Tab press (dir +1, Shift+Tab -1), Enter pressed outside a text field.
void request_tab(int dir);
void request_enter();
// After ImGui::NewFrame() (moves the focus) and after the app's frame.
void begin_frame();
void end_frame();

}  // namespace portal::ui::focus_order
