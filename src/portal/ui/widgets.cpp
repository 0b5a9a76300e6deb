#include "ui/widgets.h"

#include "platform/web_platform.h"
#include "ui/a11y.h"
#include "ui/icons.h"
#include "ui/layout.h"
#include "ui/test_hooks.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <memory>
#include <string>
#include <vector>

namespace portal::ui {

ImU32 with_alpha(ImU32 c, unsigned a) { return (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT); }

namespace {

ImU32 col(ImU32 c) { return ImGui::GetColorU32(c); }  // applies style alpha (disabled items)

void report(ImGuiID id, const char* label) {
  ImGuiContext& g = *GImGui;
  IMGUI_TEST_ENGINE_ITEM_INFO(id, label, g.LastItemData.StatusFlags);
}

float control_height() { return platform::touch_mode() ? 44.0f : 40.0f; }

// ---- cards ----
struct CardFrame {
  ImDrawListSplitter* splitter;
  ImVec2 start;
  float right;
  float pad;
  ColumnEdges column;
  bool pushed_id;
};
std::vector<std::unique_ptr<ImDrawListSplitter>> g_splitters;
std::vector<CardFrame> g_cards;
ImRect g_last_card;

// ---- shell ----
struct ShellFrame {
  ColumnEdges column;
  float pad_x = 0, pad_y = 0;
  bool active = false;
  bool had_scrollbar = false;  // the content window's, last frame
};
ShellFrame g_shell;

// ---- banner and toasts ----
struct Banner {
  bool visible = false;
  std::string message;
  std::function<void()> on_retry;
};
Banner g_banner;

struct Toast {
  std::string text;
  ToastKind kind;
  double expires_ms;
};
std::vector<Toast> g_toasts;

bool nav_row(const NavItem& item, bool selected) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const Palette& p = palette();
  const ImGuiID id = window->GetID(item.id);
  const float h = platform::touch_mode() ? 48.0f : 42.0f;
  const ImVec2 pos = window->DC.CursorPos;
  const float w = ImGui::GetContentRegionMaxAbs().x - pos.x;
  const ImRect bb(pos, ImVec2(pos.x + w, pos.y + h));
  ImGui::ItemSize(bb.GetSize());
  if (!ImGui::ItemAdd(bb, id)) return false;
  bool hovered = false, held = false;
  const bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = window->DrawList;
  if (selected || hovered) dl->AddRectFilled(bb.Min, bb.Max, col(selected ? p.brand_soft : p.surface_alt), 8);
  if (selected) dl->AddRectFilled(bb.Min + ImVec2(0, 10), ImVec2(bb.Min.x + 3, bb.Max.y - 10), col(p.brand), 2);
  ImGui::RenderNavHighlight(bb, id);
  ImFont* f = font(selected ? Font::Strong : Font::Body);
  const float size = f->FontSize * ImGui::GetIO().FontGlobalScale;
  const ImU32 c = col(selected ? p.brand : p.text);
  const float ty = bb.Min.y + (h - size) * 0.5f;
  dl->AddText(f, size, ImVec2(bb.Min.x + 14, ty), col(selected ? p.brand : p.text_muted), item.icon);
  dl->AddText(f, size, ImVec2(bb.Min.x + 14 + size * 1.25f + 12, ty), c, item.label);
  std::string key = std::string(item.label) + "##nav-" + item.id;
  test_hooks::register_item(id, key.c_str());
  a11y::role(id, a11y::Role::Link);
  if (selected) a11y::current(id);
  return pressed;
}

void brand_block(const char* product) {
  const Palette& p = palette();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* dl = window->DrawList;
  const ImVec2 pos = window->DC.CursorPos;
  const float s = 32;
  dl->AddRectFilled(pos, pos + ImVec2(s, s), col(p.brand), 9);
  ImFont* f = font(Font::Strong);
  const float fs = f->FontSize * ImGui::GetIO().FontGlobalScale;
  const ImVec2 isz = f->CalcTextSizeA(fs, FLT_MAX, 0, icon::kLifeRing);
  dl->AddText(f, fs, pos + ImVec2((s - isz.x) * 0.5f, (s - fs) * 0.5f), col(p.on_brand), icon::kLifeRing);
  ImFont* hf = font(Font::Heading);
  const float hs = 19;
  dl->AddText(hf, hs, pos + ImVec2(s + 12, (s - hs) * 0.5f), col(p.text), product);
  ImGui::Dummy(ImVec2(s, s));
  a11y::text(a11y::Role::Text, product);
}

void draw_nav(const ShellConfig& cfg, bool in_drawer) {
  for (int i = 0; i < cfg.count; i++) {
    const bool selected = cfg.selected && *cfg.selected == i;
    if (nav_row(cfg.items[i], selected) && cfg.selected) {
      *cfg.selected = i;
      if (in_drawer) ImGui::CloseCurrentPopup();
    }
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + 4);
  }
}

