#include "ui/theme.h"

#include "ui/emoji.h"
#include "ui/fonts_embedded.h"

extern "C" int portal_js_prefers_dark();

namespace portal::ui {
namespace {

constexpr ImU32 rgb(unsigned hex, unsigned alpha = 255) {
  return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

constexpr Palette kLight = {
    .bg = rgb(0xF4F5F9),
    .surface = rgb(0xFFFFFF),
    .surface_alt = rgb(0xF1F3F7),
    .surface_press = rgb(0xE6E9F0),
    .border = rgb(0xE3E6EC),
    .text = rgb(0x111827),
    .text_muted = rgb(0x5B6474),
    .brand = rgb(0x4F46E5),
    .brand_hover = rgb(0x4338CA),
    .brand_press = rgb(0x3730A3),
    .brand_soft = rgb(0xEEF0FF),
    .on_brand = rgb(0xFFFFFF),
    .danger = rgb(0xB91C1C),
    .danger_soft = rgb(0xFEF2F2),
    .success = rgb(0x047857),
    .success_soft = rgb(0xECFDF5),
    .warning = rgb(0xB45309),
    .shadow = rgb(0x1F2937, 10),
    .scrim = rgb(0x0F172A, 110),
};

constexpr Palette kDark = {
    .bg = rgb(0x0E1117),
    .surface = rgb(0x171B24),
    .surface_alt = rgb(0x202633),
    .surface_press = rgb(0x2A3140),
    .border = rgb(0x2A3040),
    .text = rgb(0xE8EAF0),
    .text_muted = rgb(0x9AA3B5),
    .brand = rgb(0x6366F1),
    .brand_hover = rgb(0x7376F4),
    .brand_press = rgb(0x5153D8),
    .brand_soft = rgb(0x6366F1, 40),
    .on_brand = rgb(0xFFFFFF),
    .danger = rgb(0xF87171),
    .danger_soft = rgb(0x3B1518),
    .success = rgb(0x34D399),
    .success_soft = rgb(0x0F2E25),
    .warning = rgb(0xFBBF24),
    .shadow = rgb(0x000000, 40),
    .scrim = rgb(0x000000, 150),
};

Theme g_theme = Theme::Light;
ImFont* g_fonts[5] = {};

ImVec4 v4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

// Text: Latin, Latin-1, Russian and Bulgarian Cyrillic, dashes, quotes, bullet, ellipsis,
// € ₽ № ™ − ← ↑ → ↓ ✓ ✕. The same set is kept by scripts/subset-fonts.
constexpr ImWchar kTextRanges[] = {0x0020, 0x007E, 0x00A0, 0x00FF, 0x0400, 0x045F, 0x2010, 0x2027, 0x2030, 0x2030,
                                   0x2039, 0x203A, 0x20AC, 0x20AC, 0x20BD, 0x20BD, 0x2116, 0x2116, 0x2122, 0x2122,
                                   0x2190, 0x2193, 0x2212, 0x2212, 0x2713, 0x2713, 0x2715, 0x2715, 0};
constexpr ImWchar kIconRanges[] = {0xF000, 0xF2FF, 0};

// ImGui reads font data in place (FontDataOwnedByAtlas = false): the blobs live in the wasm.
ImFont* add_blob(ImFontAtlas& atlas, fonts::Blob blob, float px, const ImFontConfig& cfg, const ImWchar* ranges) {
  if (!blob.data || blob.size == 0) return nullptr;
  ImFontConfig c = cfg;
  c.FontDataOwnedByAtlas = false;
  return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(blob.data), static_cast<int>(blob.size), px, &c, ranges);
}

ImFont* add_font(ImFontAtlas& atlas, fonts::Blob data, float px, float scale, bool with_icons) {
  ImFontConfig cfg;
  cfg.OversampleH = scale < 1.5f ? 2 : 1;  // sharp enough at HiDPI without oversampling
  cfg.OversampleV = 1;
  ImFont* font = add_blob(atlas, data, px * scale, cfg, kTextRanges);
  if (with_icons && font) {
    ImFontConfig icons;
    icons.MergeMode = true;
    icons.OversampleH = cfg.OversampleH;
    icons.OversampleV = 1;
    icons.PixelSnapH = true;
    icons.GlyphMinAdvanceX = px * scale * 1.25f;  // fixed-width icons line up in lists
    icons.GlyphOffset = ImVec2(0, px * scale * 0.06f);
    add_blob(atlas, fonts::icons(), px * scale * 0.92f, icons, kIconRanges);
  }
  emoji::merge_into(atlas, font, px * scale);  // none until text on screen needs some
  return font;
}

void apply_style() {
  const Palette& p = palette();
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  s.WindowPadding = ImVec2(0, 0);
  s.WindowRounding = 0;
  s.WindowBorderSize = 0;
  s.ChildRounding = 12;
  s.ChildBorderSize = 0;
  s.PopupRounding = 10;
  s.PopupBorderSize = 1;
  s.FramePadding = ImVec2(12, 10);
  s.FrameRounding = 8;
  s.FrameBorderSize = 1;
  s.ItemSpacing = ImVec2(space::md, space::md);
  s.ItemInnerSpacing = ImVec2(space::sm, space::sm);
  s.IndentSpacing = 20;
  s.ScrollbarSize = 10;
  s.ScrollbarRounding = 8;
  s.GrabMinSize = 24;
  s.GrabRounding = 6;
  s.TabRounding = 8;
  s.SelectableTextAlign = ImVec2(0, 0.5f);
  s.DisplaySafeAreaPadding = ImVec2(0, 0);
  s.AntiAliasedLinesUseTex = true;

  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = v4(p.text);
  c[ImGuiCol_TextDisabled] = v4(p.text_muted);
  c[ImGuiCol_WindowBg] = v4(p.bg);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = v4(p.surface);
  c[ImGuiCol_Border] = v4(p.border);
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = v4(g_theme == Theme::Light ? p.surface : p.bg);
  c[ImGuiCol_FrameBgHovered] = v4(g_theme == Theme::Light ? rgb(0xFAFBFC) : rgb(0x121620));
  c[ImGuiCol_FrameBgActive] = c[ImGuiCol_FrameBg];
  c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = c[ImGuiCol_TitleBgCollapsed] = v4(p.surface);
  c[ImGuiCol_MenuBarBg] = v4(p.surface);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = v4(g_theme == Theme::Light ? rgb(0xC5CAD3) : rgb(0x3A4254));
  c[ImGuiCol_ScrollbarGrabHovered] = v4(g_theme == Theme::Light ? rgb(0xA9B0BC) : rgb(0x4A5368));
  c[ImGuiCol_ScrollbarGrabActive] = v4(p.brand);
  c[ImGuiCol_CheckMark] = v4(p.brand);
  c[ImGuiCol_SliderGrab] = v4(p.brand);
  c[ImGuiCol_SliderGrabActive] = v4(p.brand_press);
  c[ImGuiCol_Button] = v4(p.surface_alt);
  c[ImGuiCol_ButtonHovered] = v4(p.surface_press);
  c[ImGuiCol_ButtonActive] = v4(p.surface_press);
  c[ImGuiCol_Header] = v4(p.brand_soft);
  c[ImGuiCol_HeaderHovered] = v4(p.surface_alt);
  c[ImGuiCol_HeaderActive] = v4(p.surface_press);
  c[ImGuiCol_Separator] = c[ImGuiCol_SeparatorHovered] = c[ImGuiCol_SeparatorActive] = v4(p.border);
  c[ImGuiCol_ResizeGrip] = c[ImGuiCol_ResizeGripHovered] = c[ImGuiCol_ResizeGripActive] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Tab] = v4(p.surface_alt);
  c[ImGuiCol_TabHovered] = v4(p.brand_soft);
  c[ImGuiCol_TabActive] = v4(p.surface);
  c[ImGuiCol_TabUnfocused] = c[ImGuiCol_Tab];
  c[ImGuiCol_TabUnfocusedActive] = c[ImGuiCol_TabActive];
  c[ImGuiCol_TableHeaderBg] = v4(p.surface_alt);
  c[ImGuiCol_TableBorderStrong] = c[ImGuiCol_TableBorderLight] = v4(p.border);
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = v4(p.surface_alt);
  c[ImGuiCol_TextSelectedBg] = v4((p.brand & 0x00FFFFFFu) | (90u << IM_COL32_A_SHIFT));
  c[ImGuiCol_DragDropTarget] = v4(p.brand);
  c[ImGuiCol_NavHighlight] = v4(p.brand);
  c[ImGuiCol_NavWindowingHighlight] = v4(p.brand);
  c[ImGuiCol_NavWindowingDimBg] = c[ImGuiCol_ModalWindowDimBg] = v4(p.scrim);
}

}  // namespace

