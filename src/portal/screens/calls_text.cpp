// Small pieces shared by the Calls screen's files (see calls_parts.h).
#include <imgui.h>

#include <cstdio>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "screens/calls_parts.h"
#include "time/iso8601.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"

namespace portal::screens::calls {

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

std::string topic_name(const std::string& topic) { return tr_or("calls.topic." + topic, topic); }

std::string first_name(const std::string& full) {
  const auto sp = full.find(' ');
  return sp == std::string::npos ? full : full.substr(0, sp);
}

// ---- pieces ------------------------------------------------------------------------------------

bool slot_button(const std::string& label, float width) {
  const ui::Palette& p = ui::palette();
  ui::FontScope f(ui::Font::Strong);
  const std::string shown = label.substr(0, label.find("##"));
  const ImVec2 ts = ImGui::CalcTextSize(shown.c_str());
  const float w = width < 0 ? ImGui::GetContentRegionAvail().x : width > 0 ? width : ts.x + 28;
  const ImVec2 size(w, ts.y + 16), bb_min = ImGui::GetCursorScreenPos(), bb_max = bb_min + size;
  const auto [id, visible, pressed, hovered, held] = ui::hit_area(label.c_str(), size);
  if (!visible) return false;
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 fill = held ? p.brand : hovered ? p.brand_soft : p.surface;
  dl->AddRectFilled(bb_min, bb_max, ImGui::GetColorU32(fill), 8);
  dl->AddRect(bb_min, bb_max, ImGui::GetColorU32(hovered || held ? p.brand : with_alpha(p.brand, 90)), 8, 0, 1.2f);
  dl->AddText(bb_min + (size - ts) * 0.5f, ImGui::GetColorU32(held ? p.on_brand : p.brand), shown.c_str());
  ui::nav_highlight(bb_min, bb_max, id);
  test_hooks::register_item(id, label.c_str());
  return pressed;
}

}  // namespace portal::screens::calls
