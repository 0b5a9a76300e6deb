// The Plans screen's shared pieces (plans_parts.h): the customer's subscription from GET /me for the
// core's rules, dates, and a few small visual pieces.

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>

#include "app/context.h"
#include "client/browser_clock.h"
#include "client/i18n.h"
#include "domain/errors.h"
#include "locale/format.h"
#include "screens/plans_parts.h"
#include "ui/icons.h"

namespace portal::screens::plans {

// ---- the subscription --------------------------------------------------------------------------

const Offer* offer(const Catalog& catalog, const std::string& id, bool is_addon) {
  return is_addon ? catalog.find_addon(id) : catalog.find_package(id);
}

Company company_of(const json& me) {
  Company c;
  c.plan = str(me, "plan");
  for (const char* key : {"packages", "addons"})
    for (const json& id : items(me, key))
      if (id.is_string()) (key[0] == 'p' ? c.packages : c.addons).push_back(id.get<std::string>());
  if (me.is_object() && me.contains("period")) {
    c.period_start = wire_time(me["period"].value("start", json()));
    c.period_end = wire_time(me["period"].value("end", json()));
  }
  return c;
}

PlanChange plan_change(const Catalog& catalog, const json& me, const std::string& plan_id) {
  if (!catalog.find_plan(plan_id)) {
    PlanChange none;
    none.kind = "none";
    return none;
  }
  return quote_plan_change(catalog, company_of(me), plan_id, client::now());
}

std::string buy_refusal(const Catalog& catalog, const json& me, const Offer& offer, bool is_addon) {
  try {
    check_can_buy(catalog, company_of(me), offer, is_addon, str(me, "effective_tier"));
  } catch (const PortalError& e) {
    return e.code;
  }
  return "";
}

// ---- GET /me and the API's replies ---------------------------------------------------------------

const json& items(const json& obj, const char* key) {
  static const json empty = json::array();
  if (!obj.is_object()) return empty;
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : empty;
}

bool has(const json& list, const std::string& value) {
  if (!list.is_array()) return false;
  return std::any_of(list.begin(), list.end(),
                     [&](const json& v) { return v.is_string() && v.get<std::string>() == value; });
}

Instant wire_time(const json& value) {
  return value.is_string() ? client::parse_wire_time(value.get<std::string>()) : 0;
}

std::string date_text(Instant t) {
  const LocalDateTime local = client::to_browser_local(t);
  const LocalDateTime today = client::to_browser_local(client::now());
  std::string out = format_local_date(local.date, i18n::format(), true);
  if (local.date.year != today.date.year) out += " " + std::to_string(local.date.year) + i18n::format().year_suffix;
  return out;
}

std::string when_text(Instant t) {
  const LocalDateTime local = client::to_browser_local(t);
  const LocalDateTime today = client::to_browser_local(client::now());
  return client::format_when(t, local.date.year != today.date.year);
}

// ---- pieces ------------------------------------------------------------------------------------

void key_value(const char* left, const char* right, ImU32 right_color, ui::Font left_font, ui::Font right_font) {
  const ui::Palette& p = ui::palette();
  float left_w, right_w;
  {
    ui::FontScope f(left_font);
    left_w = ImGui::CalcTextSize(left).x;
  }
  {
    ui::FontScope f(right_font);
    right_w = ImGui::CalcTextSize(right).x;
  }
  const float x0 = ImGui::GetCursorScreenPos().x;
  const float right_edge = ui::content_right();
  const float avail = right_edge - x0;
  if (left_w + right_w + 12 <= avail) {
    text(left_font, p.text_muted, left, false);
    ImGui::SameLine(0, 0);
    ImGui::SetCursorScreenPos(ImVec2(right_edge - right_w, ImGui::GetCursorScreenPos().y));
    text(right_font, right_color ? right_color : p.text, right, false);
  } else {
    // Too narrow for one line: the value goes under, still right-aligned (wrapped if it must).
    text(left_font, p.text_muted, left);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + 2);
    if (right_w < avail) ImGui::SetCursorScreenPos(ImVec2(right_edge - right_w, ImGui::GetCursorScreenPos().y));
    text(right_font, right_color ? right_color : p.text, right);
  }
}

void BadgeRow::add(const std::string& text, ImU32 fg, ImU32 bg) {
  if (any_) {
    ImGui::SameLine(0, 6);
    ui::FontScope f(ui::Font::Small);
    wrap_before(ImGui::CalcTextSize(text.c_str()).x + 20);
  }
  ui::badge(text.c_str(), fg, bg);
  any_ = true;
}

void tier_meter(int rank, int of) {
  const ui::Palette& p = ui::palette();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float w = 14, h = 6, gap = 4;
  for (int i = 0; i < of; ++i) {
    const ImVec2 a(pos.x + static_cast<float>(i) * (w + gap), pos.y + 5);
    ImGui::GetWindowDrawList()->AddRectFilled(a, a + ImVec2(w, h), ImGui::GetColorU32(i < rank ? p.brand : p.border),
                                              3);
  }
  ImGui::Dummy(ImVec2(static_cast<float>(of) * (w + gap) - gap, 16));
}

void loading(const char* s) {
  icon_text(icon::kClock, ui::palette().text_muted, s, ui::Font::Body, ui::palette().text_muted);
}

}  // namespace portal::screens::plans
