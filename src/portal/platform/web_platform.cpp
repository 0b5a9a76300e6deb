// Browser platform layer for Dear ImGui 1.86 (see web_platform.h). DOM events arrive from
// web/portal_glue.js through the exported portal_on_* functions below, are queued, and are applied
// to ImGui at the start of a frame with at most one down/up transition per key or button per
// frame (ImGui 1.86 only has io.KeysDown[] / io.MouseDown[]): the rest waits for the next frame,
// so no click or key press is ever lost, however fast the events come.
#include "platform/web_platform.h"
#include "platform/web_protocol.h"

#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include "ui/a11y.h"
#include "ui/dom_field.h"
#include "ui/focus_order.h"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <utility>

// ---- JS glue (web/portal_glue.js) -----------------------------------------------------------
extern "C" {
int portal_js_init(const char* canvas_selector);  // bit 0: macOS / iOS, bit 1: coarse pointer
void portal_js_set_clipboard(const char* text);
void portal_js_text_input(int active, float x, float y, float w, float h);
void portal_js_set_cursor(int cursor);
void portal_js_frame_done(double frames);
void portal_js_fatal(const char* message);
void portal_js_set_title(const char* title);
double portal_js_now();
double portal_js_device_pixel_ratio();
void portal_js_resize();  // re-measures the canvas: calls portal_on_resize
}

namespace portal::platform {
namespace {

// Key indices into io.KeysDown[]: ImGuiKey_* map to themselves (io.KeyMap[k] = k), the four
// modifiers live above them.
constexpr int kKeyCtrl = 500, kKeyShift = 501, kKeyAlt = 502, kKeySuper = 503;

enum class EventType { MouseMove, MouseButton, Wheel, Key, Text, Focus, TouchScroll };

struct Event {
  EventType type;
  float x = 0, y = 0;  // position, wheel or scroll delta
  int code = 0;        // button or key index
  bool down = false;
  std::string text;
};

struct Touch {
  bool active = false;
  bool dragging = false;
  float start_x = 0, start_y = 0, last_x = 0, last_y = 0;
  double start_ms = 0;
  struct Sample {
    double t;
    float x, y;
  };
  Sample samples[8] = {};
  int sample_count = 0;
  ImGuiID target = 0;  // window scrolled by this drag
  bool target_resolved = false;
  float vel_x = 0, vel_y = 0;  // momentum after release, CSS px per ms
  ImGuiID momentum_target = 0;
};

struct State {
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
  std::string canvas;
  FrameFn frame;
  FontBuilder font_builder;
  bool running = false;
  bool in_frame = false;
  bool gl_lost = false;
  // Tests of behaviour switch the GL submission off (portalTest.draw(false)): the software
  // rasteriser of headless CI takes ~300 ms per 1280x800 frame, the UI itself ~3 ms.
  bool draw = true;
  bool is_mac = false;
  bool touch_mode = false;

  float css_w = 800, css_h = 600, dpr = 1;
  int fb_w = 0, fb_h = 0;
  float font_scale = 0;  // scale the atlas was built for; 0 = not built
  GLuint font_texture = 0;

  std::deque<Event> queue;
  bool queued_key_down[512] = {};  // key state after every queued event
  bool queued_button_down[5] = {};
  ImVec2 queued_mouse{-FLT_MAX, -FLT_MAX};  // pointer position after every queued event
  Touch touch;

  // scheduling
  bool raf_pending = false;
  int settle_frames = 0;
  bool animate = false;
  long timer_id = 0;
  double timer_deadline = 0;
  double last_frame_ms = 0;
  double frame_cost_ms = 0;  // time of the last frame (UI + GL submission)
  double ui_cost_ms = 0;     // of which the UI (everything before the GL calls)
  std::uint64_t frames = 0;
  unsigned pending_reasons = 0;  // why the scheduled frame was asked for (FrameStats bits)
  FrameStats stats;

