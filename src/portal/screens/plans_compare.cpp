// The plans side by side: four cards in a row on wide screens, two by two on medium ones, stacked
// on phones. Each card's sections (price, channels, hours, targets, pros, cons) line up with the
// same sections of the other cards of its row.

#include <algorithm>
#include <optional>
#include <cmath>
#include <vector>

#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/plans.h"
#include "screens/plans_parts.h"
#include "ui/a11y.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

namespace {

constexpr float kGap = 16;
constexpr float kMinCardWidth = 205;

// A section's small caption ("Channels", "First response").
void caption(const char* s) {
  ui::gap(2);
  p::text(ui::Font::Small, ui::palette().text_muted, s);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 2);
}

}  // namespace

void PlansScreen::draw_compare(app::Context& ctx) {
  const Catalog& catalog = ctx.core_catalog();
  const std::vector<Plan>& plans = catalog.plans;  // by rising rank (the catalog checks it)
  if (plans.empty()) return;

  const float width = ImGui::GetContentRegionAvail().x;
  const int n = static_cast<int>(plans.size());
  int cols = 1;
  const float nf = static_cast<float>(n);
  if (width >= nf * kMinCardWidth + (nf - 1) * kGap) cols = n;
  else if (width >= 2 * (kMinCardWidth + 30) + kGap) cols = 2;
  const bool align = cols > 1;
  row_measured_.clear();
  ui::card_grid(n, cols, kGap,
                [&](int i) { draw_plan_card(ctx, plans[i], i > 0 ? &plans[i - 1] : nullptr, i / cols, align); });

  // Line the sections up from the next frame on when the heights changed (language, width, data).
  bool changed = row_measured_.size() != row_heights_.size();
  for (const auto& [row, heights] : row_measured_) {
    auto it = row_heights_.find(row);
    if (it == row_heights_.end()) {
      changed = true;
      break;
    }
    for (int s = 0; s < kSections; ++s)
      if (std::fabs(it->second[s] - heights[s]) > 0.5f) changed = true;
  }
  if (changed) {
    row_heights_ = row_measured_;
    platform::request_frame();
  }

  const Schedule* sched = catalog.find_schedule(plans.front().schedule_id);
  std::string zone = sched ? sched->tz_name : "";
  if (auto slash = zone.rfind('/'); slash != std::string::npos) zone = zone.substr(slash + 1);
  std::replace(zone.begin(), zone.end(), '_', ' ');
  ui::gap(4);
  ui::muted(trf("plans.compare.footnote", {{"zone", catalog_text("plans.zone." + zone, zone)}}).c_str());
  ui::gap(12);
}

