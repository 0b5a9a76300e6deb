// Text fields that are real DOM elements (<textarea>, <input>) laid over the canvas at the
// widget's rectangle, as Flutter's web engine and Figma do: native wrapping, selection, IME,
// spell-check, autofill by password managers and screen readers come from the browser. ImGui
// keeps the layout (label, frame, focus ring, the item for tests and Tab order); the element
// (web/dom_fields.js) shows and edits the text. The C++ buffer stays the source of truth: the
// DOM reports each edit; a change made by the app (prefill, clear after send) is pushed back.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <string>

namespace portal::ui {

enum class DomKind { Multiline, Text, Email, Password };

struct DomFieldOptions {
  DomKind kind = DomKind::Multiline;
  const char* hint = nullptr;          // placeholder (wraps in a multi-line field)
  float min_height = 0;                // multi-line: grows with the text from here (0: 3 lines)
  const char* autocomplete = nullptr;  // e.g. "username", "current-password", "name"
  bool in_form = false;                // inside the page's sign-in <form> (password managers)
};

// A labelled, full-width field. `id` is unique in the window ("##new-description"). Returns true
// when the user changed the text this frame.
bool dom_text_field(const char* label, const char* id, std::string& text, const DomFieldOptions& options);
bool dom_text_field(const char* label, const char* id, char* buf, std::size_t size, const DomFieldOptions& options);

// Enter in a field of the form (or the form submitted by a password manager), once.
bool dom_form_submitted();
// Gives a field the keyboard (e.g. the sign-in e-mail on a fresh load), by its "##id".
void dom_focus_request(const char* id);

namespace dom_fields {
// From the platform: after ImGui::NewFrame(), and after the app's frame (sends the fields).
void begin_frame();
void end_frame();
bool is_field(ImGuiID id);  // an item drawn as a DOM field (last frame)
ImGuiID focused();          // the field with DOM focus (0: none)
void focus(ImGuiID id);     // 0: back to the canvas
}  // namespace dom_fields

}  // namespace portal::ui