  std::string clipboard;
  int last_cursor = -2;
  bool text_active = false;
  ImVec2 text_pos{-1, -1};
};

State& st() {
  static State s;
  return s;
}

// ---- scheduling --------------------------------------------------------------------------------
void run_frame();

EM_BOOL on_animation_frame(double, void*) {
  st().raf_pending = false;
  run_frame();
  return EM_FALSE;
}

enum Reason : unsigned { kInput = 1, kTimer = 2, kRequest = 4, kAnimation = 8 };

void schedule(unsigned reason) {
  State& s = st();
  s.pending_reasons |= reason;
  if (!s.running || s.raf_pending || s.gl_lost) return;
  s.raf_pending = true;
  emscripten_request_animation_frame(on_animation_frame, nullptr);
}

void on_timer(void*) {
  st().timer_id = 0;
  schedule(kTimer);
}

void after_input() {
  State& s = st();
  s.settle_frames = std::max(s.settle_frames, 3);  // ImGui needs 2-3 frames to settle
  if (!s.in_frame) schedule(kInput);
}

// ---- input queue -------------------------------------------------------------------------------
void push(Event e) {
  st().queue.push_back(std::move(e));
  after_input();
}

void push_key(int key, bool down) {
  State& s = st();
  if (key < 0 || key >= 512 || s.queued_key_down[key] == down) return;
  s.queued_key_down[key] = down;
  push({EventType::Key, 0, 0, key, down, {}});
}

void push_button(int button, bool down) {
  State& s = st();
  if (button < 0 || button >= 5 || s.queued_button_down[button] == down) return;
  s.queued_button_down[button] = down;
  push({EventType::MouseButton, 0, 0, button, down, {}});
}

void push_move(float x, float y) {
  st().queued_mouse = ImVec2(x, y);
  push({EventType::MouseMove, x, y, 0, false, {}});
}

void release_everything() {
  State& s = st();
  for (int k = 0; k < 512; k++)
    if (s.queued_key_down[k]) push_key(k, false);
  for (int b = 0; b < 5; b++)
    if (s.queued_button_down[b]) push_button(b, false);
}

bool is_modifier(int key) { return key >= kKeyCtrl && key <= kKeySuper; }

// Keys that edit or move through text: their order relative to typed characters matters.
bool is_editing_key(int key) { return key >= 0 && key < ImGuiKey_COUNT && key != ImGuiKey_Space; }

ImGuiWindow* scroll_target_for(ImGuiWindow* w) {
  while (w) {
    const bool scrollable =
        (w->ScrollMax.y > 0 || w->ScrollMax.x > 0) && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse);
    if (scrollable) return w;
    if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) break;
    w = w->ParentWindow;
  }
  return nullptr;
}

void scroll_window_by(ImGuiID id, float dx, float dy) {
  if (!id) return;
  ImGuiWindow* w = ImGui::FindWindowByID(id);
  if (!w) return;
  // ScrollTarget holds what an earlier call this frame asked for.
  const float base_y = w->ScrollTarget.y < FLT_MAX ? w->ScrollTarget.y : w->Scroll.y;
  const float base_x = w->ScrollTarget.x < FLT_MAX ? w->ScrollTarget.x : w->Scroll.x;
  if (dy != 0) ImGui::SetScrollY(w, ImClamp(base_y - dy, 0.0f, w->ScrollMax.y));
  if (dx != 0) ImGui::SetScrollX(w, ImClamp(base_x - dx, 0.0f, w->ScrollMax.x));
}

