// The screen-reader mirror's C++ side (see ui/a11y.h; the DOM side is web/a11y_mirror.js).
#include "ui/a11y.h"

#include "platform/web_platform.h"
#include "ui/test_hooks.h"

#include <emscripten.h>
#include <imgui_internal.h>

#include <cstdint>
#include <cstdio>
#include <cstring>

extern "C" {
void portal_js_a11y_tree(const char* json);  // the nodes, in draw order
void portal_js_a11y_focus(const char* key);  // the item ImGui has focused ("" = none)
void portal_js_a11y_live(const char* json);  // {"toasts": [...], "errors": [...]}
}

namespace portal::a11y {
namespace {

struct Node {
  ImGuiID id = 0;      // the item's id; text nodes: 0
  ImGuiID window = 0;  // for focusing the item from JS
  Role role = Role::None;
  int flags = 0;  // ImGuiItemStatusFlags from the hooks
  bool checked = false, current = false, disabled = false, password = false, has_value = false, dom = false;
  std::string name, value;
  ImRect rect;
  bool nav = false;   // inside the navigation (side panel or drawer)
  ImGuiID table = 0;  // a table with headers: its id, row and column
  int row = 0, col = 0;
};

struct State {
  int frame = -1;
  std::vector<Node> nodes;
  std::string out, live_out;
  std::uint64_t last_hash = 0;
  std::string last_focus = "\x01";  // never a real key: the first frame always sends
  std::vector<std::string> toasts, errors;
  bool live_dirty = false;
  ImGuiID pending_focus = 0;
  int click_frames = 0;  // frames a synthetic click takes (see begin_frame)
  Stats stats;
};

State& st() {
  static State s;
  return s;
}

// Starts a new list on the first report of a frame.
std::vector<Node>& nodes(ImGuiContext* ctx) {
  State& s = st();
  if (s.frame != ctx->FrameCount) {
    s.frame = ctx->FrameCount;
    s.nodes.clear();
  }
  return s.nodes;
}

Node* find(ImGuiID id) {
  for (Node& n : st().nodes)
    if (n.id == id) return &n;
  return nullptr;
}

// Where the node sits: navigation or not, the table cell it is in.
void place(ImGuiContext* ctx, Node& n) {
  ImGuiWindow* w = ctx->CurrentWindow;
  if (!w) return;
  n.window = w->ID;
  n.nav = std::strstr(w->Name, "##nav") || std::strstr(w->Name, "##drawer-panel");
  // Layout tables (no header row) are flattened: only data tables become table/row/cell.
  if (ImGuiTable* t = ctx->CurrentTable; t && t->IsUsingHeaders) {
    n.table = t->ID;
    n.row = t->CurrentRow;
    n.col = t->CurrentColumn;
  }
  if (ctx->CurrentItemFlags & ImGuiItemFlags_Disabled) n.disabled = true;
}

void json_string(std::string& out, std::string_view s) { test_hooks::append_json_string(out, s); }

const char* role_name(const Node& n) {
  switch (n.role) {
    case Role::Button: return "button";
    case Role::Link: return "link";
    case Role::Textbox: return "textbox";
    case Role::Checkbox: return "checkbox";
    case Role::Switch: return "switch";
    case Role::Radio: return "radio";
    case Role::Heading1: return "h1";
    case Role::Heading2: return "h2";
    case Role::Heading3: return "h3";
    case Role::Text: return "text";
    case Role::Live: return "live";
    case Role::None: break;
  }
  if (n.flags & ImGuiItemStatusFlags_Checkable) return "checkbox";
  return "button";
}

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

void key_of(std::string& out, ImGuiID id) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "i%08x", id);
  out += buf;
}

