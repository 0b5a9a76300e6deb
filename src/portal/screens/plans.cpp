// The Plans screen's frame: header, the customer's subscription, then either the page (compare,
// help me choose, packages and add-ons) or the confirmation card of a change.
#include "screens/plans.h"

#include <algorithm>
#include <optional>

#include "client/i18n.h"
#include "screens/plans_parts.h"
#include "ui/icons.h"
#include "ui/layout.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

namespace {

// The plans need more room than a text page: on wide screens the screen widens the shell's
// content column (up to kMaxWidth, centred) for as long as it draws, and puts it back after.
constexpr float kMaxWidth = 1180;

// Widens `column` on wide screens when the window has room for more than the shell's column.
void widen(std::optional<ui::Column>& column) {
  if (!ui::wide_layout()) return;
  const float left = ImGui::GetCursorScreenPos().x;
  const ui::Span inner = ui::window_inner();
  const float pad = 40;
  const float width = std::min(kMaxWidth, inner.right - inner.left - 2 * pad);
  if (width <= ui::content_right() - left + 1) return;  // already as wide
  const float new_left = inner.left + (inner.right - inner.left - width) * 0.5f;
  column.emplace(new_left, new_left + width);
}

const char* phase_name(int phase) {
  switch (phase) {
    case 1: return "preview";
    case 2: return "confirm";
    case 3: return "applying";
    default: return "compare";
  }
}

}  // namespace

void PlansScreen::draw(app::Context& ctx) {
  // The confirmation card reads better at the shell's text width.
  std::optional<ui::Column> column;
  if (phase_ == Phase::Browse) widen(column);
  if (scroll_top_) {
    ImGui::SetScrollY(0);
    scroll_top_ = false;
  }
  if (ctx.core_catalog().plans.empty()) {  // GET /plans not answered yet
    ui::title(tr("plans.title"));
    p::loading(tr("plans.loading"));
    test_hooks::set_value("plans.step", "loading");
    return;
  }
  if (phase_ == Phase::Browse) {
    draw_header(ctx);
    draw_current(ctx);
    draw_compare(ctx);
    draw_choose(ctx);
    draw_extras(ctx);
  } else {
    draw_confirm(ctx);
  }
  publish_state(ctx);
}

void PlansScreen::draw_header(app::Context& ctx) {
  const bool customer = ctx.role() == "customer";
  const std::string help = p::with_id(tr("plans.choose.open"), "plans-help-me-choose");
  const float help_w = ui::button_width(help.c_str(), icon::kQuestion);
  const float x0 = ImGui::GetCursorScreenPos().x;
  const float right = ui::content_right();
  const bool side = ui::wide_layout() && right - x0 > help_w + 360;
  const float y0 = ImGui::GetCursorScreenPos().y;
  if (side) {
    {
      const ui::Column column(right - help_w - 24);
      ImGui::BeginGroup();
      ui::title(tr("plans.title"));
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 6);
      ui::subtitle(tr(customer ? "plans.subtitle" : "plans.subtitle_public"));
      ImGui::EndGroup();
    }
    const float bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(right - help_w, y0 + 2));
    if (ui::button(help.c_str(), icon::kQuestion, ui::ButtonStyle::Secondary)) scroll_to_choose_ = true;
    ImGui::SetCursorScreenPos(
        ImVec2(x0, std::max(bottom, ImGui::GetItemRectMax().y) + ImGui::GetStyle().ItemSpacing.y));
  } else {
    ui::title(tr("plans.title"));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 6);
    ui::subtitle(tr(customer ? "plans.subtitle" : "plans.subtitle_public"));
    if (ui::button(help.c_str(), icon::kQuestion, ui::ButtonStyle::Secondary)) scroll_to_choose_ = true;
  }
  ui::gap(8);
}