// Applies queued events to ImGuiIO, stopping at the first one that would make a second
// transition of the same key or button in this frame, or that would reorder typed text and
// editing keys, or a move right after a click (the click must land where it was made).
void apply_events() {
  State& s = st();
  ImGuiIO& io = ImGui::GetIO();
  bool key_changed[512] = {};
  bool button_changed[5] = {};
  bool any_button_changed = false, moved = false, text_added = false, editing_key = false;

  while (!s.queue.empty()) {
    Event& e = s.queue.front();
    switch (e.type) {
      case EventType::MouseMove:
        if (any_button_changed) return;
        io.MousePos = ImVec2(e.x, e.y);
        moved = true;
        break;
      case EventType::MouseButton:
        if (button_changed[e.code]) return;
        button_changed[e.code] = any_button_changed = true;
        io.MouseDown[e.code] = e.down;
        break;
      case EventType::Wheel:
        io.MouseWheel += e.y;
        io.MouseWheelH += e.x;
        break;
      case EventType::Key:
        if (e.code == ImGuiKey_Tab) {  // our focus order, not ImGui's (text fields only)
          if (e.down) ui::focus_order::request_tab(io.KeyShift ? -1 : 1);
          break;
        }
        if (key_changed[e.code]) return;
        if (e.down && (e.code == ImGuiKey_Enter || e.code == ImGuiKey_KeyPadEnter)) ui::focus_order::request_enter();
        if (e.down && is_editing_key(e.code) && text_added) return;
        key_changed[e.code] = true;
        io.KeysDown[e.code] = e.down;
        if (e.down && (is_editing_key(e.code) || (!is_modifier(e.code) && (io.KeyCtrl || io.KeySuper))))
          editing_key = true;
        io.KeyCtrl = io.KeysDown[kKeyCtrl];
        io.KeyShift = io.KeysDown[kKeyShift];
        io.KeyAlt = io.KeysDown[kKeyAlt];
        io.KeySuper = io.KeysDown[kKeySuper];
        break;
      case EventType::Text:
        if (editing_key) return;
        io.AddInputCharactersUTF8(e.text.c_str());
        text_added = true;
        break;
      case EventType::Focus: io.AddFocusEvent(e.down); break;
      case EventType::TouchScroll: {
        if (moved) return;  // hover must be computed for the finger's position first
        Touch& t = s.touch;
        if (!t.target_resolved) {
          ImGuiWindow* w = scroll_target_for(GImGui->HoveredWindow);
          t.target = w ? w->ID : 0;
          t.target_resolved = true;
        }
        scroll_window_by(t.target, e.x, e.y);
        break;
      }
    }
    s.queue.pop_front();
  }
}

void apply_momentum(double dt_ms) {
  Touch& t = st().touch;
  if (!t.momentum_target) return;
  const float k = static_cast<float>(std::pow(0.996, dt_ms));  // ~ 0.94 per 16 ms frame
  const float dx = t.vel_x * static_cast<float>(dt_ms), dy = t.vel_y * static_cast<float>(dt_ms);
  scroll_window_by(t.momentum_target, dx, dy);
  t.vel_x *= k;
  t.vel_y *= k;
  if (std::fabs(t.vel_x) < 0.02f && std::fabs(t.vel_y) < 0.02f) t.momentum_target = 0;
}

// ---- fonts and device objects ------------------------------------------------------------------
void upload_font_texture() {
  State& s = st();
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* alpha = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsAlpha8(&alpha, &w, &h);
  if (!alpha) return;
  // LUMINANCE_ALPHA with L = 255 samples exactly like ImGui's RGBA32 atlas (white + coverage)
  // at half the memory, without building the RGBA copy in the wasm heap.
  std::string la(static_cast<size_t>(w) * static_cast<size_t>(h) * 2, '\xff');
  for (size_t i = 0, n = static_cast<size_t>(w) * static_cast<size_t>(h); i < n; i++)
    la[i * 2 + 1] = static_cast<char>(alpha[i]);
  if (s.font_texture) glDeleteTextures(1, &s.font_texture);
  glGenTextures(1, &s.font_texture);
  glBindTexture(GL_TEXTURE_2D, s.font_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_LUMINANCE_ALPHA, w, h, 0, GL_LUMINANCE_ALPHA, GL_UNSIGNED_BYTE, la.data());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(s.font_texture)));
  io.Fonts->ClearTexData();  // glyph metrics stay; the pixels are on the GPU now
}

void create_device_objects() {
  ImGuiIO& io = ImGui::GetIO();
  // The backend always uploads io.Fonts as RGBA32: hand it a 1x1 atlas, then upload ours.
  ImFontAtlas* real = io.Fonts;
  ImFontAtlas dummy;
  dummy.TexPixelsRGBA32 = static_cast<unsigned int*>(IM_ALLOC(4));
  dummy.TexPixelsRGBA32[0] = 0xFFFFFFFFu;
  dummy.TexWidth = dummy.TexHeight = 1;
  io.Fonts = &dummy;
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  io.Fonts = real;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  upload_font_texture();
}

void build_fonts() {
  State& s = st();
  ImGuiIO& io = ImGui::GetIO();
  const float scale = std::min(s.dpr, 3.0f);
  io.Fonts->Clear();
  io.Fonts->TexDesiredWidth = 2048;
  if (s.font_builder) s.font_builder(*io.Fonts, scale);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  if (w > 4096 || h > 4096) {
    // Too many glyphs for one texture: rasterise at a lower scale rather than fail.
    io.Fonts->Clear();
    io.Fonts->TexDesiredWidth = 4096;
    if (s.font_builder) s.font_builder(*io.Fonts, std::min(scale, 2.0f));
  }
  io.FontGlobalScale = 1.0f / scale;
  s.font_scale = s.dpr;
}

