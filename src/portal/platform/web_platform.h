// The portal's browser platform layer: WebGL2 context, DOM input -> Dear ImGui, HiDPI,
// clipboard, IME/on-screen keyboard, and an on-demand frame scheduler.
//
// Frames are drawn only when something changes: the platform renders after every input event
// (plus a few frames for ImGui to settle) and at full rate while the user interacts (button
// held, dragging, key held, touch scrolling). Otherwise the app asks for frames:
//
//   platform::request_frame();              // state changed outside a frame (network reply)
//   platform::request_frame_in(250);        // a timer: redraw in 250 ms
//   platform::request_frame_next_second();  // call each frame while a live countdown is shown
//   platform::keep_animating();             // call each frame while an animation runs
//
// When none of these is pending the page draws nothing at all.
#pragma once

#include <cstdint>
#include <functional>

struct ImFontAtlas;

namespace portal::platform {

struct Options {
  const char* canvas = "#canvas";  // CSS selector of the page's canvas
};

// The app's per-frame UI function: called between ImGui::NewFrame() and ImGui::Render().
using FrameFn = std::function<void()>;
// Builds the font atlas at the given rasterisation scale (device pixels per CSS pixel). Called
// at start and whenever devicePixelRatio changes (browser zoom, moving to another monitor).
using FontBuilder = std::function<void(ImFontAtlas& atlas, float scale)>;

// Creates the WebGL2 context and the ImGui context, installs the DOM glue. False when WebGL2 is
// unavailable (the page then shows its "could not load" message).
bool init(const Options& options = {});
void set_font_builder(FontBuilder builder);
// Builds the atlas again (FontBuilder) before the next frame: new glyphs became available.
void rebuild_fonts();
// Starts rendering on demand; returns at once (the browser's event loop drives everything).
void run(FrameFn frame);

// ---- frame scheduling ------------------------------------------------------------------------
void request_frame();
void request_frame_in(double ms);
void request_frame_next_second();
void keep_animating();
std::uint64_t frames_rendered();
double last_frame_cost_ms();    // time the last frame took (UI + GL submission)
double last_ui_cost_ms();       // the UI part of it (input, screens, ImGui layout and vertices)
struct FrameStats {             // why frames were drawn (tests check the idle behaviour with it)
  std::uint64_t input = 0;      // input events, the settle frames after them, interaction
  std::uint64_t timer = 0;      // request_frame_in / request_frame_next_second
  std::uint64_t request = 0;    // request_frame() from outside a frame
  std::uint64_t animation = 0;  // keep_animating() / request_frame() during a frame
};
FrameStats frame_stats();
void font_atlas_size(int* width, int* height);  // the current font texture, device pixels
float font_atlas_scale();                       // the devicePixelRatio the font atlas was built for (0: not yet)

// ---- environment -----------------------------------------------------------------------------
double now_ms();  // wall clock, ms since the epoch (Date.now())
float device_pixel_ratio();
float width();  // CSS pixels
float height();
bool touch_mode();  // the last pointer used was a finger: bigger targets, OSK
void set_document_title(const char* title);

// ---- assistive technology (ui/a11y) ------------------------------------------------------------
// A left click at (x, y) CSS px, queued like a user's (press, release, then the pointer goes back
// where it was): the screen-reader mirror activates items with it.
void synthetic_click(float x, float y);

}  // namespace portal::platform
