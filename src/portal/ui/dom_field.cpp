// DOM text fields over the canvas (see ui/dom_field.h; the DOM side is web/dom_fields.js).
#include "ui/dom_field.h"

#include "platform/web_platform.h"
#include "platform/web_protocol.h"
#include "ui/fonts_embedded.h"
#include "ui/a11y.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

#include <emscripten.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <cstring>
#include <vector>

extern "C" {
void portal_js_fields(const char* json);  // {t, m, s, b, l: [{i, k, n, p, a, F, x, y, w, h, c, H, v, f}]}
void portal_js_field_font(const unsigned char* data, int size);  // the Inter face ImGui draws with
}

namespace portal::ui {
namespace {

struct Field {
  ImGuiID id = 0;
  std::string dom_value;  // what the element holds (reported by it, or set by us)
  std::string input;      // an edit from the DOM, applied when the field is drawn
  bool has_input = false;
  float height = 0;  // the element's content height, reported by it (multi-line)
  ImGuiID window = 0;
  int frame = -1;
  bool in_form = false;
};

struct State {
  std::vector<Field> fields;  // a handful: searched in order
  std::string list, out;
  std::string last_out;
  ImGuiID focused = 0;             // the field with DOM focus
  ImGuiID focus_request = 0;       // give this field DOM focus (sent once it is drawn)
  std::string focus_request_name;  // by "##id", resolved in the window that draws it
  bool blur = false;               // give DOM focus back to the canvas
  bool submitted = false;
  ImGuiID entered = 0;  // Enter pressed in this single-line field
  ImGuiID nav_to = 0;   // the DOM focused a field: ImGui's nav item follows
};

State& st() {
  static State s;
  return s;
}

Field* find(ImGuiID id) {
  for (Field& f : st().fields)
    if (f.id == id) return &f;
  return nullptr;
}

void json_string(std::string& out, std::string_view s) { test_hooks::append_json_string(out, s); }

void css_color(std::string& out, ImU32 c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\"#%02x%02x%02x\"", c & 0xFF, (c >> 8) & 0xFF, (c >> 16) & 0xFF);
  out += buf;
}

void num(std::string& out, const char* key, float v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, ",\"%s\":%d", key, static_cast<int>(v));
  out += buf;
}

// Hidden behind an open popup (the phone's navigation drawer, a menu) that is not its own.
bool covered(ImGuiWindow* window) {
  ImGuiContext& g = *GImGui;
  if (g.OpenPopupStack.Size == 0) return false;
  ImGuiWindow* top = g.OpenPopupStack.back().Window;
  return top && window->RootWindow != top->RootWindow;
}

const char* kind_code(DomKind k) {
  switch (k) {
    case DomKind::Multiline: return "area";
    case DomKind::Text: return "text";
    case DomKind::Email: return "email";
    case DomKind::Password: return "password";
  }
  return "text";
}

constexpr const char* kFontSample = "Subject: Письма с вложениями 0123";

// ImGui sizes a font by its line height (hhea ascender - descender: stb_truetype's
// ScaleForPixelHeight); CSS by its em. The em per pixel of ImGui's size, from the font's tables.
float em_per_pixel_height(fonts::Blob blob) {
  const unsigned char* d = blob.data;
  auto u16 = [&](std::size_t at) { return at + 2 <= blob.size ? static_cast<unsigned>(d[at] << 8 | d[at + 1]) : 0u; };
  auto s16 = [&](std::size_t at) { return static_cast<int>(static_cast<short>(u16(at))); };
  auto u32 = [&](std::size_t at) {
    return at + 4 <= blob.size ? (static_cast<std::size_t>(u16(at)) << 16 | u16(at + 2)) : 0u;
  };
  if (!d || blob.size < 12) return 1.0f;
  std::size_t head = 0, hhea = 0;
  const unsigned tables = u16(4);
  for (unsigned i = 0; i < tables; ++i) {
    const std::size_t e = 12 + 16 * static_cast<std::size_t>(i);
    if (e + 16 > blob.size) break;
    if (std::memcmp(d + e, "head", 4) == 0) head = u32(e + 8);
    if (std::memcmp(d + e, "hhea", 4) == 0) hhea = u32(e + 8);
  }
  const unsigned upem = head ? u16(head + 18) : 0;
  const int height = hhea ? s16(hhea + 4) - s16(hhea + 6) : 0;
  return upem && height > 0 ? static_cast<float>(upem) / static_cast<float>(height) : 1.0f;
}

}  // namespace

