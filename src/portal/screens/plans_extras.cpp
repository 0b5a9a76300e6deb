// Support packages (a tier without changing the plan, seed 000) and the dedicated agent add-on
// (seed 003): what each gives, buy or cancel, and why not when it is not possible, before trying.
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/plans.h"
#include "screens/plans_parts.h"
#include "ui/a11y.h"
#include "ui/icons.h"
#include "ui/widgets.h"

namespace portal::screens {

using i18n::tr;
using i18n::trf;
using nlohmann::json;
namespace p = plans;

namespace {

// "Buy dedicated agent" / "Cancel priority support": a per-offer wording when the language has
// one, else "Buy {name}".
std::string offer_action(const char* verb, const json& offer) {
  const std::string key = "plans.offer." + offer.value("id", "") + "." + verb;
  const char* t = tr(key.c_str());
  if (t != key) return t;
  const std::string generic = std::string("plans.offer.") + verb;
  return trf(generic.c_str(), {{"name", p::offer_name(offer)}});
}

}  // namespace

void PlansScreen::draw_extras(app::Context& ctx) {
  const json& catalog = ctx.catalog();
  std::vector<std::pair<const json*, bool>> offers;  // offer, is add-on
  for (const json& o : p::items(catalog, "packages")) offers.push_back({&o, false});
  for (const json& o : p::items(catalog, "addons")) offers.push_back({&o, true});
  if (offers.empty()) return;

  ui::gap(8);
  ui::heading(tr("plans.extras.title"));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  ui::subtitle(tr("plans.extras.subtitle"));
  ui::gap(4);

  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float x0 = window->DC.CursorPos.x;
  const float width = ImGui::GetContentRegionMaxAbs().x - x0;
  const int n = static_cast<int>(offers.size());
  const float gap = 16;
  const float nf = static_cast<float>(n);
  const int cols = width >= nf * 280 + (nf - 1) * gap ? n : 1;
  const float card_w = std::floor((width - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols));
  const float keep_work = window->WorkRect.Max.x, keep_content = window->ContentRegionRect.Max.x;
  float row_top = window->DC.CursorPos.y, row_bottom = row_top;
  offers_measured_ = 0;
  for (int i = 0; i < n; ++i) {
    const int col = i % cols;
    if (col == 0 && i > 0) row_top = row_bottom + gap;
    const float x = x0 + static_cast<float>(col) * (card_w + gap);
    ImGui::SetCursorScreenPos(ImVec2(x, row_top));
    window->WorkRect.Max.x = window->ContentRegionRect.Max.x = x + card_w;
    draw_offer(ctx, *offers[i].first, offers[i].second);
    row_bottom = std::max(row_bottom, ImGui::GetItemRectMax().y);
  }
  window->WorkRect.Max.x = keep_work;
  window->ContentRegionRect.Max.x = keep_content;
  ImGui::SetCursorScreenPos(ImVec2(x0, row_bottom));
  ImGui::Dummy(ImVec2(width, 0));
  const float wanted = cols > 1 ? offers_measured_ : 0.0f;
  if (std::fabs(wanted - offers_body_) > 0.5f) {
    offers_body_ = wanted;
    platform::request_frame();
  }
}

void PlansScreen::draw_offer(app::Context& ctx, const json& offer, bool is_addon) {
  const json& catalog = ctx.catalog();
  const json& me = ctx.me();
  const ui::Palette& pal = ui::palette();
  const std::string id = offer.value("id", "");
  const std::string name = p::offer_name(offer);
  const bool customer = ctx.role() == "customer" && me.is_object() && me.contains("plan");
  const bool owned = customer && p::has(me.value(is_addon ? "addons" : "packages", json::array()), id);
  const std::string plan_id = customer ? me.value("plan", "") : "";
  const std::string requires_plan = offer.value("requires_plan", "");
  const bool plan_too_low =
      !requires_plan.empty() && p::plan_rank(catalog, plan_id) < p::plan_rank(catalog, requires_plan);

  ui::begin_card((std::string(is_addon ? "addon-" : "package-") + id).c_str());
  const float body_top = ImGui::GetCursorScreenPos().y;
  ui::heading(name.c_str());
  {
    bool any = false;
    auto badge = [&](const std::string& s, ImU32 fg, ImU32 bg) {
      if (any) {
        ImGui::SameLine(0, 6);
        ui::FontScope f(ui::Font::Small);
        p::wrap_before(ImGui::CalcTextSize(s.c_str()).x + 20);
      }
      ui::badge(s.c_str(), fg, bg);
      any = true;
    };
    if (owned) badge(tr("plans.badge.active"), pal.success, pal.success_soft);
    if (!requires_plan.empty())
      badge(trf("plans.badge.only_on", {{"plan", p::plan_name(catalog, requires_plan)}}), pal.brand, pal.brand_soft);
    if (is_addon) badge(tr("plans.badge.addon"), pal.text_muted, pal.surface_alt);
    else badge(tr("plans.badge.package"), pal.text_muted, pal.surface_alt);
  }
  {
    ui::FontScope f(ui::Font::Title);
    const std::string price = p::money(offer.value("price", json()));
    ImGui::TextUnformatted(price.c_str());
    a11y::text(a11y::Role::Text, price.c_str());
  }
  ImGui::SameLine(0, 6);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 12);
  p::text(ui::Font::Small, pal.text_muted, tr(is_addon ? "plans.extras.per_month_on_top" : "plans.card.per_month"),
          false);
  const std::string description = p::offer_description(offer);
  if (!description.empty()) p::text(ui::Font::Small, pal.text, description.c_str());
  ui::gap(2);