// The navigation's body: brand, entries, footer pinned to the bottom when there is room.
void nav_panel(const ShellConfig& cfg, float height, bool in_drawer) {
  const float pad = 16;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  window->DC.CursorPos += ImVec2(pad, pad + 4);
  ImGui::BeginGroup();
  ColumnEdges column;
  column.push(pad);
  brand_block(cfg.product);
  gap(14);
  draw_nav(cfg, in_drawer);
  if (cfg.nav_footer) {
    // Measured last frame; pins the footer to the bottom.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID key = ImGui::GetID("##footer-height");
    const float footer_h = storage->GetFloat(key, 0);
    const float y = window->Pos.y + height - pad - footer_h;
    if (y > window->DC.CursorPos.y) window->DC.CursorPos.y = y;
    const float top = window->DC.CursorPos.y;
    ImGui::BeginGroup();
    cfg.nav_footer();
    ImGui::EndGroup();
    const float measured = ImGui::GetItemRectMax().y - top;
    if (measured != footer_h) {
      storage->SetFloat(key, measured);
      platform::request_frame();
    }
  }
  column.pop();
  ImGui::EndGroup();
}

void draw_banner() {
  if (!g_banner.visible) return;
  const Palette& p = palette();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* dl = window->DrawList;
  const bool wide = wide_layout();
  const float pad = 12;
  const char* retry_label = "Retry##banner-retry";
  const bool has_retry = static_cast<bool>(g_banner.on_retry);
  const float retry_w = has_retry ? button_width(retry_label, icon::kRefresh) : 0.0f;
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  const ImVec2 start = window->DC.CursorPos;
  const float right = ImGui::GetContentRegionMaxAbs().x;
  // Wide: text vertically centred on the Retry button at the right end; narrow: button below.
  const float text_dy = wide && has_retry ? (control_height() - ImGui::GetTextLineHeight()) * 0.5f : 4.0f;
  window->DC.CursorPos += ImVec2(pad + 4, pad + text_dy);
  ImGui::BeginGroup();
  ColumnEdges column;
  column.push(pad + 4 + (wide && has_retry ? retry_w + 16 : 0.0f));
  {
    FontScope f(Font::Strong);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.danger));
    ImGui::TextUnformatted(icon::kWarning);
    ImGui::PopStyleColor();
  }
  ImGui::SameLine(0, 12);
  ImGui::BeginGroup();  // wrapped lines align after the icon
  body(g_banner.message.c_str());
  ImGui::EndGroup();
  column.pop();
  bool retry = false;
  if (has_retry) {
    if (wide) ImGui::SetCursorScreenPos(ImVec2(right - pad - retry_w, start.y + pad));
    else ImGui::SetCursorScreenPos(ImVec2(start.x + pad + 4 + 28, ImGui::GetCursorScreenPos().y));
    retry = button(retry_label, icon::kRefresh, ButtonStyle::Secondary);
  }
  ImGui::EndGroup();
  const ImRect rect(start, ImVec2(right, ImGui::GetItemRectMax().y + (wide && has_retry ? pad : pad + 4)));
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(rect.Min, rect.Max, col(p.danger_soft), 10);
  dl->AddRect(rect.Min, rect.Max, col(with_alpha(p.danger, 70)), 10);
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(start.x, rect.Max.y));
  ImGui::Dummy(ImVec2(rect.GetWidth(), 0));
  if (retry) {
    auto cb = std::move(g_banner.on_retry);
    clear_error_banner();
    if (cb) cb();
  }
}

