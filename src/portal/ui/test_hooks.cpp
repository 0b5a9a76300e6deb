// ImGui's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE) collect every labelled widget of a frame.
#include "ui/test_hooks.h"

#include "platform/web_platform.h"
#include "ui/a11y.h"
#include "ui/focus_order.h"

#include <emscripten.h>
#include <imgui_internal.h>

#include <cstdarg>
#include <cstdio>
#include <map>
#include <utility>

namespace portal::test_hooks {
namespace {

struct Item {
  ImGuiID id;
  std::string key;  // the full label/id string as submitted
  ImRect rect;      // visible part, CSS px
};

struct Registry {
  int frame = -1;  // ImGui frame the items belong to
  std::vector<Item> items;
  std::string screen, lang, user, mode;
  std::map<std::string, std::string, std::less<>> values;
  struct Source {
    const void* owner;
    std::function<std::string()> build;
  };
  std::map<std::string, Source, std::less<>> sources;
  std::vector<std::string> toasts, errors;
  std::string out;  // last JSON handed to JS
};

Registry& reg() {
  static Registry r;
  return r;
}

void json_string(std::string& out, std::string_view s) { append_json_string(out, s); }

void json_number(std::string& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  out += buf;
}

}  // namespace

void append_json_rect(std::string& out, ImVec2 min, ImVec2 max, bool whole_pixels) {
  const char* names[4] = {",\"x\":", ",\"y\":", ",\"w\":", ",\"h\":"};
  const float values[4] = {min.x, min.y, max.x - min.x, max.y - min.y};
  for (int i = 0; i < 4; ++i) {
    out += names[i];
    if (whole_pixels) out += std::to_string(static_cast<int>(values[i]));
    else json_number(out, values[i]);
  }
}

namespace {

// The label a user reads: up to "##", without Font Awesome glyphs (U+F000..U+F8FF), trimmed.
std::string label_of(std::string_view key) {
  const size_t hash = key.find("##");
  std::string_view shown = key.substr(0, hash);
  std::string out;
  for (size_t i = 0; i < shown.size();) {
    const unsigned char c = static_cast<unsigned char>(shown[i]);
    if (c == 0xEF && i + 2 < shown.size()) {
      const unsigned cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(shown[i + 1]) & 0x3Fu) << 6) |
                          (static_cast<unsigned char>(shown[i + 2]) & 0x3Fu);
      if (cp >= 0xF000 && cp <= 0xF8FF) {
        i += 3;
        continue;
      }
    }
    out += shown[i++];
  }
  const size_t b = out.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return out.substr(b, out.find_last_not_of(' ') - b + 1);
}

void add_item(ImGuiContext* ctx, ImGuiID id, const char* label, bool replace, int status_flags) {
  Registry& r = reg();
  if (r.frame != ctx->FrameCount) {
    r.frame = ctx->FrameCount;
    r.items.clear();
  }
  ui::focus_order::item_reported(id);
  for (Item& it : r.items)
    if (it.id == id) {
      if (replace && label) it.key = label;
      a11y::item(ctx, id, label, status_flags, replace);  // the screen-reader mirror
      return;
    }
  ImRect rect = ctx->LastItemData.Rect;
  if (ctx->CurrentWindow) rect.ClipWithFull(ctx->CurrentWindow->ClipRect);
  if (rect.GetWidth() <= 0 || rect.GetHeight() <= 0) return;  // scrolled out of view
  r.items.push_back({id, label ? label : "", rect});
  a11y::item(ctx, id, label, status_flags, replace);
}

}  // namespace

void set_screen(std::string_view v) { reg().screen = v; }
void set_lang(std::string_view v) { reg().lang = v; }
void set_user(std::string_view v) { reg().user = v; }
void set_mode(std::string_view v) { reg().mode = v; }
void set_value(std::string_view key, std::string_view value) {
  auto it = reg().values.find(key);
  if (it == reg().values.end()) reg().values.emplace(std::string(key), std::string(value));
  else it->second = value;
}
void set_value_source(std::string_view key, const void* owner, std::function<std::string()> source) {
  if (auto it = reg().values.find(key); it != reg().values.end()) reg().values.erase(it);
  reg().sources.insert_or_assign(std::string(key), Registry::Source{owner, std::move(source)});
}
void remove_value_sources(const void* owner) {
  std::erase_if(reg().sources, [owner](const auto& entry) { return entry.second.owner == owner; });
}
void register_item(ImGuiID id, const char* label) { add_item(GImGui, id, label, true, 0); }
std::string visible_label(std::string_view key) { return label_of(key); }
void set_toasts(std::vector<std::string> toasts) {
  a11y::set_toasts(toasts);
  reg().toasts = std::move(toasts);
}
void set_errors(std::vector<std::string> errors) {
  a11y::set_errors(errors);
  reg().errors = std::move(errors);
}

}  // namespace portal::test_hooks