// The nodes as JSON: [{k, r, n, f, v, x, y, w, h, t}] (see web/a11y_mirror.js).
void serialize(State& s) {
  ImGuiContext& g = *GImGui;
  const bool typing = ImGui::GetIO().WantTextInput;
  std::string& out = s.out;
  out.clear();
  out += '[';
  int text_seq = 0;
  ImGuiID last_table = 0;
  for (const Node& n : s.nodes) {
    if (out.size() > 1) out += ',';
    out += "{\"k\":\"";
    if (n.id) key_of(out, n.id);
    else out += "t" + std::to_string(text_seq++);
    out += "\",\"r\":\"";
    out += role_name(n);
    out += "\",\"n\":";
    json_string(out, n.name);
    std::string f;
    const bool checked = n.role == Role::None ? (n.flags & ImGuiItemStatusFlags_Checked) != 0 : n.checked;
    if (checked) f += 'c';
    if (n.disabled) f += 'd';
    if (n.current) f += 'u';
    if (n.flags & ImGuiItemStatusFlags_Openable) f += (n.flags & ImGuiItemStatusFlags_Opened) ? 'e' : 'E';
    if (n.password) f += 'p';
    if (n.nav) f += 'n';
    if (n.dom) f += 'x';
    if (typing && n.id && n.id == g.ActiveId) f += 'a';  // the textarea stands in for it
    if (!f.empty()) {
      out += ",\"f\":\"";
      out += f;
      out += '"';
    }
    if (n.has_value) {
      out += ",\"v\":";
      json_string(out, n.value);
    }
    test_hooks::append_json_rect(out, n.rect.Min, n.rect.Max, true);
    if (n.table) {
      char buf[48];
      std::snprintf(buf, sizeof buf, ",\"t\":[\"%08x\",%d,%d]", n.table, n.row, n.col);
      out += buf;
      // The header row's names come from TableSetupColumn (TableHeader reports no item).
      if (n.table != last_table) {
        last_table = n.table;
        if (ImGuiTable* t = g.Tables.GetByKey(n.table)) {
          out += ",\"th\":[";
          for (int c = 0; c < t->ColumnsCount; c++) {
            if (c) out += ',';
            json_string(out, ImGui::TableGetColumnName(t, c));
          }
          out += ']';
        }
      }
    }
    out += '}';
  }
  out += ']';
}

// The key of the item that has the keyboard: the active text field (the page's textarea then
// holds DOM focus for it: "a" + key), else ImGui's nav item when the mirror has it.
std::string focus_key(const State& s) {
  ImGuiContext& g = *GImGui;
  std::string key;
  if (ImGui::GetIO().WantTextInput && g.ActiveId) {
    key = "a";
    key_of(key, g.ActiveId);
    return key;
  }
  if (g.NavId)
    for (const Node& n : s.nodes)
      if (n.id == g.NavId) {
        key_of(key, g.NavId);
        break;
      }
  return key;
}

}  // namespace

void focus_item(State& s);

void item(ImGuiContext* ctx, ImGuiID id, const char* label, int status_flags, bool rename) {
  if (!st().stats.enabled || !id) return;
  std::vector<Node>& list = nodes(ctx);
  if (Node* n = find(id)) {
    if (rename && label) n->name = test_hooks::visible_label(label);
    n->flags |= status_flags;
    return;
  }
  Node n;
  n.id = id;
  n.flags = status_flags;
  n.name = test_hooks::visible_label(label ? label : "");
  n.rect = ctx->LastItemData.ID == id ? ctx->LastItemData.Rect : ImRect();
  if (ctx->CurrentWindow) n.rect.ClipWithFull(ctx->CurrentWindow->ClipRect);
  // A stock ImGui text field (other screens may use one directly): ImGui marks it Inputable.
  if (ctx->LastItemData.ID == id && (ctx->LastItemData.InFlags & ImGuiItemFlags_Inputable)) n.role = Role::Textbox;
  place(ctx, n);
  if (ctx->LastItemData.ID == id && (ctx->LastItemData.InFlags & ImGuiItemFlags_Disabled)) n.disabled = true;
  list.push_back(std::move(n));
}

void role(ImGuiID id, Role r, bool checked) {
  if (Node* n = find(id); n && st().frame == GImGui->FrameCount) {
    n->role = r;
    n->checked = checked;
  }
}

void current(ImGuiID id) {
  if (Node* n = find(id); n && st().frame == GImGui->FrameCount) n->current = true;
}

void value(ImGuiID id, const char* text, bool password) {
  if (Node* n = find(id); n && st().frame == GImGui->FrameCount) {
    n->role = Role::Textbox;
    n->password = password;
    n->has_value = true;
    // A password's characters stay in the canvas: the mirror gets as many bullets.
    if (password) {
      n->value.clear();
      for (const char* c = text; *c; c++)
        if ((static_cast<unsigned char>(*c) & 0xC0) != 0x80) n->value += "\xE2\x80\xA2";
    } else {
      n->value = text;
    }
  }
}

void dom(ImGuiID id) {
  if (Node* n = find(id); n && st().frame == GImGui->FrameCount) n->dom = true;
}

void text(Role r, const char* text) {
  if (!st().stats.enabled || !text || !*text) return;
  ImGuiContext* ctx = GImGui;
  Node n;
  n.role = r;
  n.name = test_hooks::visible_label(text);
  if (n.name.empty()) return;
  n.rect = ctx->LastItemData.Rect;
  place(ctx, n);
  nodes(ctx).push_back(std::move(n));
}