// ---- the frame ---------------------------------------------------------------------------------
// Whether a text field is active now, at the end of the frame. io.WantTextInput lags a frame:
// after the screen-reader mirror moved focus off a field it would pull DOM focus back to the
// textarea, away from the mirror's button (Enter then went to the field).
bool text_field_active() {
  const ImGuiContext& g = *GImGui;
  return g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
}

void update_text_input() {
  State& s = st();
  ImGuiIO& io = ImGui::GetIO();
  const bool active = text_field_active();
  const ImVec2 pos = GImGui->PlatformImePos;
  if (active == s.text_active && (!active || (pos.x == s.text_pos.x && pos.y == s.text_pos.y))) return;
  s.text_active = active;
  s.text_pos = pos;
  float w = 4;
  if (ImGuiWindow* win = GImGui->ActiveIdWindow) w = std::max(4.0f, win->InnerRect.Max.x - pos.x);
  const ImFont* font = io.FontDefault ? io.FontDefault : io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0];
  const float line = font ? font->FontSize * io.FontGlobalScale : 16.0f;
  portal_js_text_input(active ? 1 : 0, pos.x, pos.y, w, line);
}

void run_frame() {
  State& s = st();
  if (s.in_frame || !s.frame) return;
  if (s.gl_lost) return;
  s.in_frame = true;
  ImGuiIO& io = ImGui::GetIO();
  const unsigned reasons = s.pending_reasons;
  s.pending_reasons = 0;
  if (reasons & kInput) s.stats.input++;
  else if (reasons & kAnimation) s.stats.animation++;
  else if (reasons & kRequest) s.stats.request++;
  else if (reasons & kTimer) s.stats.timer++;

  const double now = emscripten_get_now();
  const double dt_ms = s.last_frame_ms > 0 ? now - s.last_frame_ms : 16.0;
  s.last_frame_ms = now;
  // Real elapsed time, never clamped: ImGui's double-click detection relies on io.DeltaTime.
  io.DeltaTime = static_cast<float>(std::max(dt_ms, 0.1) / 1000.0);

  // devicePixelRatio can change without a resize or media-query event (e.g. emulation).
  if (static_cast<float>(portal_js_device_pixel_ratio()) != s.dpr) portal_js_resize();
  if (s.font_scale != s.dpr) {  // devicePixelRatio changed (zoom, other monitor)
    build_fonts();
    upload_font_texture();
  }
  io.DisplaySize = ImVec2(s.css_w, s.css_h);
  io.DisplayFramebufferScale = ImVec2(s.dpr, s.dpr);
  s.animate = false;

  apply_events();
  apply_momentum(std::min(dt_ms, 50.0));

  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  a11y::begin_frame();
  ui::dom_fields::begin_frame();
  ui::focus_order::begin_frame();
  s.frame();
  ui::focus_order::end_frame();
  ui::dom_fields::end_frame();
  a11y::end_frame();  // the screen-reader mirror: sends the tree only when it changed
  ImGui::Render();
  // The UI's own CPU time: input, the screens, ImGui's layout and vertex building. The GL part
  // after it can wait on the GPU process (the backend reads GL state back), so it is timed apart.
  s.ui_cost_ms = emscripten_get_now() - now;

  if (s.draw) {
    glViewport(0, 0, s.fb_w, s.fb_h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  }
  s.frames++;
  s.frame_cost_ms = emscripten_get_now() - now;

  // web_protocol::cursor: kHidden is ImGuiMouseCursor_None, kCss[] is indexed by ImGuiMouseCursor_*.
  static_assert(web_protocol::cursor::kHidden == ImGuiMouseCursor_None);
  static_assert(sizeof web_protocol::cursor::kCss / sizeof web_protocol::cursor::kCss[0] == ImGuiMouseCursor_COUNT);
  const int cursor = io.MouseDrawCursor ? ImGuiMouseCursor_None : ImGui::GetMouseCursor();
  if (cursor != s.last_cursor) {
    s.last_cursor = cursor;
    portal_js_set_cursor(cursor);
  }
  update_text_input();

  if (s.settle_frames > 0) s.settle_frames--;
  io.MouseWheel = io.MouseWheelH = 0;
  s.in_frame = false;
  portal_js_frame_done(static_cast<double>(s.frames));

  bool key_held = false;
  for (int k = 0; k < ImGuiKey_COUNT && !key_held; k++) key_held = io.KeysDown[k];
  bool button_held = false;
  for (bool b : io.MouseDown) button_held = button_held || b;
  const bool interacting = s.settle_frames > 0 || !s.queue.empty() || button_held || key_held || s.touch.dragging ||
                           s.touch.momentum_target != 0;
  if (interacting) schedule(kInput);
  else if (s.animate) schedule(kAnimation);
}

// Runs frames right now, inside a DOM event handler (so the browser still counts it as a user
// gesture): until the queue is drained, at most a few.
void pump() {
  State& s = st();
  for (int i = 0; i < 4 && !s.in_frame; i++) {
    run_frame();
    if (s.queue.empty()) break;
  }
}

int key_index(const char* key, const char* code) {
  struct Named {
    const char* name;
    int index;
  };
  static constexpr Named named[] = {
      {"Tab", ImGuiKey_Tab},
      {"ArrowLeft", ImGuiKey_LeftArrow},
      {"ArrowRight", ImGuiKey_RightArrow},
      {"ArrowUp", ImGuiKey_UpArrow},
      {"ArrowDown", ImGuiKey_DownArrow},
      {"PageUp", ImGuiKey_PageUp},
      {"PageDown", ImGuiKey_PageDown},
      {"Home", ImGuiKey_Home},
      {"End", ImGuiKey_End},
      {"Insert", ImGuiKey_Insert},
      {"Delete", ImGuiKey_Delete},
      {"Backspace", ImGuiKey_Backspace},
      {" ", ImGuiKey_Space},
      {"Enter", ImGuiKey_Enter},
      {"Escape", ImGuiKey_Escape},
      {"Control", kKeyCtrl},
      {"Shift", kKeyShift},
      {"Alt", kKeyAlt},
      {"Meta", kKeySuper},
      {"OS", kKeySuper},
  };
  if (std::strcmp(code, "NumpadEnter") == 0) return ImGuiKey_KeyPadEnter;
  for (const Named& n : named)
    if (std::strcmp(key, n.name) == 0) return n.index;
  // Letters used by shortcuts: the layout's letter when it is Latin, else the physical key
  // (Ctrl+A selects all on a Russian layout too).
  char letter = 0;
  if (key[0] && !key[1] && std::isalpha(static_cast<unsigned char>(key[0])))
    letter = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
  else if (std::strncmp(code, "Key", 3) == 0 && code[3] && !code[4]) letter = code[3];
  switch (letter) {
    case 'A': return ImGuiKey_A;
    case 'C': return ImGuiKey_C;
    case 'V': return ImGuiKey_V;
    case 'X': return ImGuiKey_X;
    case 'Y': return ImGuiKey_Y;
    case 'Z': return ImGuiKey_Z;
    default: return -1;
  }
}

const char* get_clipboard(void*) { return st().clipboard.c_str(); }

void set_clipboard(void*, const char* text) {
  st().clipboard = text ? text : "";
  portal_js_set_clipboard(st().clipboard.c_str());
}

}  // namespace