bool dom_text_field(const char* label_text, const char* id_text, std::string& text, const DomFieldOptions& o) {
  State& s = st();
  const Palette& p = palette();
  if (label_text && *label_text) {
    FontScope fs(Font::Strong);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text));
    ImGui::TextUnformatted(label_text);
    ImGui::PopStyleColor();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + 6);
  }
  ImGuiContext& g = *GImGui;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImGuiID id = window->GetID(id_text);
  Field* found = find(id);
  if (!found) {
    s.fields.push_back({});
    found = &s.fields.back();
    found->id = id;
  }
  Field& f = *found;
  f.window = window->ID;
  f.frame = g.FrameCount;
  f.in_form = o.in_form;
  if (!s.focus_request_name.empty() && s.focus_request_name == id_text) {
    s.focus_request = id;
    s.focus_request_name.clear();
  }
  bool changed = false;
  if (f.has_input) {
    f.has_input = false;
    if (text != f.input) {
      text = f.input;
      changed = true;
    }
    f.dom_value = std::move(f.input);
  }
  const bool set = text != f.dom_value;  // the app changed it (prefill, cleared after sending)
  if (set) f.dom_value = text;

  const bool multi = o.kind == DomKind::Multiline;
  const float single_h = platform::touch_mode() ? 44.0f : 40.0f;
  const float min_h = multi ? (o.min_height > 0 ? o.min_height : 3 * 24.0f + 20) : single_h;
  const float h = multi ? std::clamp(f.height, min_h, 480.0f) : single_h;
  const ImVec2 pos = window->DC.CursorPos;
  const float w = std::max(40.0f, ImGui::GetContentRegionMaxAbs().x - pos.x);
  const ImRect bb(pos, pos + ImVec2(w, h));
  ImGui::ItemSize(bb.GetSize());
  const bool visible = ImGui::ItemAdd(bb, id, nullptr, ImGuiItemFlags_Inputable);
  // ImGui::SetKeyboardFocusHere() before the field: the element takes the keyboard.
  if (visible && (g.LastItemData.StatusFlags & ImGuiItemStatusFlags_FocusedByTabbing) != 0 && s.focused != id)
    s.focus_request = id;
  const bool focused = s.focused == id;
  if (visible) {
    ImDrawList* dl = window->DrawList;
    dl->AddRectFilled(bb.Min, bb.Max, ImGui::GetColorU32(ImGuiCol_FrameBg), 8);
    dl->AddRect(bb.Min, bb.Max, ImGui::GetColorU32(focused ? p.brand : p.border), 8);
    if (focused)
      dl->AddRect(bb.Min - ImVec2(3, 3), bb.Max + ImVec2(3, 3), ImGui::GetColorU32(with_alpha(p.brand, 60)), 11, 0, 3);
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    const std::string key = std::string(label_text ? label_text : "") + id_text;
    test_hooks::register_item(id, key.c_str());
    a11y::dom(id);
  }

  // The element's description for this frame.
  std::string& out = s.list;
  if (out.size() > 0) out += ',';
  char buf[32];
  std::snprintf(buf, sizeof buf, "{\"i\":%u,\"k\":\"", id);
  out += buf;
  out += kind_code(o.kind);
  out += "\",\"n\":";
  json_string(out, test_hooks::visible_label(label_text && *label_text ? label_text : (o.hint ? o.hint : "")));
  if (o.hint) {
    out += ",\"p\":";
    json_string(out, o.hint);
  }
  if (o.autocomplete) {
    out += ",\"a\":";
    json_string(out, o.autocomplete);
  }
  if (o.in_form) out += ",\"F\":1";
  num(out, "x", bb.Min.x);
  num(out, "y", bb.Min.y);
  num(out, "w", bb.GetWidth());
  num(out, "h", bb.GetHeight());
  const ImRect clip = window->ClipRect;
  std::snprintf(buf, sizeof buf, ",\"c\":[%d,%d,%d,%d]", static_cast<int>(clip.Min.x), static_cast<int>(clip.Min.y),
                static_cast<int>(clip.Max.x), static_cast<int>(clip.Max.y));
  out += buf;
  if (!visible || covered(window)) out += ",\"H\":1";
  if (set) {
    out += ",\"v\":";
    json_string(out, text);
  }
  if (s.focus_request == id && visible) {
    out += ",\"f\":1";
    s.focus_request = 0;
  }
  out += '}';
  return changed;
}

bool dom_text_field(const char* label_text, const char* id_text, char* buf, std::size_t size,
                    const DomFieldOptions& o) {
  std::string text(buf);
  if (!dom_text_field(label_text, id_text, text, o)) return false;
  std::size_t n = std::min(text.size(), size - 1);
  while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;  // whole characters
  std::memcpy(buf, text.data(), n);
  buf[n] = 0;
  return true;
}

bool text_field(const char* label, const char* id, char* buf, std::size_t size, const char* hint,
                ImGuiInputTextFlags flags, const char* autocomplete) {
  DomFieldOptions o;
  o.kind = (flags & ImGuiInputTextFlags_Password) != 0 ? DomKind::Password : DomKind::Text;
  o.hint = hint;
  o.autocomplete = autocomplete;
  const bool changed = dom_text_field(label, id, buf, size, o);
  if ((flags & ImGuiInputTextFlags_EnterReturnsTrue) == 0) return changed;
  State& s = st();
  const bool entered = s.entered != 0 && s.entered == ImGui::GetItemID();
  if (entered) s.entered = 0;
  return entered;
}

