// Support packages (a tier without changing the plan, seed 000) and the dedicated agent add-on
// (seed 003): what each gives, buy or cancel, and why not when it is not possible, before trying.

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

namespace {

// "Buy dedicated agent" / "Cancel priority support": a per-offer wording when the language has
// one, else "Buy {name}".
std::string offer_action(const char* verb, const Offer& offer) {
  const std::string key = "plans.offer." + offer.id + "." + verb;
  const char* t = tr(key.c_str());
  if (t != key) return t;
  const std::string generic = std::string("plans.offer.") + verb;
  return trf(generic.c_str(), {{"name", offer_name(offer)}});
}

}  // namespace

void PlansScreen::draw_extras(app::Context& ctx) {
  const Catalog& catalog = ctx.core_catalog();
  std::vector<std::pair<const Offer*, bool>> offers;  // offer, is add-on
  for (const Offer& o : catalog.packages) offers.push_back({&o, false});
  for (const Offer& o : catalog.addons) offers.push_back({&o, true});
  if (offers.empty()) return;

  ui::gap(8);
  ui::heading(tr("plans.extras.title"));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  ui::subtitle(tr("plans.extras.subtitle"));
  ui::gap(4);

  const float width = ImGui::GetContentRegionAvail().x;
  const int n = static_cast<int>(offers.size());
  const float gap = 16;
  const float nf = static_cast<float>(n);
  const int cols = width >= nf * 280 + (nf - 1) * gap ? n : 1;
  offers_measured_ = 0;
  ui::card_grid(n, cols, gap, [&](int i) { draw_offer(ctx, *offers[i].first, offers[i].second); });
  const float wanted = cols > 1 ? offers_measured_ : 0.0f;
  if (std::fabs(wanted - offers_body_) > 0.5f) {
    offers_body_ = wanted;
    platform::request_frame();
  }
}

void PlansScreen::draw_offer(app::Context& ctx, const Offer& offer, bool is_addon) {
  const Catalog& catalog = ctx.core_catalog();
  const json& me = ctx.me();
  const ui::Palette& pal = ui::palette();
  const std::string& id = offer.id;
  const std::string name = offer_name(offer);
  const bool customer = ctx.role() == "customer" && me.is_object() && me.contains("plan");
  const std::string plan_id = customer ? me.value("plan", "") : "";
  const std::string& requires_plan = offer.requires_plan;
  // Refused before trying, by the core's rules (the order the server checks them in).
  const std::string refusal = customer ? p::buy_refusal(catalog, me, offer, is_addon) : "";
  const bool owned = refusal == "already_owned";

  ui::begin_card((std::string(is_addon ? "addon-" : "package-") + id).c_str());
  const float body_top = ImGui::GetCursorScreenPos().y;
  ui::heading(name.c_str());
  {
    p::BadgeRow badges;
    auto badge = [&](const std::string& s, ImU32 fg, ImU32 bg) { badges.add(s, fg, bg); };
    if (owned) badge(tr("plans.badge.active"), pal.success, pal.success_soft);
    if (!requires_plan.empty())
      badge(trf("plans.badge.only_on", {{"plan", plan_name(catalog, requires_plan)}}), pal.brand, pal.brand_soft);
    if (is_addon) badge(tr("plans.badge.addon"), pal.text_muted, pal.surface_alt);
    else badge(tr("plans.badge.package"), pal.text_muted, pal.surface_alt);
  }
  {
    ui::FontScope f(ui::Font::Title);
    const std::string price = money(offer.price);
    ImGui::TextUnformatted(price.c_str());
    a11y::text(a11y::Role::Text, price.c_str());
  }
  ImGui::SameLine(0, 6);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 12);
  p::text(ui::Font::Small, pal.text_muted, tr(is_addon ? "plans.extras.per_month_on_top" : "plans.card.per_month"),
          false);
  const std::string description = offer_description(offer);
  if (!description.empty()) p::text(ui::Font::Small, pal.text, description.c_str());
  ui::gap(2);

  // What it gives: its tier, channels, hours and critical target.
  if (!offer.tier.empty())
    p::icon_text(icon::kCheckCircle, pal.success,
                 trf("plans.extras.gives_tier", {{"tier", tier_name(catalog, offer.tier)}}).c_str(), ui::Font::Small);
  for (const Channel& ch : offer.channels)
    p::icon_text(channel_icon(ch.id), pal.brand, channel_name(id, ch).c_str(), ui::Font::Small);
  if (!offer.schedule_id.empty())
    p::icon_text(icon::kClock, pal.brand, hours_text(catalog, offer.schedule_id, !ctx.role().empty()).c_str(),
                 ui::Font::Small);
  if (offer.policy) {
    const std::string target = target_text(offer.policy, 1);
    // An add-on's table applies on top of the plan's (the earliest due time wins): said so, or the
    // dedicated agent's "1 hour" reads as worse than Premium's 30 minutes.
    const std::string plan = is_addon ? offer.requires_plan : "";
    p::icon_text(
        icon::kWarning, pal.brand,
        (plan.empty() ? trf("plans.gives.critical", {{"target", target}})
                      : trf("plans.gives.critical_on_top", {{"plan", plan_name(catalog, plan)}, {"target", target}}))
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
                                     {"plan", plan_name(catalog, pending.value("plan", ""))}})
                                    .c_str());
    const std::string s = p::with_id(offer_action("cancel", offer), "cancel-" + id);
    if (ui::button(s.c_str(), nullptr, ui::ButtonStyle::Danger, -1))
      start(ctx, {is_addon ? ActionKind::CancelAddon : ActionKind::CancelPackage, id});
  } else if (refusal == "requires_plan") {
    // Refused before trying: say why and offer the way there.
    p::note(p::Note::Info,
            trf("plans.extras.requires_plan",
                {{"name", name}, {"plan", plan_name(catalog, requires_plan)}, {"current", plan_name(catalog, plan_id)}})
                .c_str());
    ui::gap(2);
    const std::string s =
        p::with_id(trf("plans.upgrade_to", {{"plan", plan_name(catalog, requires_plan)}}), "upgrade-for-" + id);
    if (ui::button(s.c_str(), nullptr, ui::ButtonStyle::Primary, -1)) start(ctx, {ActionKind::Plan, requires_plan});
  } else if (refusal == "no_gain") {
    p::note(p::Note::Info,
            trf("plans.extras.no_gain", {{"name", name}, {"tier", tier_name(catalog, me.value("effective_tier", ""))}})
                .c_str());
  } else {
    const std::string s = p::with_id(offer_action("buy", offer), "buy-" + id);
    if (ui::button(s.c_str(), nullptr, ui::ButtonStyle::Primary, -1))
      start(ctx, {is_addon ? ActionKind::BuyAddon : ActionKind::BuyPackage, id});
  }
  ui::end_card();
}

}  // namespace portal::screens