// ---- public API --------------------------------------------------------------------------------
bool init(const Options& options) {
  State& s = st();
  s.canvas = options.canvas;
  const int env = portal_js_init(s.canvas.c_str());
  s.is_mac = (env & 1) != 0;
  s.touch_mode = (env & 2) != 0;  // a phone or tablet: touch layout before the first tap

  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.minorVersion = 0;
  attrs.alpha = EM_FALSE;
  attrs.depth = EM_FALSE;
  attrs.stencil = EM_FALSE;
  attrs.antialias = EM_FALSE;
  attrs.premultipliedAlpha = EM_TRUE;
  attrs.preserveDrawingBuffer = EM_FALSE;
  attrs.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER;
  s.gl = emscripten_webgl_create_context(s.canvas.c_str(), &attrs);
  if (s.gl <= 0) {
    portal_js_fatal("This browser cannot show the portal: WebGL 2 is not available.");
    return false;
  }
  emscripten_webgl_make_context_current(s.gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  GImGui->TestEngineHookItems = true;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.BackendPlatformName = "portal_web";
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would force frames forever
  io.ConfigWindowsResizeFromEdges = false;
  io.ConfigMacOSXBehaviors = s.is_mac;
  io.SetClipboardTextFn = set_clipboard;
  io.GetClipboardTextFn = get_clipboard;
  io.ImeSetInputScreenPosFn = nullptr;
  for (int k = 0; k < ImGuiKey_COUNT; k++) io.KeyMap[k] = k;

  ImGui_ImplOpenGL3_Init("#version 300 es");
  return true;
}

void set_font_builder(FontBuilder builder) {
  st().font_builder = std::move(builder);
  st().font_scale = 0;
  request_frame();
}

void rebuild_fonts() {
  st().font_scale = 0;
  request_frame();
}

void run(FrameFn frame) {
  State& s = st();
  s.frame = std::move(frame);
  build_fonts();
  create_device_objects();
  s.running = true;
  s.settle_frames = 3;
  schedule(kInput);
}

void request_frame() {
  State& s = st();
  if (s.in_frame) s.animate = true;  // asked from inside a frame: one more frame after this
  else schedule(kRequest);
}

void request_frame_in(double ms) {
  State& s = st();
  const double deadline = now_ms() + std::max(ms, 0.0);
  if (s.timer_id && s.timer_deadline <= deadline + 1) return;  // an earlier timer is pending
  if (s.timer_id) emscripten_clear_timeout(s.timer_id);
  s.timer_deadline = deadline;
  s.timer_id = emscripten_set_timeout(on_timer, std::max(ms, 0.0), nullptr);
}

void request_frame_next_second() {
  const double now = now_ms();
  request_frame_in(1000.0 - std::fmod(now, 1000.0) + 5.0);
}

void keep_animating() {
  st().animate = true;
  if (!st().in_frame) schedule(kAnimation);
}

std::uint64_t frames_rendered() { return st().frames; }
double last_frame_cost_ms() { return st().frame_cost_ms; }
double last_ui_cost_ms() { return st().ui_cost_ms; }
FrameStats frame_stats() { return st().stats; }
float font_atlas_scale() { return st().font_scale; }

void font_atlas_size(int* w, int* h) {
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  *w = atlas ? atlas->TexWidth : 0;
  *h = atlas ? atlas->TexHeight : 0;
}
double now_ms() { return portal_js_now(); }
float device_pixel_ratio() { return st().dpr; }
float width() { return st().css_w; }
float height() { return st().css_h; }
bool touch_mode() { return st().touch_mode; }
void set_document_title(const char* title) { portal_js_set_title(title); }

void synthetic_click(float x, float y) {
  State& s = st();
  const ImVec2 back = s.queued_mouse;
  if (s.queued_button_down[0]) push_button(0, false);
  push_move(x, y);
  push_button(0, true);
  push_button(0, false);
  push_move(back.x, back.y);
}

}  // namespace portal::platform

