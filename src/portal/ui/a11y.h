// The screen-reader mirror: a hidden DOM tree of the current screen (web/a11y_mirror.js) built
// from the same widget registry as the test hooks. Every drawn frame collects, in draw order,
// the interactive items ImGui reports (ui/test_hooks.cpp feeds them in) and the text that
// ui/widgets reports (headings, paragraphs, badges); end_frame() serialises the list and hands it
// to JS only when it changed. Focus follows ImGui's nav/active item both ways, and activating a
// mirror element clicks the item in ImGui (a synthetic click through the platform's input queue).
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

struct ImGuiContext;

namespace portal::a11y {

enum class Role : unsigned char {
  None,  // an item ImGui reported: button, checkbox or textbox from its status flags
  Button,
  Link,
  Textbox,
  Checkbox,
  Switch,
  Radio,
  Heading1,
  Heading2,
  Heading3,
  Text,  // a paragraph
  Live,  // text that changes by itself (badges, countdowns): polite, announced sparingly
};

// From ui/test_hooks (the ImGui hooks and register_item): an item of this frame, in draw order.
void item(ImGuiContext* ctx, ImGuiID id, const char* label, int status_flags, bool rename);

// From ui/widgets, right after the widget was submitted: the role of a custom widget, its state.
void role(ImGuiID id, Role r, bool checked = false);
void current(ImGuiID id);                                 // the nav entry of the page shown (aria-current)
void value(ImGuiID id, const char* text, bool password);  // a text field's content
// A field shown by a real DOM element (ui/dom_field.h): the element itself is what assistive
// technology reads; the mirror's node only hands focus to it.
void dom(ImGuiID id);
// Text the user reads (uses the last item's rectangle: call right after drawing it).
void text(Role r, const char* text);

// Live regions outside the screen's tree.
void set_toasts(const std::vector<std::string>& toasts);
void set_errors(const std::vector<std::string>& errors);

// From the platform: after ImGui::NewFrame() (applies the focus the screen reader asked for) and
// after the app's frame (sends the tree and the focus when they changed).
void begin_frame();
void end_frame();

// Cost accounting, for window.portalTest.state().a11y.
struct Stats {
  unsigned long long frames = 0, sent = 0;  // frames collected, trees handed to JS
  double ms = 0;                            // CPU time of end_frame() (serialise, hash, send)
  double last_ms = 0;
  bool enabled = true;
};
const Stats& stats();

}  // namespace portal::a11y