  // What it gives: its tier, channels, hours and critical target.
  const json& pol = p::policy(catalog, offer.value("policy", ""));
  if (!offer.value("tier", "").empty())
    p::icon_text(icon::kCheckCircle, pal.success,
                 trf("plans.extras.gives_tier", {{"tier", p::tier_name(catalog, offer.value("tier", ""))}}).c_str(),
                 ui::Font::Small);
  for (const json& ch : p::items(offer, "channels"))
    p::icon_text(p::channel_icon(ch.value("id", "")), pal.brand, p::channel_name(id, ch).c_str(), ui::Font::Small);
  if (!offer.value("schedule", "").empty())
    p::icon_text(icon::kClock, pal.brand, p::hours_text(ctx, offer.value("schedule", "")).c_str(), ui::Font::Small);
  if (pol.is_object()) {
    const std::string target = p::target_text(ctx.core_catalog().find_policy(offer.value("policy", "")), 1);
    // An add-on's table applies on top of the plan's (the earliest due time wins): said so, or the
    // dedicated agent's "1 hour" reads as worse than Premium's 30 minutes.
    const std::string plan = is_addon ? offer.value("requires_plan", "") : "";
    p::icon_text(
        icon::kWarning, pal.brand,
        (plan.empty() ? trf("plans.gives.critical", {{"target", target}})
                      : trf("plans.gives.critical_on_top", {{"plan", p::plan_name(catalog, plan)}, {"target", target}}))
            .c_str(),
        ui::Font::Small);
  }
  ui::gap(6);
  // Side by side, the actions line up: the body is as tall as the tallest of the row (last frame).
  {
    const float h = ImGui::GetCursorScreenPos().y - body_top;
    offers_measured_ = std::max(offers_measured_, h);
    if (offers_body_ > h) ui::gap(offers_body_ - h);
  }

  if (!customer) {
    ui::end_card();
    return;
  }
  if (owned) {
    // A scheduled downgrade below the required plan ends it.
    const json& pending = me.value("pending_plan", json());
    if (is_addon && pending.is_object() && p::has(pending.value("addons_dropped", json::array()), id))
      p::note(p::Note::Warning, trf("plans.extras.ends_with_downgrade",
                                    {{"date", p::date_text(p::wire_time(pending.value("effective_at", json())))},
                                     {"plan", p::plan_name(catalog, pending.value("plan", ""))}})
                                    .c_str());
    const std::string s = p::with_id(offer_action("cancel", offer), "cancel-" + id);
    if (ui::button(s.c_str(), nullptr, ui::ButtonStyle::Danger, -1))
      start(ctx, {is_addon ? ActionKind::CancelAddon : ActionKind::CancelPackage, id});
  } else if (plan_too_low) {
    // Refused before trying: say why and offer the way there.
    p::note(p::Note::Info, trf("plans.extras.requires_plan", {{"name", name},
                                                              {"plan", p::plan_name(catalog, requires_plan)},
                                                              {"current", p::plan_name(catalog, plan_id)}})
                               .c_str());
    ui::gap(2);
    const std::string s =
        p::with_id(trf("plans.upgrade_to", {{"plan", p::plan_name(catalog, requires_plan)}}), "upgrade-for-" + id);
    if (ui::button(s.c_str(), nullptr, ui::ButtonStyle::Primary, -1)) start(ctx, {ActionKind::Plan, requires_plan});
  } else if (!offer.value("tier", "").empty() &&
             p::tier_rank(catalog, offer.value("tier", "")) <= p::tier_rank(catalog, me.value("effective_tier", ""))) {
    p::note(p::Note::Info, trf("plans.extras.no_gain",
                               {{"name", name}, {"tier", p::tier_name(catalog, me.value("effective_tier", ""))}})
                               .c_str());
  } else {
    const std::string s = p::with_id(offer_action("buy", offer), "buy-" + id);
    if (ui::button(s.c_str(), nullptr, ui::ButtonStyle::Primary, -1))
      start(ctx, {is_addon ? ActionKind::BuyAddon : ActionKind::BuyPackage, id});
  }
  ui::end_card();
}

}  // namespace portal::screens