void draw_toasts() {
  const double now = platform::now_ms();
  g_toasts.erase(
      std::remove_if(g_toasts.begin(), g_toasts.end(), [now](const Toast& t) { return t.expires_ms <= now; }),
      g_toasts.end());
  std::vector<std::string> texts;
  if (g_toasts.empty()) {
    test_hooks::set_toasts({});
    return;
  }
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  ImFont* f = font(Font::Body);
  const float fs = f->FontSize * ImGui::GetIO().FontGlobalScale;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  float y = display.y - 24;
  double next = DBL_MAX;
  for (auto it = g_toasts.rbegin(); it != g_toasts.rend(); ++it) {
    const char* ic = it->kind == ToastKind::Success ? icon::kCheckCircle
                     : it->kind == ToastKind::Error ? icon::kWarning
                                                    : icon::kInfo;
    // Toasts are inverted (dark on a light page): icon colours suit the inverted surface.
    const bool light = theme() == Theme::Light;
    const ImU32 ic_col = it->kind == ToastKind::Success ? (light ? IM_COL32(52, 211, 153, 255) : p.success)
                         : it->kind == ToastKind::Error ? (light ? IM_COL32(248, 113, 113, 255) : p.danger)
                                                        : (light ? IM_COL32(165, 180, 252, 255) : p.brand);
    const float max_w = std::min(display.x - 32, 520.0f);
    const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, max_w - 72, it->text.c_str());
    const float w = std::min(max_w, ts.x + 72), h = ts.y + 28;
    const ImVec2 min((display.x - w) * 0.5f, y - h);
    const ImU32 bg = light ? IM_COL32(17, 24, 39, 245) : IM_COL32(236, 238, 244, 245);
    const ImU32 fg = light ? IM_COL32(255, 255, 255, 255) : IM_COL32(17, 24, 39, 255);
    dl->AddRectFilled(min + ImVec2(0, 4), min + ImVec2(w, h + 4), p.shadow, 12);
    dl->AddRectFilled(min, min + ImVec2(w, h), bg, 12);
    dl->AddText(f, fs, min + ImVec2(20, 14), ic_col, ic);
    dl->AddText(f, fs, min + ImVec2(52, 14), fg, it->text.c_str(), nullptr, max_w - 72);
    y -= h + 10;
    next = std::min(next, it->expires_ms);
    texts.push_back(it->text);
  }
  std::reverse(texts.begin(), texts.end());
  test_hooks::set_toasts(std::move(texts));
  platform::request_frame_in(next - now + 5);
}

}  // namespace

bool wide_layout() { return ImGui::GetIO().DisplaySize.x >= kWideLayoutMin; }