// ---- entry points for the JS glue --------------------------------------------------------------
using portal::platform::EventType;
namespace pp = portal::platform;
namespace wp = portal::web_protocol;

extern "C" {

EMSCRIPTEN_KEEPALIVE void portal_on_resize(double css_w, double css_h, double dpr) {
  pp::State& s = pp::st();
  s.css_w = static_cast<float>(std::max(css_w, 1.0));
  s.css_h = static_cast<float>(std::max(css_h, 1.0));
  s.dpr = static_cast<float>(dpr > 0 ? dpr : 1.0);
  s.fb_w = static_cast<int>(std::lround(css_w * s.dpr));
  s.fb_h = static_cast<int>(std::lround(css_h * s.dpr));
  emscripten_set_canvas_element_size(s.canvas.c_str(), s.fb_w, s.fb_h);
  pp::after_input();  // resizing clears the canvas: draw now
}

// kind: web_protocol::pointer (move, down, up, leave, cancel). button: DOM numbering (0 left, 1 middle, 2 right).
EMSCRIPTEN_KEEPALIVE int portal_on_pointer(int kind, double xd, double yd, int dom_button, int is_touch) {
  pp::State& s = pp::st();
  const float x = static_cast<float>(xd), y = static_cast<float>(yd);
  const double now = pp::now_ms();
  s.touch_mode = is_touch != 0;
  if (!is_touch) {
    const int button = dom_button == 1 ? 2 : dom_button == 2 ? 1 : dom_button;
    switch (kind) {
      case wp::pointer::kMove: pp::push_move(x, y); break;
      case wp::pointer::kDown:
        pp::push_move(x, y);
        pp::push_button(button, true);
        break;
      case wp::pointer::kUp:
        pp::push_move(x, y);
        pp::push_button(button, false);
        break;
      case wp::pointer::kLeave:
      case wp::pointer::kCancel:
      default:
        if (!s.queued_button_down[0]) pp::push_move(-FLT_MAX, -FLT_MAX);
        break;
    }
    return 0;
  }
  // Touch: a tap is a click; a one-finger drag scrolls the window under the finger.
  pp::Touch& t = s.touch;
  switch (kind) {
    case wp::pointer::kDown:
      t = pp::Touch{};
      t.active = true;
      t.start_x = t.last_x = x;
      t.start_y = t.last_y = y;
      t.start_ms = now;
      t.samples[0] = {now, x, y};
      t.sample_count = 1;
      pp::push_move(x, y);
      break;
    case wp::pointer::kMove:
      if (!t.active) break;
      if (!t.dragging && std::hypot(x - t.start_x, y - t.start_y) > 10.0f) {
        t.dragging = true;
        t.last_x = t.start_x;
        t.last_y = t.start_y;
        pp::push({EventType::TouchScroll, x - t.last_x, y - t.last_y, 0, false, {}});
        pp::push_move(-FLT_MAX, -FLT_MAX);  // scrolling: nothing under the finger is hovered
        t.last_x = x;
        t.last_y = y;
      }
      if (t.dragging && (x != t.last_x || y != t.last_y)) {
        pp::push({EventType::TouchScroll, x - t.last_x, y - t.last_y, 0, false, {}});
        t.last_x = x;
        t.last_y = y;
        t.samples[t.sample_count % 8] = {now, x, y};
        t.sample_count++;
      }
      break;
    case wp::pointer::kUp:
      if (!t.active) break;
      t.active = false;
      if (!t.dragging) {
        pp::push_move(x, y);
        pp::push_button(0, true);
        pp::push_button(0, false);
        pp::push_move(-FLT_MAX, -FLT_MAX);
        return 1;  // the glue pumps frames now, inside the gesture, to focus a text field
      }
      t.dragging = false;
      {
        // Momentum from the last ~100 ms of movement.
        const int n = std::min(t.sample_count, 8);
        const pp::Touch::Sample& last = t.samples[(t.sample_count - 1) % 8];
        const pp::Touch::Sample* first = &last;
        for (int i = 1; i < n; i++) {
          const pp::Touch::Sample& smp = t.samples[(t.sample_count - 1 - i) % 8];
          if (last.t - smp.t > 100) break;
          first = &smp;
        }
        const double span = last.t - first->t;
        if (span > 10 && now - last.t < 60) {
          t.vel_x = static_cast<float>((last.x - first->x) / span);
          t.vel_y = static_cast<float>((last.y - first->y) / span);
          t.momentum_target = t.target;
          pp::after_input();
        }
      }
      pp::push_move(-FLT_MAX, -FLT_MAX);
      break;
    default:
      t.active = t.dragging = false;
      pp::push_move(-FLT_MAX, -FLT_MAX);
      break;
  }
  return 0;
}

// delta_mode: 0 pixels, 1 lines, 2 pages (WheelEvent.deltaMode). ImGui scrolls 5 lines per unit.
EMSCRIPTEN_KEEPALIVE void portal_on_wheel(double dx, double dy, int delta_mode) {
  double scale = 1.0 / 100.0;              // Chrome / Edge: 100 px per notch
  if (delta_mode == 1) scale = 1.0 / 3.0;  // Firefox: 3 lines per notch
  if (delta_mode == 2) scale = 2.0;
  const auto clamp = [](double v) { return static_cast<float>(std::clamp(v, -5.0, 5.0)); };
  pp::push({EventType::Wheel, clamp(-dx * scale), clamp(-dy * scale), 0, false, {}});
}

// Returns bit 0: call preventDefault; bit 1: pump frames now (copy/cut must reach ImGui before
// the browser's copy event).
EMSCRIPTEN_KEEPALIVE int portal_on_key(const char* key, const char* code, int down, int ctrl, int meta) {
  pp::State& s = pp::st();
  const int k = pp::key_index(key, code);
  if (k < 0) return 0;
  if (!down) {
    pp::push_key(k, false);
    if (k == pp::kKeySuper)  // macOS sends no keyup for keys released while Cmd is held
      for (int i = 0; i < ImGuiKey_COUNT; i++) pp::push_key(i, false);
    return 0;
  }
  if (pp::is_modifier(k)) {
    pp::push_key(k, true);
    return 0;
  }
  const bool shortcut = s.is_mac ? meta != 0 : ctrl != 0;
  if (k == ImGuiKey_A || k == ImGuiKey_C || k == ImGuiKey_V || k == ImGuiKey_X || k == ImGuiKey_Y || k == ImGuiKey_Z) {
    if (!shortcut) return 0;        // a letter: it arrives as text
    if (k == ImGuiKey_V) return 0;  // paste: wait for the paste event and its text
    pp::push_key(k, true);
    if (k == ImGuiKey_C || k == ImGuiKey_X) return 2;
    return 1;
  }
  if (s.queued_key_down[k]) pp::push_key(k, false);  // auto-repeat: another press
  pp::push_key(k, true);
  return k == ImGuiKey_Space ? 0 : 1;  // space also arrives as text
}

EMSCRIPTEN_KEEPALIVE void portal_on_text(const char* utf8) {
  if (utf8 && *utf8) pp::push({EventType::Text, 0, 0, 0, false, utf8});
}

// A DOM paste event: remember the text and press the paste shortcut for ImGui.
EMSCRIPTEN_KEEPALIVE void portal_on_paste(const char* utf8) {
  pp::State& s = pp::st();
  s.clipboard = utf8 ? utf8 : "";
  const int mod = s.is_mac ? pp::kKeySuper : pp::kKeyCtrl;
  const bool mod_was_down = s.queued_key_down[mod];
  pp::push_key(mod, true);
  pp::push_key(ImGuiKey_V, true);
  pp::push_key(ImGuiKey_V, false);
  if (!mod_was_down) pp::push_key(mod, false);
}

// Editing keys synthesised from an on-screen keyboard's input events (no usable keydown).
EMSCRIPTEN_KEEPALIVE void portal_on_key_tap(int which) {
  const int k = which == wp::key_tap::kBackspace ? ImGuiKey_Backspace
                : which == wp::key_tap::kEnter   ? ImGuiKey_Enter
                                                 : -1;
  if (k < 0) return;
  pp::push_key(k, true);
  pp::push_key(k, false);
}

EMSCRIPTEN_KEEPALIVE void portal_on_focus(int focused) {
  if (!focused) pp::release_everything();
  pp::push({EventType::Focus, 0, 0, 0, focused != 0, {}});
}

EMSCRIPTEN_KEEPALIVE void portal_on_context(int lost) {
  pp::State& s = pp::st();
  if (lost) {
    s.gl_lost = true;
    return;
  }
  s.gl_lost = false;
  emscripten_webgl_make_context_current(s.gl);
  // Every GL object died with the context: restart the backend (it also remembers its buffer
  // sizes, which must start from zero again) and rebuild the font texture.
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplOpenGL3_Init("#version 300 es");
  s.font_texture = 0;
  s.font_scale = 0;  // rebuilds the atlas pixels (they were released after the upload)
  pp::build_fonts();
  pp::create_device_objects();
  pp::after_input();
}

EMSCRIPTEN_KEEPALIVE void portal_pump() { pp::pump(); }

// IM_ASSERT (platform/imgui_config.h): report and abort; the page shows "Something went wrong".
[[noreturn]] void portal_imgui_assert_failed(const char* file, int line) {
  std::fprintf(stderr, "ImGui assertion failed: %s:%d\n", file, line);
  std::abort();
}
EMSCRIPTEN_KEEPALIVE void portal_request_frame() { pp::after_input(); }
EMSCRIPTEN_KEEPALIVE void portal_test_draw(int on) {
  pp::st().draw = on != 0;
  if (on) pp::request_frame();  // one frame draws what the undrawn frames settled on
}
EMSCRIPTEN_KEEPALIVE int portal_want_text_input() { return pp::text_field_active() ? 1 : 0; }

}  // extern "C"