void PlansScreen::draw_plan_card(app::Context& ctx, const Plan& plan, const Plan* previous, int row, bool align) {
  const Catalog& catalog = ctx.core_catalog();
  const json& me = ctx.me();
  const ui::Palette& pal = ui::palette();
  const std::string& id = plan.id;
  const std::string name = plan_name(catalog, id);
  const bool customer = ctx.role() == "customer" && me.is_object() && me.contains("plan");
  const std::string current = customer ? me.value("plan", "") : "";
  const json pending = customer ? me.value("pending_plan", json()) : json();
  const std::string pending_id = pending.is_object() ? pending.value("plan", "") : "";
  const Plan* current_plan = catalog.find_plan(current);
  const int current_rank = current_plan ? current_plan->rank : 0;
  const bool recommended = recommendation(ctx).plan == &plan;
  const bool is_current = !current.empty() && id == current;

  const ImVec2 card_min = ImGui::GetCursorScreenPos();
  if (scroll_to_plan_ == id) {
    ImGui::SetScrollFromPosY(card_min.y - ImGui::GetWindowPos().y - 16, 0.0f);
    scroll_to_plan_.clear();
  }
  const float card_right = ui::content_right();
  ui::begin_card(("plan-" + id).c_str());
  // Side by side the cards are narrow: less side padding than a full-width card.
  std::optional<ui::Column> wider;  // until the card's end
  if (align && ui::wide_layout()) wider.emplace(ui::Column::Inset{-10, -10});

  auto section = [&](int s, const auto& body) {
    const float y0 = ImGui::GetCursorScreenPos().y;
    body();
    const float h = ImGui::GetCursorScreenPos().y - y0;
    auto& measured = row_measured_[row];
    measured[s] = std::max(measured[s], h);
    if (align) {
      auto it = row_heights_.find(row);
      if (it != row_heights_.end() && it->second[s] > h) ui::gap(it->second[s] - h);
    }
  };

  // 0: badges (current, recommended, scheduled); 1: name and tier
  section(0, [&] {
    p::BadgeRow badges;
    auto badge = [&](const std::string& s, ImU32 fg, ImU32 bg) { badges.add(s, fg, bg); };
    // One badge per card keeps the narrow cards tidy: the current plan's outline turns green when
    // it is also the recommended one.
    if (is_current) badge(tr("plans.badge.current"), pal.brand, pal.brand_soft);
    else if (recommended) badge(tr("plans.badge.recommended"), pal.success, pal.success_soft);
    if (id == pending_id)
      badge(trf("plans.badge.from", {{"date", p::date_text(p::wire_time(pending.value("effective_at", json())))}}),
            pal.warning, (pal.warning & ~IM_COL32_A_MASK) | (28u << IM_COL32_A_SHIFT));
  });
  section(1, [&] {
    ui::heading(name.c_str());
    const int tiers = static_cast<int>(catalog.tiers.size());
    const int trank = catalog.tier_rank(plan.tier);
    p::tier_meter(trank, tiers);
    const std::string tier_label =
        trf("plans.card.tier", {{"rank", std::to_string(trank)}, {"of", std::to_string(tiers)}});
    ImGui::SameLine(0, 8);
    {
      ui::FontScope f(ui::Font::Small);
      p::wrap_before(ImGui::CalcTextSize(tier_label.c_str()).x);
    }
    p::text(ui::Font::Small, pal.text_muted, tier_label.c_str());
  });

  // 2: price
  section(2, [&] {
    ui::gap(2);
    {
      ui::FontScope f(ui::Font::Title);
      const std::string price = money(plan.price);
      ImGui::TextUnformatted(price.c_str());
      a11y::text(a11y::Role::Text, price.c_str());  // drawn text is not read out by itself
    }
    ImGui::SameLine(0, 6);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 12);
    p::text(ui::Font::Small, pal.text_muted, tr("plans.card.per_month"), false);
  });

  // 3: channels: everything in the plan below, plus what this one adds
  section(3, [&] {
    caption(tr("plans.card.channels"));
    std::vector<const Channel*> added;
    for (const Channel& ch : plan.channels) {
      bool before = false;
      if (previous)
        for (const Channel& pc : previous->channels)
          if (pc.id == ch.id) before = true;
      if (!before) added.push_back(&ch);
    }
    if (previous)
      p::text(ui::Font::Small, pal.text,
              trf("plans.card.everything_in", {{"plan", plan_name(catalog, previous->id)}}).c_str());
    for (const Channel* ch : added) p::icon_text(channel_icon(ch->id), pal.brand, channel_name(id, *ch).c_str());
  });

  // 4: hours
  section(4, [&] {
    caption(tr("plans.card.hours"));
    const std::string hours = hours_text(catalog, plan.schedule_id, !ctx.role().empty());
    p::icon_text(icon::kClock, pal.brand, hours.c_str());
    test_hooks::set_value("plans.hours." + id, hours);
  });

  // 5: first response by severity
  section(5, [&] {
    caption(tr("plans.card.first_response"));
    std::string published;
    for (int sev = 1; sev <= 5; ++sev) {
      const std::string left = std::to_string(sev) + " · " + severity_name(catalog, sev);
      const std::string right = target_text(plan.policy, sev);
      published += (sev > 1 ? "|" : "") + right;
      p::key_value(left.c_str(), right.c_str(), pal.text, ui::Font::Small, ui::Font::Small);
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 3);
    }
    test_hooks::set_value("plans.targets." + id, published);
  });

  // 6, 7: pros and cons (the catalog's, translated where we can)
  auto list = [&](const std::vector<std::string>& lines, const char* key, const char* caption_key, const char* ic,
                  ImU32 ic_color) {
    if (lines.empty()) return;
    caption(tr(caption_key));
    int i = 0;
    for (const std::string& english : lines) {
      const std::string s = catalog_text("plans." + std::string(key) + "." + id + "." + std::to_string(i++), english);
      p::icon_text(ic, ic_color, s.c_str(), ui::Font::Small);
    }
  };
  section(6, [&] { list(plan.pros, "pros", "plans.card.pros", icon::kCheck, pal.success); });
  section(7, [&] { list(plan.cons, "cons", "plans.card.cons", icon::kClose, pal.danger); });

  // 8: the action
  section(8, [&] {
    ui::gap(6);
    if (!customer) return;
    if (is_current) {
      if (!pending_id.empty()) {
        const std::string s = p::with_id(trf("plans.keep_plan", {{"plan", name}}), "keep-" + id);
        if (ui::button(s.c_str(), icon::kRefresh, ui::ButtonStyle::Primary, -1)) keep_current_plan(ctx);
      } else {
        ImGui::BeginDisabled();
        ui::button(p::with_id(tr("plans.card.current_plan"), "current-" + id).c_str(), icon::kCheck,
                   ui::ButtonStyle::Secondary, -1);
        ImGui::EndDisabled();
      }
    } else if (id == pending_id) {
      ImGui::BeginDisabled();
      ui::button(p::with_id(tr("plans.card.scheduled"), "scheduled-" + id).c_str(), icon::kClock,
                 ui::ButtonStyle::Secondary, -1);
      ImGui::EndDisabled();
    } else {
      const bool upgrade = plan.rank > current_rank;
      const std::string s = p::with_id(trf("plans.choose_plan", {{"plan", name}}), "choose-" + id);
      if (ui::button(s.c_str(), nullptr, upgrade ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary, -1))
        start(ctx, {ActionKind::Plan, id});
    }
  });

  wider.reset();
  ui::end_card();
  // The current and the recommended plan stand out.
  const ImVec2 card_max(card_right, ImGui::GetItemRectMax().y);
  const bool highlighted = highlight_plan_ == id;
  if (is_current || recommended || highlighted) {
    const ImU32 c = recommended || highlighted ? pal.success : pal.brand;
    ImGui::GetWindowDrawList()->AddRect(card_min, card_max, ImGui::GetColorU32(c), 14, 0, 2);
  }
}

}  // namespace portal::screens
