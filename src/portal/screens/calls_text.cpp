// Small pieces shared by the Calls screen's files (see calls_parts.h).
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "screens/calls_parts.h"
#include "time/iso8601.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"

namespace portal::screens::calls {

using i18n::tr;

std::string str(const json& j, const char* key, const std::string& fallback) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return fallback;
}

const json& items(const json& j, const char* key) {
  static const json empty = json::array();
  if (j.is_object() && j.contains(key) && j[key].is_array()) return j[key];
  return empty;
}

// ---- time --------------------------------------------------------------------------------------

std::int64_t local_day(Instant t) { return floor_div(t + client::browser_utc_offset(t), kSecondsPerDay); }

Instant local_midnight(std::int64_t day) {
  // The offset at midnight may differ from the one a few hours away (DST): settle it twice.
  const Instant wall = day * kSecondsPerDay;
  Instant t = wall - client::browser_utc_offset(wall);
  t = wall - client::browser_utc_offset(t);
  return t;
}

std::int64_t monday_of(std::int64_t day) { return day - weekday_from_days(day); }

std::string day_text(std::int64_t day, bool weekday) {
  return format_local_date(civil_from_days(day), i18n::format(), weekday);
}

std::string week_text(std::int64_t monday) {
  const CivilDate a = civil_from_days(monday), b = civil_from_days(monday + 6);
  const LocaleFormat& f = i18n::format();
  std::string first = a.month == b.month ? std::to_string(a.day) : format_local_date(a, f, false);
  if (a.year != b.year) first += " " + std::to_string(a.year) + f.year_suffix;
  return first + " – " + format_local_date(b, f, false) + " " + std::to_string(b.year) + f.year_suffix;
}

std::string iso(Instant t) { return format_instant(t); }

// ---- words -------------------------------------------------------------------------------------

const char* const kTopics[3] = {"support", "training", "analysis"};

namespace {
// A translation, or the fallback when the key is unknown (tr() hands back the key).
std::string tr_or(const std::string& key, const std::string& fallback) {
  const char* t = tr(key.c_str());
  return key == t ? fallback : std::string(t);
}
}  // namespace

std::string topic_name(const std::string& topic) { return tr_or("calls.topic." + topic, topic); }
std::string tier_name(const std::string& tier) { return tr_or("tier." + tier, tier); }
std::string offer_name(const json& offer) { return tr_or("offer." + str(offer, "id"), str(offer, "name")); }

std::string money(const json& price) {
  if (!price.is_object()) return {};
  return format_money(price.value("amount_cents", std::int64_t{0}), price.value("currency", std::string("EUR")),
                      i18n::format());
}

std::string with_id(const std::string& label, const std::string& id) { return label + "##" + id; }

std::string first_name(const std::string& full) {
  const auto sp = full.find(' ');
  return sp == std::string::npos ? full : full.substr(0, sp);
}

// ---- pieces ------------------------------------------------------------------------------------

ImU32 with_alpha(ImU32 c, unsigned a) { return (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT); }

void text(ui::Font font, ImU32 color, const std::string& s, bool wrap) {
  ui::FontScope f(font);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
  if (wrap) ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(s.c_str());
  if (wrap) ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void icon_tile(const char* ic, ImU32 fg, ImU32 bg, float size) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImVec2 pos = window->DC.CursorPos;
  window->DrawList->AddRectFilled(pos, pos + ImVec2(size, size), ImGui::GetColorU32(bg), 10);
  ImFont* f = ui::font(ui::Font::Heading);
  const float fs = ui::font(ui::Font::Body)->FontSize * 1.2f * ImGui::GetIO().FontGlobalScale;
  const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, ic);
  window->DrawList->AddText(f, fs, pos + (ImVec2(size, size) - ts) * 0.5f, ImGui::GetColorU32(fg), ic);
  ImGui::Dummy(ImVec2(size, size));
}