void set_theme(Theme t) {
  g_theme = t;
  apply_style();
}

Theme theme() { return g_theme; }
const Palette& palette() { return g_theme == Theme::Light ? kLight : kDark; }

ImFont* font(Font role) {
  ImFont* f = g_fonts[static_cast<int>(role)];
  return f ? f : ImGui::GetFont();
}

void build_fonts(ImFontAtlas& atlas, float scale) {
  atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;
  const fonts::Blob regular = fonts::inter_regular(), semibold = fonts::inter_semibold();
  g_fonts[static_cast<int>(Font::Body)] = add_font(atlas, regular, 16, scale, true);
  g_fonts[static_cast<int>(Font::Small)] = add_font(atlas, regular, 13, scale, true);
  g_fonts[static_cast<int>(Font::Strong)] = add_font(atlas, semibold, 16, scale, true);
  g_fonts[static_cast<int>(Font::Heading)] = add_font(atlas, semibold, 22, scale, true);
  g_fonts[static_cast<int>(Font::Title)] = add_font(atlas, semibold, 28, scale, true);
  ImGui::GetIO().FontDefault = g_fonts[static_cast<int>(Font::Body)];
}

bool system_prefers_dark() { return portal_js_prefers_dark() != 0; }

}  // namespace portal::ui