// ---- shell -------------------------------------------------------------------------------------
void begin_shell(const ShellConfig& cfg) {
  const Palette& p = palette();
  const ImGuiIO& io = ImGui::GetIO();
  const bool wide = wide_layout();
  constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("##root", nullptr, kPanel | ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* dl = ImGui::GetWindowDrawList();

  float top = 0;
  if (wide) {
    const float nav_w = 256;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(p.surface));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
    ImGui::BeginChild("##nav", ImVec2(nav_w, io.DisplaySize.y), false, ImGuiWindowFlags_NoScrollbar);
    nav_panel(cfg, io.DisplaySize.y, false);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    dl->AddLine(ImVec2(nav_w - 0.5f, 0), ImVec2(nav_w - 0.5f, io.DisplaySize.y), col(p.border));
    ImGui::SameLine(0, 0);
  } else {
    const float bar_h = 56;
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(io.DisplaySize.x, bar_h), col(p.surface));
    dl->AddLine(ImVec2(0, bar_h - 0.5f), ImVec2(io.DisplaySize.x, bar_h - 0.5f), col(p.border));
    ImGui::SetCursorPos(ImVec2(8, 8));
    if (icon_button(icon::kBars, "Menu")) ImGui::OpenPopup("##drawer");
    ImGui::SameLine(0, 8);
    {
      FontScope f(Font::Heading);
      ImGui::SetCursorPosY((bar_h - ImGui::GetFontSize()) * 0.5f);
      ImGui::TextUnformatted(cfg.product);
    }
    if (cfg.top_bar_actions) {
      // Right-aligned: measured last frame.
      ImGuiStorage* storage = ImGui::GetStateStorage();
      const ImGuiID key = ImGui::GetID("##topbar-actions");
      const float w = storage->GetFloat(key, 0);
      ImGui::SetCursorPos(ImVec2(io.DisplaySize.x - 8 - w, 8));
      const float x0 = ImGui::GetCursorScreenPos().x;
      ImGui::BeginGroup();
      cfg.top_bar_actions();
      ImGui::EndGroup();
      const float measured = ImGui::GetItemRectMax().x - x0;
      if (measured != w) {
        storage->SetFloat(key, measured);
        platform::request_frame();
      }
    }
    top = bar_h;

    // The drawer: a full-screen popup, scrim plus a panel; closes on a tap outside or Escape.
    const float drawer_w = std::min(300.0f, io.DisplaySize.x * 0.86f);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleColor(ImGuiCol_PopupBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_PopupBorderSize, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    // Not kPanel: NoBringToFrontOnFocus would put the popup behind the content window.
    if (ImGui::BeginPopup("##drawer",
                          ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
      ImDrawList* pdl = ImGui::GetWindowDrawList();
      pdl->AddRectFilled(ImVec2(0, 0), io.DisplaySize, col(p.scrim));
      pdl->AddRectFilled(ImVec2(0, 0), ImVec2(drawer_w, io.DisplaySize.y), col(p.surface));
      ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
      ImGui::BeginChild("##drawer-panel", ImVec2(drawer_w, io.DisplaySize.y), false, ImGuiWindowFlags_NoScrollbar);
      nav_panel(cfg, io.DisplaySize.y, true);
      ImGui::EndChild();
      ImGui::PopStyleVar();
      if (ImGui::IsMouseReleased(0) && io.MousePos.x > drawer_w && ImGui::IsWindowHovered()) ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
    }
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor();
    ImGui::SetCursorPos(ImVec2(0, top));
  }

  // Centred content column.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float avail_w = io.DisplaySize.x - origin.x;
  const float inner_w = avail_w - (g_shell.had_scrollbar ? ImGui::GetStyle().ScrollbarSize : 0.0f);
  const float pad_x = wide ? 40.0f : 16.0f;
  const float col_w = std::min(cfg.content_max_width, inner_w - 2 * pad_x);
  const float left = std::max(pad_x, (inner_w - col_w) * 0.5f);
  const float right_inset = avail_w - left - col_w;          // in the root window (banner)
  const float content_right_inset = inner_w - left - col_w;  // in the content window

  // The banner sits above the scrolling area, always visible.
  if (g_banner.visible) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + left, origin.y + (wide ? 24.0f : 12.0f)));
    ColumnEdges banner_col;
    banner_col.push(right_inset);
    draw_banner();
    banner_col.pop();
    ImGui::SetCursorScreenPos(ImVec2(origin.x, ImGui::GetItemRectMax().y + 4));
  }
  test_hooks::set_errors(g_banner.visible ? std::vector<std::string>{g_banner.message} : std::vector<std::string>{});

  const ImVec2 content_pos = ImGui::GetCursorScreenPos();
  // Phones scroll by dragging: a slim scrollbar is only an indicator there.
  ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, platform::touch_mode() ? 4.0f : 10.0f);
  ImGui::BeginChild("##content", ImVec2(avail_w, io.DisplaySize.y - content_pos.y), false, 0);
  ImGui::PopStyleVar();
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  w->DC.CursorPos.x += left;
  w->DC.Indent.x += left;
  w->DC.CursorPos.y += g_banner.visible ? 12.0f : wide ? 36.0f : 20.0f;
  g_shell.column.push(content_right_inset);
  g_shell.pad_x = left;
  g_shell.pad_y = wide ? 48.0f : 24.0f;
  g_shell.active = true;
}

void end_shell() {
  if (!g_shell.active) return;
  ImGui::Dummy(ImVec2(0, g_shell.pad_y));
  g_shell.column.pop();
  const bool scrollbar = ImGui::GetCurrentWindow()->ScrollbarY;
  if (scrollbar != g_shell.had_scrollbar) {
    g_shell.had_scrollbar = scrollbar;
    platform::request_frame();
  }
  ImGui::GetCurrentWindow()->DC.Indent.x -= g_shell.pad_x;
  ImGui::EndChild();
  ImGui::End();
  g_shell.active = false;
  draw_toasts();
}

// ---- cards -------------------------------------------------------------------------------------
void begin_card(const char* id) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const size_t depth = g_cards.size();
  if (g_splitters.size() <= depth) g_splitters.push_back(std::make_unique<ImDrawListSplitter>());
  ImDrawListSplitter* split = g_splitters[depth].get();
  split->Split(window->DrawList, 2);
  split->SetCurrentChannel(window->DrawList, 1);
  if (id) ImGui::PushID(id);
  CardFrame frame{split, window->DC.CursorPos, ImGui::GetContentRegionMaxAbs().x, wide_layout() ? 28.0f : 18.0f,
                  {},    id != nullptr};
  window->DC.CursorPos += ImVec2(frame.pad, frame.pad);
  ImGui::BeginGroup();
  frame.column.push(frame.pad);
  g_cards.push_back(frame);
}