bool dom_form_submitted() {
  const bool was = st().submitted;
  st().submitted = false;
  return was;
}

void dom_focus_request(const char* id) { st().focus_request_name = id ? id : ""; }

namespace dom_fields {

void begin_frame() {
  State& s = st();
  s.list.clear();
  if (s.nav_to) {  // the user clicked or tabbed into a field: leave any ImGui text field
    ImGuiContext& g = *GImGui;
    const Field* f = find(s.nav_to);
    ImGuiWindow* w = f ? ImGui::FindWindowByID(f->window) : nullptr;
    if (w) {
      if (g.ActiveId && g.ActiveId != s.nav_to) ImGui::ClearActiveID();
      ImGui::SetFocusID(s.nav_to, w);
      g.NavDisableHighlight = true;  // the field draws its own focus ring
    }
    s.nav_to = 0;
  }
}

void end_frame() {
  State& s = st();
  const int frame = GImGui->FrameCount;
  s.fields.erase(std::remove_if(s.fields.begin(), s.fields.end(), [frame](const Field& f) { return f.frame != frame; }),
                 s.fields.end());
  if (s.focused && !find(s.focused)) s.focused = 0;
  const Palette& p = palette();
  std::string& out = s.out;
  out = "{\"t\":";
  css_color(out, p.text);
  out += ",\"m\":";
  css_color(out, p.text_muted);
  // The canvas's body text size as a CSS font-size (its em): the fields' (web/dom_fields.js).
  const ImGuiIO& io = ImGui::GetIO();
  static const float em = em_per_pixel_height(fonts::inter_regular());
  const float font_px = (io.FontDefault ? io.FontDefault->FontSize * io.FontGlobalScale : 16.0f) * em;
  char size[24];
  std::snprintf(size, sizeof size, "%.2f", static_cast<double>(font_px));
  out += ",\"s\":";
  out += size;
  test_hooks::set_value("fields.font_px", size);
  if (io.FontDefault) {  // for tests: a sample's width on the canvas, to measure against the DOM's
    std::snprintf(
        size, sizeof size, "%.1f",
        static_cast<double>(
            io.FontDefault->CalcTextSizeA(io.FontDefault->FontSize * io.FontGlobalScale, FLT_MAX, 0, kFontSample).x));
    test_hooks::set_value("fields.sample_w", size);
  }
  if (s.blur) out += ",\"b\":1";
  s.blur = false;
  out += ",\"l\":[";
  out += s.list;
  out += "]}";
  if (out != s.last_out) {
    static bool font_sent = false;  // the fields show the same face as the canvas (from the wasm's bytes)
    if (!font_sent) {
      font_sent = true;
      const fonts::Blob inter = fonts::inter_regular();
      if (inter.data) portal_js_field_font(inter.data, static_cast<int>(inter.size));
    }
    s.last_out = out;
    portal_js_fields(out.c_str());
  }
}

bool is_field(ImGuiID id) { return find(id) != nullptr; }
ImGuiID focused() { return st().focused; }

void focus(ImGuiID id) {
  State& s = st();
  if (id) {
    s.focus_request = id;
  } else if (s.focused) {
    s.blur = true;
    s.focused = 0;
  }
  platform::request_frame();
}

}  // namespace dom_fields
}  // namespace portal::ui

// ---- exports for web/dom_fields.js -----------------------------------------------------------------
extern "C" {

EMSCRIPTEN_KEEPALIVE void portal_field_input(unsigned id, const char* value) {
  if (auto* f = portal::ui::find(id)) {
    f->input = value ? value : "";
    f->has_input = true;
  }
  portal::platform::request_frame();
}

EMSCRIPTEN_KEEPALIVE void portal_field_focus(unsigned id, int focused) {
  auto& s = portal::ui::st();
  if (focused) {
    s.focused = id;
    s.nav_to = id;
  } else if (s.focused == id) {
    s.focused = 0;
  }
  portal::platform::request_frame();
}

EMSCRIPTEN_KEEPALIVE void portal_field_height(unsigned id, double h) {
  if (auto* f = portal::ui::find(id)) f->height = static_cast<float>(h);
  portal::platform::request_frame();
}

// Enter in single-line field `id`, or (web_protocol field_submit::kForm) the sign-in form submitted by a password
// manager.
EMSCRIPTEN_KEEPALIVE void portal_field_submit(unsigned id) {
  auto& s = portal::ui::st();
  const bool form = id == static_cast<unsigned>(portal::web_protocol::field_submit::kForm);
  const auto* f = form ? nullptr : portal::ui::find(id);
  if (form || (f && f->in_form)) s.submitted = true;
  s.entered = form ? 0 : id;
  portal::platform::request_frame();
}

}  // extern "C"
