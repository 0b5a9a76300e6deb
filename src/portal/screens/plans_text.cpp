// Words for catalog data on the Plans screen, and a few small visual pieces.

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

// ---- catalog lookups ---------------------------------------------------------------------------
const json& plan(const json& catalog, const std::string& id) { return app::find_by_id(items(catalog, "plans"), id); }

const json& plan_by_rank(const json& catalog, int rank) {
  static const json none;
  for (const json& p : items(catalog, "plans"))
    if (p.value("rank", 0) == rank) return p;
  return none;
}

int plan_rank(const json& catalog, const std::string& id) {
  const json& p = plan(catalog, id);
  return p.is_object() ? p.value("rank", 0) : 0;
}

int tier_rank(const json& catalog, const std::string& tier) {
  if (catalog.contains("tiers") && catalog["tiers"].is_array()) {
    int i = 1;
    for (const json& t : catalog["tiers"]) {
      if (t.is_string() && t.get<std::string>() == tier) return i;
      ++i;
    }
  }
  return 0;
}

const json& schedule(const json& catalog, const std::string& id) {
  return app::find_by_id(items(catalog, "schedules"), id);
}
const json& policy(const json& catalog, const std::string& id) {
  return app::find_by_id(items(catalog, "policies"), id);
}
const json& offer(const json& catalog, const std::string& id, bool is_addon) {
  return app::find_by_id(items(catalog, is_addon ? "addons" : "packages"), id);
}

const Plan* plan(const Catalog& catalog, const std::string& id) { return catalog.find_plan(id); }

const Offer* offer(const Catalog& catalog, const std::string& id, bool is_addon) {
  return is_addon ? catalog.find_addon(id) : catalog.find_package(id);
}

int plan_rank(const Catalog& catalog, const std::string& id) {
  const Plan* p = catalog.find_plan(id);
  return p ? p->rank : 0;
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
  Offer without_tier = offer;  // the tier rule below, with /me's effective tier
  without_tier.tier.clear();
  try {
    check_can_buy(catalog, company_of(me), without_tier, is_addon, client::now());
  } catch (const PortalError& e) {
    return e.code;
  }
  if (!offer.tier.empty() && catalog.tier_rank(offer.tier) <= catalog.tier_rank(str(me, "effective_tier")))
    return "no_gain";
  return "";
}

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

// ---- words -------------------------------------------------------------------------------------
std::string catalog_text(const std::string& key, const std::string& english, const std::string& shared_key) {
  if (i18n::language() == "en") return english;
  for (const std::string* k : {&key, &shared_key}) {
    if (k->empty()) continue;
    const char* t = tr(k->c_str());
    if (*k != t && *t) return t;  // tr() hands back the key when there is no translation
  }
  return english;
}

std::string plan_name(const json& catalog, const std::string& id) {
  const json& p = plan(catalog, id);
  return catalog_text("plans.name." + id, p.is_object() ? p.value("name", id) : id,
                      p.is_object() ? "tier." + p.value("tier", id) : "");
}

std::string plan_name(const Catalog& catalog, const std::string& id) {
  const Plan* p = catalog.find_plan(id);
  return catalog_text("plans.name." + id, p ? p->name : id, p ? "tier." + p->tier : "");
}

std::string tier_name(const Catalog& catalog, const std::string& tier) {
  const Plan* p = catalog.plan_for_tier(tier);
  return p ? plan_name(catalog, p->id) : tier;
}

std::string offer_name(const Offer& o) {
  return catalog_text("plans.offer." + o.id + ".name", o.name.empty() ? o.id : o.name, "offer." + o.id);
}

std::string offer_name(const Offer* o) { return o ? offer_name(*o) : ""; }

std::string severity_name(const Catalog& catalog, int severity) {
  std::string english = std::to_string(severity);
  for (const SeverityInfo& s : catalog.severities)
    if (s.severity == severity && !s.name.empty()) english = s.name;
  return catalog_text("plans.severity." + std::to_string(severity), english,
                      "severity." + std::to_string(severity) + ".name");
}

std::string offer_description(const Offer& o) {
  return catalog_text("plans.offer." + o.id + ".description", o.description);
}

std::string channel_name(const std::string& plan_id, const Channel& channel) {
  // A plan may name a channel its own way ("Phone hotline 24/7").
  std::string specific = catalog_text("plans.channel." + plan_id + "." + channel.id, "");
  if (!specific.empty()) return specific;
  return catalog_text("plans.channel." + channel.id, channel.name.empty() ? channel.id : channel.name,
                      "channel." + channel.id);
}

std::string tier_name(const json& catalog, const std::string& tier) {
  // Tiers are named after the plan of that tier.
  for (const json& p : items(catalog, "plans"))
    if (p.value("tier", "") == tier) return plan_name(catalog, p.value("id", ""));
  return tier;
}

std::string offer_name(const json& o) {
  if (!o.is_object()) return "";
  const std::string id = o.value("id", "");
  return catalog_text("plans.offer." + id + ".name", o.value("name", id), "offer." + id);
}

std::string offer_description(const json& o) {
  if (!o.is_object()) return "";
  const std::string id = o.value("id", "");
  return catalog_text("plans.offer." + id + ".description", o.value("description", ""));
}

std::string channel_name(const std::string& plan_id, const json& channel) {
  const std::string id = channel.value("id", "");
  const std::string english = channel.value("name", id);
  // A plan may name a channel its own way ("Phone hotline 24/7").
  std::string specific = catalog_text("plans.channel." + plan_id + "." + id, "");
  if (!specific.empty()) return specific;
  return catalog_text("plans.channel." + id, english, "channel." + id);
}

std::string schedule_name(const json& catalog, const std::string& id) {
  const json& s = schedule(catalog, id);
  return catalog_text("plans.schedule." + id, s.is_object() ? s.value("name", id) : id);
}

std::string hours_text(const app::Context& ctx, const std::string& id) {
  std::string text = schedule_name(ctx.catalog(), id);
  if (ctx.role().empty()) return text;
  if (const Schedule* s = ctx.core_catalog().find_schedule(id)) {
    const ScheduleHours hours = schedule_hours(*s, client::now());
    if (!hours.yours.empty()) text += " · " + hours.yours;
  }
  return text;
}

std::string severity_name(const json& catalog, int severity) {
  std::string english = std::to_string(severity);
  for (const json& s : items(catalog, "severities"))
    if (s.value("severity", 0) == severity) english = s.value("name", english);
  return catalog_text("plans.severity." + std::to_string(severity), english,
                      "severity." + std::to_string(severity) + ".name");
}

std::string target_text(const Policy* policy, int severity) {
  if (!policy || severity < 1 || severity > 5) return tr("plans.target.none");
  const std::optional<Target>& t = policy->targets[static_cast<std::size_t>(severity - 1)].first_response;
  if (!t) return tr("plans.target.none");
  const TargetWording w = describe_target(*t, policy->schedule);
  if (w.around_the_clock()) return i18n::trf("plans.target.around_the_clock", {{"amount", target_amount(w)}});
  return target_amount(w);
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