void end_card() {
  IM_ASSERT(!g_cards.empty());
  CardFrame frame = g_cards.back();
  g_cards.pop_back();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  frame.column.pop();
  ImGui::EndGroup();
  const Palette& p = palette();
  const ImRect rect(frame.start, ImVec2(frame.right, ImGui::GetItemRectMax().y + frame.pad));
  g_last_card = rect;
  ImDrawList* dl = window->DrawList;
  frame.splitter->SetCurrentChannel(dl, 0);
  const float r = 14;
  if (theme() == Theme::Light) {
    dl->AddRectFilled(rect.Min + ImVec2(0, 3), rect.Max + ImVec2(0, 3), col(p.shadow), r);
    dl->AddRectFilled(rect.Min + ImVec2(0, 1), rect.Max + ImVec2(0, 1), col(p.shadow), r);
  }
  dl->AddRectFilled(rect.Min, rect.Max, col(p.surface), r);
  dl->AddRect(rect.Min, rect.Max, col(p.border), r);
  frame.splitter->Merge(dl);
  if (frame.pushed_id) ImGui::PopID();
  ImGui::SetCursorScreenPos(ImVec2(frame.start.x, rect.Max.y));
  ImGui::Dummy(ImVec2(rect.GetWidth(), 0));
  gap(4);
}

ImRect last_card_rect() { return g_last_card; }

// ---- text --------------------------------------------------------------------------------------
namespace {
// One run of text in a font and colour, reported to the screen-reader mirror with its role.
void styled_text(Font f, ImU32 color, std::string_view s, bool wrap, a11y::Role role) {
  FontScope fs(f);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
  if (wrap) ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
  a11y::text(role, std::string(s).c_str());
  if (wrap) ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void wrapped(Font f, ImU32 color, const char* text, a11y::Role role) { styled_text(f, color, text, true, role); }
}  // namespace

void title(const char* text) { wrapped(Font::Title, palette().text, text, a11y::Role::Heading1); }
void heading(const char* text) { wrapped(Font::Heading, palette().text, text, a11y::Role::Heading2); }
void label(const char* text) { wrapped(Font::Strong, palette().text, text, a11y::Role::Text); }
void body(const char* text) { wrapped(Font::Body, palette().text, text, a11y::Role::Text); }
void muted(const char* text) { wrapped(Font::Small, palette().text_muted, text, a11y::Role::Text); }
void subtitle(const char* text) { wrapped(Font::Body, palette().text_muted, text, a11y::Role::Text); }

void text(Font font, ImU32 color, std::string_view s, bool wrap) {
  styled_text(font, color, s, wrap, a11y::Role::Text);
}

void icon_text(const char* ic, ImU32 icon_color, std::string_view s, Font font, ImU32 text_color) {
  {
    FontScope f(font);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(icon_color));
    // A fixed-width slot so that texts line up whatever the glyph's width.
    const float slot = ImGui::GetFontSize() * 1.3f;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float w = ImGui::CalcTextSize(ic).x;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + (slot - w) * 0.5f, pos.y));
    ImGui::TextUnformatted(ic);
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 0);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + slot + 6, pos.y));
  }
  ImGui::BeginGroup();
  text(font, text_color ? text_color : palette().text, s);
  ImGui::EndGroup();
}

void icon_tile(const char* ic, ImU32 fg, ImU32 bg, float size) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImVec2 pos = window->DC.CursorPos;
  window->DrawList->AddRectFilled(pos, pos + ImVec2(size, size), col(bg), 10);
  ImFont* f = font(Font::Body);
  const float fs = f->FontSize * ImGui::GetIO().FontGlobalScale;
  const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, ic);
  window->DrawList->AddText(f, fs, pos + (ImVec2(size, size) - ts) * 0.5f, col(fg), ic);
  ImGui::Dummy(ImVec2(size, size));
}