void PlansScreen::draw_current(app::Context& ctx) {
  if (ctx.role().empty()) {
    // Signed out: the plans are public, changing one needs an account.
    p::note(p::Note::Info, tr("plans.signed_out"), [&] {
      if (ui::button(p::with_id(tr("plans.sign_in"), "plans-sign-in").c_str(), icon::kUser)) ctx.go("sign_in");
    });
    ui::gap(12);
    return;
  }
  if (ctx.role() != "customer") return;
  const json& me = ctx.me();
  const Catalog& catalog = ctx.core_catalog();
  if (!me.is_object() || !me.contains("plan")) return;
  const ui::Palette& pal = ui::palette();
  const std::string plan_id = me.value("plan", "");
  const Plan* plan = catalog.find_plan(plan_id);

  if (!done_.empty()) {
    p::note(p::Note::Success, done_.c_str(), [&] {
      if (ui::button(p::with_id(tr("plans.done.my_support"), "done-my-support").c_str(), nullptr,
                     ui::ButtonStyle::Secondary))
        ctx.go("my_support");
      ImGui::SameLine(0, 8);
      if (ui::button(p::with_id(tr("plans.done.dismiss"), "done-dismiss").c_str(), nullptr, ui::ButtonStyle::Ghost))
        done_.clear();
    });
    ui::gap(12);
  }
  ui::begin_card("plans-current");
  // Four facts side by side on wide screens, two by two on phones.
  struct Fact {
    std::string label, value, detail;
  };
  std::vector<Fact> facts;
  facts.push_back({tr("plans.current.plan"), plan_name(catalog, plan_id),
                   plan ? trf("plans.per_month", {{"price", money(plan->price)}}) : ""});
  {
    const std::string tier = me.value("effective_tier", "");
    std::string why;
    if (me.contains("tier_sources") && me["tier_sources"].is_array() && !me["tier_sources"].empty()) {
      const json& top = me["tier_sources"][0];
      const std::string kind = top.value("kind", "");
      if (kind == "package")
        why = trf("plans.current.tier_from_package", {{"name", offer_name(catalog.find_package(top.value("id", "")))}});
      else if (kind == "rule") why = trf("plans.current.tier_from_rule", {{"name", top.value("name", "")}});
      else why = tr("plans.current.tier_from_plan");
    }
    facts.push_back({tr("plans.current.tier"), tier_name(catalog, tier), why});
  }
  facts.push_back({tr("plans.current.monthly_total"), money(me.value("monthly_total", json())),
                   tr("plans.current.monthly_total_detail")});
  {
    const Instant end = me.contains("period") ? p::wire_time(me["period"].value("end", json())) : 0;
    facts.push_back({tr("plans.current.renews"), end ? p::date_text(end) : "—", tr("plans.current.renews_detail")});
  }
  const float x0 = ImGui::GetCursorScreenPos().x;
  const float width = ui::content_right() - x0;
  const int per_row = width >= 640 ? 4 : 2;
  const float col_w = (width - static_cast<float>(per_row - 1) * 16) / static_cast<float>(per_row);
  float row_top = ImGui::GetCursorScreenPos().y, row_bottom = row_top;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const int col = static_cast<int>(i) % per_row;
    if (col == 0 && i > 0) row_top = row_bottom + 12;
    const float x = x0 + static_cast<float>(col) * (col_w + 16);
    ImGui::SetCursorScreenPos(ImVec2(x, row_top));
    const ui::Column column(x + col_w);
    ImGui::BeginGroup();
    p::text(ui::Font::Small, pal.text_muted, facts[i].label.c_str());
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
    p::text(ui::Font::Heading, pal.text, facts[i].value.c_str());
    if (!facts[i].detail.empty()) {
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
      p::text(ui::Font::Small, pal.text_muted, facts[i].detail.c_str());
    }
    ImGui::EndGroup();
    row_bottom = std::max(row_bottom, ImGui::GetItemRectMax().y);
  }
  ImGui::SetCursorScreenPos(ImVec2(x0, row_bottom + ImGui::GetStyle().ItemSpacing.y));

  // A scheduled downgrade: when, what ends with it, and the way to keep the current plan.
  const json& pending = me.value("pending_plan", json());
  if (pending.is_object() && pending.contains("plan")) {
    ui::gap(4);
    const std::string to = pending.value("plan", "");
    std::string s =
        trf("plans.current.pending", {{"plan", plan_name(catalog, to)},
                                      {"date", p::date_text(p::wire_time(pending.value("effective_at", json())))},
                                      {"current", plan_name(catalog, plan_id)}});
    for (const json& id : p::items(pending, "addons_dropped")) {
      if (!id.is_string()) continue;
      const std::string key = "plans.current.pending_drops." + id.get<std::string>();
      std::string drops = tr(key.c_str());
      if (drops == key)
        drops = trf("plans.current.pending_drops", {{"name", offer_name(catalog.find_addon(id.get<std::string>()))}});
      s += " " + drops;
    }
    p::note(p::Note::Warning, s.c_str(), [&] {
      const std::string keep_label =
          p::with_id(trf("plans.keep_plan", {{"plan", plan_name(catalog, plan_id)}}), "plans-keep-current");
      if (ui::button(keep_label.c_str(), icon::kRefresh, ui::ButtonStyle::Secondary)) keep_current_plan(ctx);
    });
  }
  ui::end_card();
  ui::gap(8);
}

void PlansScreen::publish_state(app::Context& ctx) {
  const json& me = ctx.me();
  std::string step = phase_name(static_cast<int>(phase_));
  const Plan* recommended = recommendation(ctx).plan;
  if (phase_ == Phase::Browse && recommended) step = "recommended";
  test_hooks::set_value("plans.step", step);
  test_hooks::set_value("plans.recommended", recommended ? recommended->id : "");
  test_hooks::set_value("plans.current", me.is_object() ? me.value("plan", "") : "");
  const json& pending = me.is_object() ? me.value("pending_plan", json()) : json();
  test_hooks::set_value("plans.pending", pending.is_object() ? pending.value("plan", "") : "");
  std::string answers;
  for (int a : answers_) answers += (answers.empty() ? "" : ",") + std::to_string(a);
  test_hooks::set_value("plans.answers", answers);
  test_hooks::set_value("plans.error", error_);
  test_hooks::set_value("plans.error_code", error_code_);
}

}  // namespace portal::screens