// ---- ImGui test-engine hooks -------------------------------------------------------------------
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
  portal::ui::focus_order::item_added(ctx, bb, id);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  portal::test_hooks::add_item(ctx, id, label, false, flags);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
  for (const auto& it : portal::test_hooks::reg().items)
    if (it.id == id) return it.key.c_str();
  return nullptr;
}

// ---- exports for web/portal_glue.js --------------------------------------------------------------
extern "C" {

EMSCRIPTEN_KEEPALIVE const char* portal_test_items() {
  using namespace portal::test_hooks;
  Registry& r = reg();
  std::string& out = r.out;
  out = "[";
  // Items are those of the last completed frame; a frame with none leaves the list stale.
  const bool current = GImGui && r.frame == GImGui->FrameCount;
  if (current) {
    bool first = true;
    for (const Item& it : r.items) {
      if (!first) out += ',';
      first = false;
      char id[16];
      std::snprintf(id, sizeof id, "%08x", it.id);
      out += "{\"id\":\"";
      out += id;
      out += "\",\"key\":";
      json_string(out, it.key);
      out += ",\"label\":";
      json_string(out, label_of(it.key));
      append_json_rect(out, it.rect.Min, it.rect.Max, false);
      out += '}';
    }
  }
  out += ']';
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* portal_test_state() {
  using namespace portal::test_hooks;
  namespace platform = portal::platform;
  Registry& r = reg();
  std::string& out = r.out;
  out = "{\"screen\":";
  json_string(out, r.screen);
  out += ",\"lang\":";
  json_string(out, r.lang);
  out += ",\"user\":";
  json_string(out, r.user);
  out += ",\"mode\":";
  json_string(out, r.mode);
  const auto list = [&out](const char* name, const std::vector<std::string>& v) {
    out += ",\"";
    out += name;
    out += "\":[";
    for (size_t i = 0; i < v.size(); i++) {
      if (i) out += ',';
      json_string(out, v[i]);
    }
    out += ']';
  };
  list("toasts", r.toasts);
  list("errors", r.errors);
  out += ",\"values\":{";
  bool first = true;
  for (const auto& [k, v] : r.values) {
    if (!first) out += ',';
    first = false;
    json_string(out, k);
    out += ':';
    json_string(out, v);
  }
  for (const auto& [k, source] : r.sources) {
    if (!first) out += ',';
    first = false;
    json_string(out, k);
    out += ':';
    json_string(out, source.build());
  }
  out += "},\"frames\":";
  out += std::to_string(platform::frames_rendered());
  const platform::FrameStats fs = platform::frame_stats();
  out += ",\"frameReasons\":{\"input\":" + std::to_string(fs.input) + ",\"timer\":" + std::to_string(fs.timer) +
         ",\"request\":" + std::to_string(fs.request) + ",\"animation\":" + std::to_string(fs.animation) + "}";
  int atlas_w = 0, atlas_h = 0;
  platform::font_atlas_size(&atlas_w, &atlas_h);
  out += ",\"atlas\":[" + std::to_string(atlas_w) + "," + std::to_string(atlas_h) + "]";
  out += ",\"atlasScale\":";
  json_number(out, platform::font_atlas_scale());
  const portal::a11y::Stats& as = portal::a11y::stats();
  out += ",\"a11y\":{\"enabled\":";
  out += as.enabled ? "true" : "false";
  out += ",\"frames\":" + std::to_string(as.frames) + ",\"sent\":" + std::to_string(as.sent) + ",\"ms\":";
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.4f", as.ms);
  out += ms;
  out += '}';
  out += ",\"frameMs\":";
  json_number(out, platform::last_frame_cost_ms());
  out += ",\"uiMs\":";
  json_number(out, platform::last_ui_cost_ms());
  out += ",\"width\":";
  json_number(out, platform::width());
  out += ",\"height\":";
  json_number(out, platform::height());
  out += ",\"dpr\":";
  json_number(out, platform::device_pixel_ratio());
  out += '}';
  return out.c_str();
}

}  // extern "C"