void note(NoteKind kind, std::string_view s, const std::function<void()>& body) {
  const Palette& p = palette();
  ImU32 fg = p.brand, bg = p.brand_soft;
  const char* ic = icon::kInfo;
  switch (kind) {
    case NoteKind::Info: break;
    case NoteKind::Success:
      fg = p.success;
      bg = p.success_soft;
      ic = icon::kCheckCircle;
      break;
    case NoteKind::Warning:
      fg = p.warning;
      bg = with_alpha(p.warning, 28);
      ic = icon::kWarning;
      break;
    case NoteKind::Danger:
      fg = p.danger;
      bg = p.danger_soft;
      ic = icon::kWarning;
      break;
  }
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* dl = window->DrawList;
  ImDrawListSplitter split;  // the box is drawn behind its content once the content's height is known
  split.Split(dl, 2);
  split.SetCurrentChannel(dl, 1);
  const float pad = 12;
  const ImVec2 start = window->DC.CursorPos;
  const float right = ImGui::GetContentRegionMaxAbs().x;
  window->DC.CursorPos += ImVec2(pad, pad);
  ImGui::BeginGroup();
  // Narrow the column for the wrapped text and the caller's content.
  {
    const Column column(Column::Inset{0, pad});
    icon_text(ic, fg, s);
    if (body) {
      gap(2);
      body();
    }
  }
  ImGui::EndGroup();
  const ImRect rect(start, ImVec2(right, ImGui::GetItemRectMax().y + pad));
  split.SetCurrentChannel(dl, 0);
  dl->AddRectFilled(rect.Min, rect.Max, col(bg), 10);
  dl->AddRectFilled(rect.Min, ImVec2(rect.Min.x + 4, rect.Max.y), col(fg), 10, ImDrawFlags_RoundCornersLeft);
  split.Merge(dl);
  ImGui::SetCursorScreenPos(ImVec2(start.x, rect.Max.y));
  ImGui::Dummy(ImVec2(rect.GetWidth(), 0));
}

void wrap_before(float width) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->DC.CursorPos.x + width > ImGui::GetContentRegionMaxAbs().x + 0.5f) ImGui::NewLine();
}

void badge(const char* text, ImU32 text_color, ImU32 fill, bool live) {
  FontScope fs(Font::Small);
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImVec2 ts = ImGui::CalcTextSize(text);
  const ImVec2 pos = window->DC.CursorPos;
  const ImVec2 size(ts.x + 20, ts.y + 8);
  window->DrawList->AddRectFilled(pos, pos + size, col(fill), size.y * 0.5f);
  window->DrawList->AddText(pos + ImVec2(10, 4), col(text_color), text);
  ImGui::Dummy(size);
  a11y::text(live ? a11y::Role::Live : a11y::Role::Text, text);
}

void user_chip(const char* name, const char* detail) {
  const Palette& p = palette();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImVec2 pos = window->DC.CursorPos;
  const float d = 36;
  // Initials of the first two words.
  char initials[8] = {};
  int n = 0;
  bool word_start = true;
  for (const char* c = name; *c && n < 2; c++) {
    if (*c == ' ') {
      word_start = true;
      continue;
    }
    if (word_start) {
      int len = 1;  // copy one UTF-8 character
      const unsigned char b = static_cast<unsigned char>(*c);
      if (b >= 0xF0) len = 4;
      else if (b >= 0xE0) len = 3;
      else if (b >= 0xC0) len = 2;
      const size_t used = std::char_traits<char>::length(initials);
      for (int i = 0; i < len && c[i] && used + static_cast<size_t>(i) < sizeof initials - 1; i++)
        initials[used + static_cast<size_t>(i)] = c[i];
      n++;
      word_start = false;
    }
  }
  window->DrawList->AddCircleFilled(pos + ImVec2(d * 0.5f, d * 0.5f), d * 0.5f, col(p.brand_soft), 32);
  {
    FontScope fs(Font::Strong);
    const ImVec2 ts = ImGui::CalcTextSize(initials);
    window->DrawList->AddText(pos + (ImVec2(d, d) - ts) * 0.5f, col(p.brand), initials);
  }
  ImGui::Dummy(ImVec2(d, d));
  ImGui::SameLine(0, 12);
  ImGui::BeginGroup();
  {
    FontScope fs(Font::Strong);
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(y - 2);
    ImGui::TextUnformatted(name);
    a11y::text(a11y::Role::Text, name);
  }
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + 2);
  {
    FontScope fs(Font::Small);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
    ImGui::TextUnformatted(detail);
    a11y::text(a11y::Role::Text, detail);
    ImGui::PopStyleColor();
  }
  ImGui::EndGroup();
}

void gap(float px) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  window->DC.CursorPos.y += px;
}

void separator() {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImVec2 pos = window->DC.CursorPos;
  const float right = ImGui::GetContentRegionMaxAbs().x;
  window->DrawList->AddLine(ImVec2(pos.x, pos.y + 0.5f), ImVec2(right, pos.y + 0.5f), col(palette().border));
  ImGui::Dummy(ImVec2(right - pos.x, 1));
}

