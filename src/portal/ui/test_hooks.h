// What the page publishes for browser tests (window.portalTest, see web/portal_glue.js):
//   items()  every interactive widget of the last rendered frame: {id, key, label, x, y, w, h}
//            (CSS px; label = what the user reads: no "##id" part, no icon glyphs)
//   state()  {screen, lang, user, mode, toasts, errors, values, frames, width, height, dpr}
//   frame()  a Promise resolved after the next rendered frame
//   draw(on) off: frames still run the whole UI but skip the GL submission (platform/web)
// The app fills screen/lang/user/mode/values here; toasts and errors come from ui/widgets.
#pragma once

#include <imgui.h>

#include "domain/text.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace portal::test_hooks {

void set_screen(std::string_view screen);
void set_lang(std::string_view lang);
void set_user(std::string_view user);
void set_mode(std::string_view mode);  // e.g. "light" / "dark"
// Any other value a test may want to read back (e.g. a text field's content).
void set_value(std::string_view key, std::string_view value);
// A value built only when a test reads state(), never in a frame: for values too costly to
// build every frame. `owner` removes its sources (remove_value_sources) before their captures go
// away; a newer owner of the same key takes it over (the older one's removal leaves it alone).
void set_value_source(std::string_view key, const void* owner, std::function<std::string()> source);
void remove_value_sources(const void* owner);

// Registers a custom widget (or renames one ImGui already reported: the label a user reads
// next to a field, e.g. "Your question##question").
void register_item(ImGuiID id, const char* label);

// Appends `s` as a JSON string literal (the mirror and the DOM fields build their JSON with it):
// the core's one escaper.
using portal::append_json_string;

// Appends a rectangle as `,"x":…,"y":…,"w":…,"h":…` (whole pixels, or with two decimals).
void append_json_rect(std::string& out, ImVec2 min, ImVec2 max, bool whole_pixels);

// The label a user reads: up to "##", without Font Awesome glyphs, trimmed.
std::string visible_label(std::string_view key);

// Used by ui/widgets: the toasts and error banners visible now.
void set_toasts(std::vector<std::string> toasts);
void set_errors(std::vector<std::string> errors);

}  // namespace portal::test_hooks
