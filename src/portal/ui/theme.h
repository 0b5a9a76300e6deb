// The portal's look: light and dark palettes around one brand colour, Inter fonts with Font
// Awesome icons merged in, and ImGui style metrics for a roomy, customer-facing layout.
#pragma once

#include <imgui.h>

namespace portal::ui {

enum class Theme { Light, Dark };

enum class Font {
  Body,     // 16 px Inter Regular + icons
  Small,    // 13 px Inter Regular + icons
  Strong,   // 16 px Inter SemiBold + icons (buttons, labels, nav)
  Heading,  // 22 px Inter SemiBold + icons
  Title,    // 28 px Inter SemiBold + icons
};

struct Palette {
  ImU32 bg;           // page background
  ImU32 surface;      // cards, navigation, popups
  ImU32 surface_alt;  // hovered rows, secondary buttons
  ImU32 surface_press;
  ImU32 border;
  ImU32 text;
  ImU32 text_muted;
  ImU32 brand;
  ImU32 brand_hover;
  ImU32 brand_press;
  ImU32 brand_soft;  // selected nav row, badges
  ImU32 on_brand;    // text on brand fills
  ImU32 danger;
  ImU32 danger_soft;
  ImU32 success;
  ImU32 success_soft;
  ImU32 warning;
  ImU32 shadow;
  ImU32 scrim;  // behind the navigation drawer
};

// Spacing scale (CSS px) used by the widgets and screens.
namespace space {
inline constexpr float xs = 4, sm = 8, md = 12, lg = 16, xl = 24, xxl = 32;
}

void set_theme(Theme theme);  // colours + metrics; call once before the first frame
Theme theme();
const Palette& palette();
ImFont* font(Font role);
// Builds the fonts into `atlas` at `scale` device px per CSS px (web_platform's FontBuilder).
void build_fonts(ImFontAtlas& atlas, float scale);
// True when the user's system prefers a dark colour scheme.
bool system_prefers_dark();

struct FontScope {  // RAII PushFont / PopFont
  explicit FontScope(Font role) { ImGui::PushFont(font(role)); }
  ~FontScope() { ImGui::PopFont(); }
  FontScope(const FontScope&) = delete;
  FontScope& operator=(const FontScope&) = delete;
};

}  // namespace portal::ui