void set_toasts(const std::vector<std::string>& toasts) {
  State& s = st();
  if (toasts != s.toasts) {
    s.toasts = toasts;
    s.live_dirty = true;
  }
}

void set_errors(const std::vector<std::string>& errors) {
  State& s = st();
  if (errors != s.errors) {
    s.errors = errors;
    s.live_dirty = true;
  }
}

void begin_frame() {
  State& s = st();
  focus_item(s);
  if (s.click_frames > 0) {
    // A synthetic click follows a focus request, which disabled mouse hover until the mouse
    // moves; the click's first move starts from "no position" and does not count as one.
    s.click_frames--;
    GImGui->NavDisableMouseHover = false;
  }
}

void focus_item(State& s) {
  const ImGuiID id = s.pending_focus;
  s.pending_focus = 0;
  if (!id) return;
  ImGuiContext& g = *GImGui;
  for (const Node& n : s.nodes) {
    if (n.id != id) continue;
    ImGuiWindow* w = ImGui::FindWindowByID(n.window);
    if (!w) return;
    if (g.ActiveId && g.ActiveId != id) ImGui::ClearActiveID();  // leaves a text field, as a click would
    ImGui::FocusWindow(w);
    ImGui::SetFocusID(id, w);
    // SetFocusID keeps the old rectangle: arrow keys then move from this item.
    const ImVec2 off = w->DC.CursorStartPos;
    w->NavRectRel[g.NavLayer] = ImRect(n.rect.Min - off, n.rect.Max - off);
    g.NavDisableHighlight = false;  // the screen reader's item is where the keyboard is
    g.NavDisableMouseHover = true;
    return;
  }
}

void end_frame() {
  State& s = st();
  if (!s.stats.enabled) return;
  const double t0 = emscripten_get_now();
  if (s.frame != GImGui->FrameCount) s.nodes.clear();  // nothing reported this frame
  serialize(s);
  const std::uint64_t h = fnv1a(s.out);
  if (h != s.last_hash) {
    s.last_hash = h;
    s.stats.sent++;
    portal_js_a11y_tree(s.out.c_str());
  }
  const std::string focus = focus_key(s);
  if (focus != s.last_focus) {
    s.last_focus = focus;
    portal_js_a11y_focus(focus.c_str());
  }
  if (s.live_dirty) {
    s.live_dirty = false;
    s.live_out = "{\"toasts\":[";
    for (size_t i = 0; i < s.toasts.size(); i++) {
      if (i) s.live_out += ',';
      json_string(s.live_out, s.toasts[i]);
    }
    s.live_out += "],\"errors\":[";
    for (size_t i = 0; i < s.errors.size(); i++) {
      if (i) s.live_out += ',';
      json_string(s.live_out, s.errors[i]);
    }
    s.live_out += "]}";
    portal_js_a11y_live(s.live_out.c_str());
  }
  s.stats.frames++;
  s.stats.last_ms = emscripten_get_now() - t0;
  s.stats.ms += s.stats.last_ms;
}

const Stats& stats() { return st().stats; }

}  // namespace portal::a11y

// ---- exports for web/a11y_mirror.js --------------------------------------------------------------
namespace pa = portal::a11y;

extern "C" {

// The screen reader (or a test) focused a mirror element: ImGui focuses the item next frame.
EMSCRIPTEN_KEEPALIVE void portal_a11y_focus(unsigned id) {
  pa::st().pending_focus = id;
  pa::st().last_focus = "\x01";  // answer with the focus ImGui ends up with
  portal::platform::request_frame();
}

// Activates an item as a click at its centre would (text fields: at the right end, so the caret
// lands after the text). Returns 0 when the item is not on screen.
EMSCRIPTEN_KEEPALIVE int portal_a11y_activate(unsigned id) {
  for (const pa::Node& n : pa::st().nodes) {
    if (n.id != id || n.rect.GetWidth() <= 0 || n.rect.GetHeight() <= 0) continue;
    const bool field = n.role == pa::Role::Textbox;
    const float x = field ? ImMax(n.rect.Min.x + 2, n.rect.Max.x - 6) : n.rect.GetCenter().x;
    portal::platform::synthetic_click(x, n.rect.GetCenter().y);
    pa::st().click_frames = 3;
    return 1;
  }
  return 0;
}

// Switches the mirror off and on (the test measures its cost this way).
EMSCRIPTEN_KEEPALIVE void portal_a11y_enable(int on) {
  pa::State& s = pa::st();
  s.stats.enabled = on != 0;
  s.nodes.clear();
  s.last_hash = 0;
  s.last_focus = "\x01";
  portal::platform::request_frame();
}

}  // extern "C"