void note(Note kind, const std::string& s, const std::function<void()>& body) {
  const ui::Palette& p = ui::palette();
  ImU32 fg = p.brand, bg = p.brand_soft;
  const char* ic = icon::kInfo;
  switch (kind) {
    case Note::Info: break;
    case Note::Success: fg = p.success; bg = p.success_soft; ic = icon::kCheckCircle; break;
    case Note::Warning: fg = p.warning; bg = with_alpha(p.warning, 28); ic = icon::kWarning; break;
    case Note::Danger: fg = p.danger; bg = p.danger_soft; ic = icon::kWarning; break;
  }
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* dl = window->DrawList;
  ImDrawListSplitter split;
  split.Split(dl, 2);
  split.SetCurrentChannel(dl, 1);
  const float pad = 12;
  const ImVec2 start = window->DC.CursorPos;
  const float right = ImGui::GetContentRegionMaxAbs().x;
  window->DC.CursorPos += ImVec2(pad + 4, pad);
  ImGui::BeginGroup();
  const float work_max = window->WorkRect.Max.x, content_max = window->ContentRegionRect.Max.x;
  window->WorkRect.Max.x -= pad;
  window->ContentRegionRect.Max.x -= pad;
  {
    ui::FontScope f(ui::Font::Body);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(fg));
    ImGui::TextUnformatted(ic);
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 8);
  }
  ImGui::BeginGroup();
  text(ui::Font::Body, p.text, s);
  ImGui::EndGroup();
  if (body) {
    ui::gap(2);
    body();
  }
  window->WorkRect.Max.x = work_max;
  window->ContentRegionRect.Max.x = content_max;
  ImGui::EndGroup();
  const ImRect rect(start, ImVec2(right, ImGui::GetItemRectMax().y + pad));
  split.SetCurrentChannel(dl, 0);
  dl->AddRectFilled(rect.Min, rect.Max, ImGui::GetColorU32(bg), 10);
  dl->AddRectFilled(rect.Min, ImVec2(rect.Min.x + 4, rect.Max.y), ImGui::GetColorU32(fg), 10,
                    ImDrawFlags_RoundCornersLeft);
  split.Merge(dl);
  ImGui::SetCursorScreenPos(ImVec2(start.x, rect.Max.y));
  ImGui::Dummy(ImVec2(rect.GetWidth(), 0));
}

bool slot_button(const std::string& label, float width) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const ui::Palette& p = ui::palette();
  ui::FontScope f(ui::Font::Strong);
  const ImGuiID id = window->GetID(label.c_str());
  const std::string shown = label.substr(0, label.find("##"));
  const ImVec2 ts = ImGui::CalcTextSize(shown.c_str());
  const float w = width < 0 ? ImGui::GetContentRegionAvail().x : width > 0 ? width : ts.x + 28;
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, pos + ImVec2(w, ts.y + 16));
  ImGui::ItemSize(bb);
  if (!ImGui::ItemAdd(bb, id)) return false;
  bool hovered = false, held = false;
  const bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = window->DrawList;
  const ImU32 fill = held ? p.brand : hovered ? p.brand_soft : p.surface;
  dl->AddRectFilled(bb.Min, bb.Max, ImGui::GetColorU32(fill), 8);
  dl->AddRect(bb.Min, bb.Max, ImGui::GetColorU32(hovered || held ? p.brand : with_alpha(p.brand, 90)), 8, 0, 1.2f);
  dl->AddText(bb.Min + (bb.GetSize() - ts) * 0.5f, ImGui::GetColorU32(held ? p.on_brand : p.brand), shown.c_str());
  ImGui::RenderNavHighlight(bb, id);
  test_hooks::register_item(id, label.c_str());
  return pressed;
}

void wrap_before(float width) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->DC.CursorPos.x + width > ImGui::GetContentRegionMaxAbs().x + 0.5f) ImGui::NewLine();
}

}  // namespace portal::screens::calls