// ---- controls ----------------------------------------------------------------------------------
float button_width(const char* label_text, const char* icon_text) {
  FontScope fs(Font::Strong);
  const char* label_end = ImGui::FindRenderedTextEnd(label_text);
  const float text_w = ImGui::CalcTextSize(label_text, label_end).x;
  const float icon_w = icon_text ? ImGui::CalcTextSize(icon_text).x + (label_end > label_text ? 8.0f : 0.0f) : 0.0f;
  return text_w + icon_w + 36;
}

bool button(const char* label_text, const char* icon_text, ButtonStyle style, float width) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const Palette& p = palette();
  const ImGuiID id = window->GetID(label_text);
  const char* label_end = ImGui::FindRenderedTextEnd(label_text);
  FontScope fs(Font::Strong);
  const float font_size = ImGui::GetFontSize();
  const ImVec2 text_size = ImGui::CalcTextSize(label_text, label_end);
  const float icon_w = icon_text ? ImGui::CalcTextSize(icon_text).x + (label_end > label_text ? 8.0f : 0.0f) : 0.0f;
  const float h = control_height();
  float w = button_width(label_text, icon_text);
  if (width < 0) w = ImGui::GetContentRegionMaxAbs().x - window->DC.CursorPos.x;
  else if (width > 0) w = width;
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, pos + ImVec2(w, h));
  ImGui::ItemSize(bb.GetSize());
  if (!ImGui::ItemAdd(bb, id)) return false;
  bool hovered = false, held = false;
  const bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

  ImU32 fill = 0, text = p.text, border = 0;
  switch (style) {
    case ButtonStyle::Primary:
      fill = held ? p.brand_press : hovered ? p.brand_hover : p.brand;
      text = p.on_brand;
      break;
    case ButtonStyle::Secondary:
      fill = held ? p.surface_press : hovered ? p.surface_alt : p.surface;
      border = p.border;
      break;
    case ButtonStyle::Ghost:
      fill = held ? p.surface_press : hovered ? p.surface_alt : 0;
      text = p.brand;
      break;
    case ButtonStyle::Danger:
      fill = held ? p.surface_press : hovered ? p.danger_soft : p.surface;
      border = with_alpha(p.danger, 110);
      text = p.danger;
      break;
  }
  ImDrawList* dl = window->DrawList;
  if (fill) dl->AddRectFilled(bb.Min, bb.Max, col(fill), 8);
  if (border) dl->AddRect(bb.Min, bb.Max, col(border), 8);
  ImGui::RenderNavHighlight(bb, id);
  const float content_w = text_size.x + icon_w;
  float x = bb.Min.x + std::max(18.0f, (w - content_w) * 0.5f);
  const float y = bb.Min.y + (h - font_size) * 0.5f;
  if (icon_text) {
    dl->AddText(ImVec2(x, y), col(text), icon_text);
    x += icon_w;
  }
  ImGui::PushClipRect(bb.Min, bb.Max, true);
  dl->AddText(ImVec2(x, y), col(text), label_text, label_end);
  ImGui::PopClipRect();
  report(id, label_text);
  return pressed;
}

bool icon_button(const char* icon_text, const char* label_text) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const Palette& p = palette();
  const ImGuiID id = window->GetID(label_text);
  FontScope fs(Font::Body);
  const float s = control_height();
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, pos + ImVec2(s, s));
  ImGui::ItemSize(bb.GetSize());
  if (!ImGui::ItemAdd(bb, id)) return false;
  bool hovered = false, held = false;
  const bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  if (hovered || held) window->DrawList->AddRectFilled(bb.Min, bb.Max, col(held ? p.surface_press : p.surface_alt), 8);
  ImGui::RenderNavHighlight(bb, id);
  const ImVec2 ts = ImGui::CalcTextSize(icon_text);
  window->DrawList->AddText(bb.Min + (bb.GetSize() - ts) * 0.5f, col(p.text), icon_text);
  if (hovered && !platform::touch_mode() && GImGui->HoveredIdTimer > 0.6f) {
    ImGui::SetTooltip("%s", label_text);
  } else if (hovered && !platform::touch_mode()) {
    platform::request_frame_in(650);  // tooltip delay: ask for a frame when it is due
  }
  report(id, label_text);
  return pressed;
}

