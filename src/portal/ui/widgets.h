// Customer-facing building blocks over Dear ImGui: the responsive app shell (side navigation on
// wide screens, top bar + drawer on narrow ones), cards, text styles, buttons, fields, toggles,
// the error banner and toasts. Every interactive widget reports itself to ui/test_hooks.
#pragma once

#include "ui/theme.h"

#include <imgui.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

struct ImRect;

namespace portal::ui {

// ---- layout ------------------------------------------------------------------------------------
inline constexpr float kWideLayoutMin = 900;  // CSS px: side navigation from here on
bool wide_layout();

struct NavItem {
  const char* icon;   // ui/icons.h
  const char* label;  // shown text (may change with the language)
  const char* id;     // stable id for tests and state, e.g. "home"
};

struct ShellConfig {
  const char* product = "Support";
  const NavItem* items = nullptr;
  int count = 0;
  int* selected = nullptr;                // index into items, updated on click
  std::function<void()> nav_footer;       // bottom of the navigation (side nav and drawer)
  std::function<void()> top_bar_actions;  // narrow screens: right end of the top bar
  float content_max_width = 880;
};

// Everything between begin_shell() and end_shell() goes into the scrollable, centred content
// column; the error banner is shown above it.
void begin_shell(const ShellConfig& config);
void end_shell();

// A rounded, padded surface that grows with its content and takes the full column width.
void begin_card(const char* id = nullptr);
void end_card();
ImRect last_card_rect();  // the card end_card() just closed (ui/reveal.h)

// ---- text --------------------------------------------------------------------------------------
void title(const char* text);     // 28 px, page title
void heading(const char* text);   // 22 px, card heading
void label(const char* text);     // 16 px semibold
void body(const char* text);      // 16 px, wrapped
void muted(const char* text);     // 13 px, secondary colour, wrapped
void subtitle(const char* text);  // 16 px, secondary colour, wrapped (under a title)
// A pill. A label that stays as it is ("Premium only", "Add-on") reads as plain text; `live` for
// one that changes by itself (an open/closed state, a countdown), which the screen reader's polite
// announcer repeats when its wording changes. (A label reported as live was announced when the
// list scrolled and stayed in the announcer after leaving the screen.)
void badge(const char* text, ImU32 text_color, ImU32 fill, bool live = false);
// Any text in a font and colour, wrapped at the column's edge unless `wrap` is false.
void text(Font font, ImU32 color, std::string_view text, bool wrap = true);
// An icon in a fixed-width slot, then wrapped text (text_color 0: the normal text colour).
void icon_text(const char* icon, ImU32 icon_color, std::string_view text, Font font = Font::Body, ImU32 text_color = 0);
// An icon centred in a rounded square (channel rows, card headers).
void icon_tile(const char* icon, ImU32 fg, ImU32 bg, float size = 40);
// A soft, rounded box with an icon and wrapped text; `body` draws more content inside (buttons).
enum class NoteKind { Info, Success, Warning, Danger };
void note(NoteKind kind, std::string_view text, const std::function<void()>& body = {});
// After SameLine(): moves to a new line when a widget this wide would not fit.
void wrap_before(float width);
ImU32 with_alpha(ImU32 color, unsigned alpha);         // the colour with another alpha (0-255)
void gap(float px);                                    // vertical space (on top of the normal item spacing)
void user_chip(const char* name, const char* detail);  // avatar with initials, name, e-mail
void separator();

// ---- controls ----------------------------------------------------------------------------------
enum class ButtonStyle { Primary, Secondary, Ghost, Danger };
// label may carry "##id"; width 0 = fit the text, -1 = full width.
bool button(const char* label, const char* icon = nullptr, ButtonStyle style = ButtonStyle::Primary, float width = 0);
float button_width(const char* label, const char* icon = nullptr);
// A square icon-only button; `label` names it for tests and the tooltip.
bool icon_button(const char* icon, const char* label);
// A labelled, full-width single-line text field, a DOM <input> over the canvas (ui/dom_field.cpp).
// `id` must be unique in the window, e.g. "##question". flags: ImGuiInputTextFlags_Password, and
// ImGuiInputTextFlags_EnterReturnsTrue (returns true on Enter instead of on each change).
// `autocomplete`: the HTML attribute ("email", "name", "current-password", "new-password"...).
bool text_field(const char* label, const char* id, char* buf, std::size_t size, const char* hint = nullptr,
                ImGuiInputTextFlags flags = 0, const char* autocomplete = nullptr);
bool toggle(const char* label, bool* value);
// A row of joined options (e.g. languages); returns true when the selection changed.
bool segmented(const char* id, const char* const* options, int count, int* selected);

// ---- feedback ----------------------------------------------------------------------------------
// One banner at a time, above the content, until cleared or Retry is pressed (which clears it and
// calls on_retry). Use it for "network down" and server errors: the page never just freezes.
void show_error_banner(std::string message, std::function<void()> on_retry = {});
void clear_error_banner();
bool error_banner_visible();

enum class ToastKind { Info, Success, Error };
void toast(std::string text, ToastKind kind = ToastKind::Info, double ms = 4000);

}  // namespace portal::ui