bool toggle(const char* label_text, bool* value) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const Palette& p = palette();
  const ImGuiID id = window->GetID(label_text);
  const char* label_end = ImGui::FindRenderedTextEnd(label_text);
  const ImVec2 ts = ImGui::CalcTextSize(label_text, label_end);
  const float track_w = 44, track_h = 24;
  const float h = std::max(track_h, ts.y);
  const ImVec2 pos = window->DC.CursorPos;
  const float w = track_w + (ts.x > 0 ? 12 + ts.x : 0);
  const ImRect bb(pos, pos + ImVec2(w, h));
  ImGui::ItemSize(bb.GetSize());
  if (!ImGui::ItemAdd(bb, id)) return false;
  bool hovered = false, held = false;
  const bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
  if (pressed) {
    *value = !*value;
    ImGui::MarkItemEdited(id);
  }
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = window->DrawList;
  const ImVec2 t0(pos.x, pos.y + (h - track_h) * 0.5f);
  dl->AddRectFilled(t0, t0 + ImVec2(track_w, track_h),
                    col(*value ? (hovered ? p.brand_hover : p.brand) : (hovered ? p.surface_press : p.border)),
                    track_h * 0.5f);
  const float knob_x = *value ? t0.x + track_w - track_h * 0.5f : t0.x + track_h * 0.5f;
  dl->AddCircleFilled(ImVec2(knob_x, t0.y + track_h * 0.5f), track_h * 0.5f - 3, col(IM_COL32_WHITE), 24);
  ImGui::RenderNavHighlight(bb, id);
  if (ts.x > 0)
    dl->AddText(ImVec2(pos.x + track_w + 12, pos.y + (h - ts.y) * 0.5f), col(p.text), label_text, label_end);
  ImGuiContext& g = *GImGui;
  IMGUI_TEST_ENGINE_ITEM_INFO(
      id, label_text,
      g.LastItemData.StatusFlags | ImGuiItemStatusFlags_Checkable | (*value ? ImGuiItemStatusFlags_Checked : 0));
  a11y::role(id, a11y::Role::Switch, *value);
  return pressed;
}

bool segmented(const char* id_text, const char* const* options, int count, int* selected) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const Palette& p = palette();
  ImGui::PushID(id_text);
  FontScope fs(Font::Strong);
  const float h = control_height() - 4;
  float total = 8;
  for (int i = 0; i < count; i++) total += ImGui::CalcTextSize(options[i]).x + 28;
  const ImVec2 pos = window->DC.CursorPos;
  ImDrawList* dl = window->DrawList;
  dl->AddRectFilled(pos, pos + ImVec2(total, h), col(p.surface_alt), 10);
  bool changed = false;
  float x = pos.x + 4;
  for (int i = 0; i < count; i++) {
    const float w = ImGui::CalcTextSize(options[i]).x + 28;
    const ImGuiID id = window->GetID(options[i]);
    const ImRect bb(ImVec2(x, pos.y + 4), ImVec2(x + w, pos.y + h - 4));
    if (ImGui::ItemAdd(bb, id)) {
      bool hovered = false, held = false;
      if (ImGui::ButtonBehavior(bb, id, &hovered, &held) && *selected != i) {
        *selected = i;
        changed = true;
      }
      if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      const bool on = *selected == i;
      if (on) {
        dl->AddRectFilled(bb.Min + ImVec2(0, 1), bb.Max + ImVec2(0, 1), col(p.shadow), 8);
        dl->AddRectFilled(bb.Min, bb.Max, col(p.surface), 8);
      }
      ImGui::RenderNavHighlight(bb, id);
      const ImVec2 ts = ImGui::CalcTextSize(options[i]);
      dl->AddText(bb.Min + (bb.GetSize() - ts) * 0.5f, col(on ? p.brand : p.text_muted), options[i]);
      report(id, options[i]);
      a11y::role(id, a11y::Role::Radio, on);
    }
    x += w;
  }
  ImGui::PopID();
  window->DC.CursorPos = pos;
  ImGui::ItemSize(ImVec2(total, h));
  return changed;
}

// ---- feedback ----------------------------------------------------------------------------------
void show_error_banner(std::string message, std::function<void()> on_retry) {
  g_banner.visible = true;
  g_banner.message = std::move(message);
  g_banner.on_retry = std::move(on_retry);
  platform::request_frame();
}

void clear_error_banner() {
  g_banner = Banner{};
  platform::request_frame();
}

bool error_banner_visible() { return g_banner.visible; }

void toast(std::string text, ToastKind kind, double ms) {
  g_toasts.push_back({std::move(text), kind, platform::now_ms() + ms});
  if (g_toasts.size() > 3) g_toasts.erase(g_toasts.begin());
  platform::request_frame();
}

}  // namespace portal::ui
