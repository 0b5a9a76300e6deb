// Changing the subscription: preview (GET /me/plan/preview) → a confirmation card that says what
// the customer pays, when it takes effect, what ends with it and what happens to their open
// requests' deadlines → POST / DELETE → toast, /me refreshed. Nothing changes before "Confirm".

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/plans.h"
#include "screens/plans_parts.h"
#include "ui/a11y.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/reveal.h"
#include "ui/widgets.h"

namespace portal::screens {

namespace {

constexpr std::size_t kMaxRequestsShown = 25;

// The channels `to` has and `from` has not (by id).
std::vector<const Channel*> channels_gained(const std::vector<Channel>& from, const std::vector<Channel>& to) {
  std::vector<const Channel*> out;
  for (const Channel& ch : to) {
    bool had = false;
    for (const Channel& c : from)
      if (c.id == ch.id) had = true;
    if (!had) out.push_back(&ch);
  }
  return out;
}

// A plan's channels; none for an unknown plan.
const std::vector<Channel>& channels_of(const Plan* plan) {
  static const std::vector<Channel> none;
  return plan ? plan->channels : none;
}

// One request's deadline change: "Mon, 23 Nov, 12:00" and "(9 d 7 h earlier)" / "no change".
struct DueChange {
  std::string now, after, delta;
  ImU32 color = 0;
};

DueChange due_change(const json& r) {
  const ui::Palette& pal = ui::palette();
  DueChange d;
  const Instant before = p::wire_time(r.value("current_due", json()));
  const Instant after = p::wire_time(r.value("new_due", json()));
  d.now = p::when_text(before);
  if (after == before || after == 0) {
    d.after = tr("plans.confirm.no_change");
    d.color = pal.text_muted;
    return d;
  }
  const std::int64_t earlier = before - after;
  d.after = p::when_text(after);
  d.delta = trf(earlier > 0 ? "plans.confirm.earlier" : "plans.confirm.later",
                {{"by", format_duration(earlier > 0 ? earlier : -earlier, i18n::format())}});
  d.color = earlier > 0 ? pal.success : pal.warning;
  return d;
}

// The customer's open requests: now due → due after the change. A table on wide screens, one
// block per request on phones.
void requests_table(const Catalog& catalog, const json& requests, bool changes_now) {
  const ui::Palette& pal = ui::palette();
  ui::label(tr("plans.confirm.requests_title"));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  if (!requests.is_array() || requests.empty()) {
    ui::muted(tr("plans.confirm.no_requests"));
    return;
  }
  ui::muted(tr(changes_now ? "plans.confirm.requests_subtitle" : "plans.confirm.requests_subtitle_later"));
  ui::gap(4);
  const float x0 = ImGui::GetCursorScreenPos().x;
  const float width = ImGui::GetContentRegionAvail().x;
  const bool table = width >= 600;
  const float gap = 16;
  const float w1 = std::floor(width * 0.46f), w2 = std::floor(width * 0.24f), w3 = width - w1 - w2 - 2 * gap;
  const float xs[3] = {x0, x0 + w1 + gap, x0 + w1 + w2 + 2 * gap};
  const float ws[3] = {w1, w2, w3};
  auto cells = [&](const std::function<void(int)>& cell) {
    const float top = ImGui::GetCursorScreenPos().y;
    float bottom = top;
    for (int c = 0; c < 3; ++c) {
      ImGui::SetCursorScreenPos(ImVec2(xs[c], top));
      {
        const ui::Column column(xs[c] + ws[c]);
        ImGui::BeginGroup();
        cell(c);
        ImGui::EndGroup();
      }
      bottom = std::max(bottom, ImGui::GetItemRectMax().y);
    }
    ImGui::SetCursorScreenPos(ImVec2(x0, bottom + ImGui::GetStyle().ItemSpacing.y));
  };
  if (table) {
    const char* heads[3] = {tr("plans.confirm.col_request"), tr("plans.confirm.due_now"),
                            tr("plans.confirm.due_after")};
    cells([&](int c) { p::text(ui::Font::Small, pal.text_muted, heads[c]); });
  }
  std::size_t shown = 0;
  for (const json& r : requests) {
    if (shown++ == kMaxRequestsShown) {
      ui::muted(
          trf("plans.confirm.more_requests", {{"n", std::to_string(requests.size() - kMaxRequestsShown)}}).c_str());
      break;
    }
    if (!r.is_object() || !r.contains("current_due")) continue;
    ui::separator();
    const std::string number = r.contains("number") ? "#" + r["number"].dump() : "";
    const std::string head = number + "  " + r.value("subject", "");
    const int sev = r.value("severity", 3);
    const std::string what = std::to_string(sev) + " · " + severity_name(catalog, sev) + " · " +
                             tr(r.value("clock", "") == "follow_up" ? "plans.confirm.clock_follow_up"
                                                                    : "plans.confirm.clock_first_response");
    const DueChange d = due_change(r);
    if (table) {
      cells([&](int c) {
        if (c == 0) {
          p::text(ui::Font::Strong, pal.text, head.c_str());
          ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
          p::text(ui::Font::Small, pal.text_muted, what.c_str());
        } else if (c == 1) {
          p::text(ui::Font::Body, pal.text, d.now.c_str());
        } else {
          p::text(d.delta.empty() ? ui::Font::Body : ui::Font::Strong, d.color, d.after.c_str());
          if (!d.delta.empty()) {
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
            p::text(ui::Font::Small, d.color, d.delta.c_str());
          }
        }
      });
    } else {
      p::text(ui::Font::Strong, pal.text, head.c_str());
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
      p::text(ui::Font::Small, pal.text_muted, what.c_str());
      p::key_value(tr("plans.confirm.due_now"), d.now.c_str(), pal.text, ui::Font::Small, ui::Font::Small);
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 3);
      const std::string after = d.delta.empty() ? d.after : d.after + "  (" + d.delta + ")";
      p::key_value(tr("plans.confirm.due_after"), after.c_str(), d.color, ui::Font::Small, ui::Font::Small);
    }
  }
}

}  // namespace

void PlansScreen::start(app::Context& ctx, Action action) {
  ++generation_;
  action_ = std::move(action);
  preview_ = nullptr;
  error_.clear();
  error_code_.clear();
  scroll_top_ = true;
  done_.clear();
  if (is_cancel(action_.kind)) {
    phase_ = Phase::Confirm;  // nothing to price: the confirmation says what ends
    return;
  }
  phase_ = Phase::Previewing;
  const char* param = action_.kind == ActionKind::Plan         ? "plan"
                      : action_.kind == ActionKind::BuyPackage ? "package"
                                                               : "addon";
  const std::string target = std::string("/api/v1/me/plan/preview?") + param + "=" + action_.id;
  std::weak_ptr<int> alive = alive_;
  const int generation = generation_;
  ctx.call("GET", target, nullptr, [this, alive, generation](const client::Reply& reply) {
    if (alive.expired() || generation != generation_) return;  // gone, or the customer moved on
    if (reply.ok()) {
      preview_ = reply.body;
    } else {
      error_ = reply.error_message();
      error_code_ = reply.error_code();
    }
    phase_ = Phase::Confirm;
    platform::request_frame();
  });
}

void PlansScreen::back_to_browse() {
  ++generation_;
  phase_ = Phase::Browse;
  action_ = {};
  preview_ = nullptr;
  error_.clear();
  error_code_.clear();
  scroll_top_ = true;
}

void PlansScreen::keep_current_plan(app::Context& ctx) {
  if (!ctx.me().is_object()) return;
  const std::string plan = ctx.me().value("plan", "");
  std::weak_ptr<int> alive = alive_;
  app::Context* c = &ctx;
  ctx.call("POST", "/api/v1/me/plan", json{{"plan", plan}}, [alive, c, plan](const client::Reply& reply) {
    if (alive.expired()) return;
    if (reply.ok()) {
      ui::toast(trf("plans.toast.kept", {{"plan", plan_name(c->core_catalog(), plan)}}), ui::ToastKind::Success);
      c->refresh_me();
    } else {
      ui::toast(reply.error_message(), ui::ToastKind::Error, 6000);
    }
    platform::request_frame();
  });
}

void PlansScreen::confirm(app::Context& ctx) {
  std::string method = "POST", target;
  json body;
  switch (action_.kind) {
    case ActionKind::Plan:
      target = "/api/v1/me/plan";
      body = {{"plan", action_.id}};
      break;
    case ActionKind::BuyPackage:
      target = "/api/v1/me/packages";
      body = {{"package", action_.id}};
      break;
    case ActionKind::BuyAddon:
      target = "/api/v1/me/addons";
      body = {{"addon", action_.id}};
      break;
    case ActionKind::CancelPackage:
      method = "DELETE";
      target = "/api/v1/me/packages/" + action_.id;
      break;
    case ActionKind::CancelAddon:
      method = "DELETE";
      target = "/api/v1/me/addons/" + action_.id;
      break;
    case ActionKind::None: return;
  }
  phase_ = Phase::Applying;
  error_.clear();
  error_code_.clear();
  std::weak_ptr<int> alive = alive_;
  const int generation = generation_;
  app::Context* c = &ctx;
  const Action action = action_;
  ctx.call(method, target, body, [this, alive, generation, c, action](const client::Reply& reply) {
    if (alive.expired() || generation != generation_) return;
    platform::request_frame();
    if (!reply.ok()) {
      error_ = reply.error_message();
      error_code_ = reply.error_code();
      phase_ = Phase::Confirm;
      if (reply.status == 409) c->refresh_me();  // the subscription changed elsewhere: show it as it is
      return;
    }
    const Catalog& catalog = c->core_catalog();
    std::string message;
    switch (action.kind) {
      case ActionKind::Plan: {
        const json& change =
            reply.body.is_object() && reply.body.contains("change") ? reply.body["change"] : json::object();
        const std::string kind = change.is_object() ? change.value("kind", "") : "";
        const std::string name = plan_name(catalog, action.id);
        if (kind == "downgrade")
          message = trf("plans.toast.downgrade",
                        {{"plan", name}, {"date", p::date_text(p::wire_time(change.value("effective_at", json())))}});
        else if (kind == "none") message = trf("plans.toast.kept", {{"plan", name}});
        else message = trf("plans.toast.upgrade", {{"plan", name}});
        break;
      }
      case ActionKind::BuyAddon: {
        const json agent = reply.body.is_object() ? reply.body.value("dedicated_agent", json()) : json();
        message = action.id == "dedicated_agent" && agent.is_object()
                      ? trf("plans.toast.agent", {{"name", agent.value("name", "")}})
                      : trf("plans.toast.bought", {{"name", offer_name(p::offer(catalog, action.id, true))}});
        break;
      }
      case ActionKind::BuyPackage:
        message = trf("plans.toast.bought", {{"name", offer_name(p::offer(catalog, action.id, false))}});
        break;
      case ActionKind::CancelPackage:
      case ActionKind::CancelAddon:
        message = trf("plans.toast.cancelled",
                      {{"name", offer_name(p::offer(catalog, action.id, action.kind == ActionKind::CancelAddon))}});
        break;
      case ActionKind::None: break;
    }
    ui::toast(message, ui::ToastKind::Success, 6000);
    back_to_browse();
    // Something new to use: say so above the page, with the way to it. (A scheduled downgrade
    // shows in the subscription card; a cancellation needs no more than the toast.)
    const bool upgraded = action.kind == ActionKind::Plan && reply.body.is_object() && reply.body.contains("change") &&
                          reply.body["change"].is_object() && reply.body["change"].value("kind", "") == "upgrade";
    const bool gained = upgraded || action.kind == ActionKind::BuyAddon || action.kind == ActionKind::BuyPackage;
    if (gained) done_ = message;
    c->refresh_me();
  });
}

void PlansScreen::draw_confirm(app::Context& ctx) {
  const Catalog& catalog = ctx.core_catalog();
  const json& me = ctx.me();
  const ui::Palette& pal = ui::palette();
  const std::string current = me.is_object() ? me.value("plan", "") : "";
  const bool is_addon = action_.kind == ActionKind::BuyAddon || action_.kind == ActionKind::CancelAddon;
  const Plan* target_plan = catalog.find_plan(action_.id);
  const Offer* target_offer = p::offer(catalog, action_.id, is_addon);
  json change = preview_.is_object() ? preview_.value("change", json()) : json();
  if (!change.is_object()) change = json::object();
  std::string kind;
  if (action_.kind == ActionKind::Plan) {
    kind = change.value("kind", "");
    if (kind.empty()) kind = p::plan_change(catalog, me, action_.id).kind;  // no preview (yet, or refused)
  }

  // A text-like link: its label lines up with the title under it.
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() - 18);
  if (ui::button(p::with_id(tr("plans.confirm.back"), "confirm-back").c_str(), nullptr, ui::ButtonStyle::Ghost))
    back_to_browse();

  // Title.
  std::string heading;
  switch (action_.kind) {
    case ActionKind::Plan:
      heading = trf(kind == "upgrade" ? "plans.confirm.title_upgrade"
                    : kind == "none"  ? "plans.confirm.title_keep"
                                      : "plans.confirm.title_downgrade",
                    {{"plan", plan_name(catalog, action_.id)}});
      break;
    case ActionKind::BuyPackage:
    case ActionKind::BuyAddon: heading = trf("plans.confirm.title_buy", {{"name", offer_name(target_offer)}}); break;
    case ActionKind::CancelPackage:
    case ActionKind::CancelAddon:
      heading = trf("plans.confirm.title_cancel", {{"name", offer_name(target_offer)}});
      break;
    case ActionKind::None: break;
  }
  ui::title(heading.c_str());
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 6);
  ui::subtitle(tr("plans.confirm.subtitle"));
  ui::gap(8);

  ui::begin_card("plans-confirm");
  if (phase_ == Phase::Previewing) {
    p::loading(tr("plans.confirm.loading"));
    ui::gap(4);
    if (ui::button(p::with_id(tr("plans.confirm.cancel"), "confirm-cancel").c_str(), nullptr,
                   ui::ButtonStyle::Secondary))
      back_to_browse();
    ui::end_card();
    return;
  }

  const bool have_preview = preview_.is_object();
  const Instant period_end =
      me.is_object() && me.contains("period") ? p::wire_time(me["period"].value("end", json())) : 0;

  // "Pay now" and the amount of the preview's charge.
  auto pay_now = [&] {
    p::text(ui::Font::Small, pal.text_muted, tr("plans.confirm.pay_now_caption"));
    ui::FontScope f(ui::Font::Title);
    const std::string pay = trf("plans.confirm.pay_now", {{"amount", money(change.value("charge_now", json()))}});
    ImGui::TextUnformatted(pay.c_str());
    a11y::text(a11y::Role::Text, pay.c_str());  // the amount to pay, for screen readers too
  };
  if (have_preview || is_cancel(action_.kind)) {
    // ---- the money and the dates ----
    if (action_.kind == ActionKind::Plan && kind == "upgrade") {
      pay_now();
      {
        const json& nm = change.value("new_monthly", json());
        const json& om = change.value("old_monthly", json());
        const long long diff = (nm.is_object() ? nm.value("amount_cents", 0LL) : 0LL) -
                               (om.is_object() ? om.value("amount_cents", 0LL) : 0LL);
        ui::muted(trf("plans.confirm.prorated_difference",
                      {{"difference", money_cents(diff, nm.is_object() ? nm.value("currency", "EUR") : "EUR")},
                       {"date", p::date_text(period_end)}})
                      .c_str());
      }
      ui::gap(4);
      ui::body(trf("plans.confirm.then_monthly",
                   {{"price", money(change.value("new_monthly", json()))}, {"date", p::date_text(period_end)}})
                   .c_str());
    } else if (action_.kind == ActionKind::Plan && kind == "downgrade") {
      const Instant at = p::wire_time(change.value("effective_at", json()));
      p::text(ui::Font::Small, pal.text_muted, tr("plans.confirm.effective_caption"));
      {
        ui::FontScope f(ui::Font::Title);
        ImGui::TextUnformatted(p::date_text(at).c_str());
      }
      ui::body(trf("plans.confirm.downgrade_body", {{"current", plan_name(catalog, current)},
                                                    {"date", p::date_text(at)},
                                                    {"price", money(change.value("new_monthly", json()))}})
                   .c_str());
      ui::muted(tr("plans.confirm.nothing_now"));
      for (const json& id : p::items(change, "addons_dropped")) {
        const Offer* addon = p::offer(catalog, id.get<std::string>(), true);
        const std::string key = "plans.confirm.addon_ends." + id.get<std::string>();
        std::string s = tr(key.c_str());
        if (s == key) s = trf("plans.confirm.addon_ends", {{"name", offer_name(addon)}});
        s += " " + trf("plans.confirm.addon_saving", {{"price", addon ? money(addon->price) : ""}});
        ui::gap(4);
        p::note(p::Note::Warning, s.c_str());
      }
    } else if (action_.kind == ActionKind::Plan) {
      ui::body(trf("plans.confirm.keep_body", {{"plan", plan_name(catalog, action_.id)}}).c_str());
    } else if (!is_cancel(action_.kind)) {
      pay_now();
      ui::muted(trf("plans.confirm.prorated", {{"date", p::date_text(period_end)}}).c_str());
      ui::gap(4);
      ui::body(trf(is_addon ? "plans.confirm.then_on_top" : "plans.confirm.then_monthly",
                   {{"price", target_offer ? money(target_offer->price) : ""}, {"date", p::date_text(period_end)}})
                   .c_str());
    } else {
      // Cancelling: nothing to pay; say what ends.
      const std::string key = "plans.confirm.cancel_body." + action_.id;
      std::string s = tr(key.c_str());
      if (s == key) s = trf("plans.confirm.cancel_body", {{"name", offer_name(target_offer)}});
      ui::body(s.c_str());
      ui::muted(
          trf("plans.confirm.cancel_saving", {{"price", target_offer ? money(target_offer->price) : ""}}).c_str());
      if (is_addon && me.value("dedicated_agent", json()).is_object())
        ui::muted(trf("plans.confirm.cancel_agent", {{"name", me["dedicated_agent"].value("name", "")}}).c_str());
    }

    // ---- the tier and what it brings ----
    if (have_preview) {
      const std::string tier = preview_.value("effective_tier", "");
      if (!tier.empty() && tier != me.value("effective_tier", "")) {
        ui::gap(4);
        p::icon_text(icon::kCheckCircle, pal.success,
                     trf("plans.confirm.tier_becomes", {{"tier", tier_name(catalog, tier)}}).c_str());
      }
      std::vector<const Channel*> gained;
      if (action_.kind == ActionKind::Plan && kind == "upgrade")
        gained = channels_gained(channels_of(catalog.find_plan(current)), channels_of(target_plan));
      else if (action_.kind == ActionKind::BuyAddon && target_offer)
        gained = channels_gained({}, target_offer->channels);
      if (!gained.empty()) {
        ui::gap(6);
        ui::label(tr("plans.confirm.you_get"));
        for (const Channel* ch : gained)
          p::icon_text(channel_icon(ch->id), pal.brand, channel_name(action_.id, *ch).c_str());
      }
      if (action_.kind == ActionKind::Plan && kind == "downgrade") {
        std::vector<const Channel*> lost =
            channels_gained(channels_of(target_plan), channels_of(catalog.find_plan(current)));
        if (!lost.empty()) {
          ui::gap(6);
          ui::label(tr("plans.confirm.you_lose"));
          for (const Channel* ch : lost) p::icon_text(icon::kClose, pal.danger, channel_name(current, *ch).c_str());
        }
      }
      ui::gap(10);
      requests_table(catalog, preview_.value("requests", json::array()), kind != "downgrade" && kind != "none");
    }
    ui::gap(10);
  }

  // ---- refused or failed: the server's words, and the way forward ----
  if (!error_.empty()) {
    // The server's words, as a sentence.
    std::string message = error_;
    if (!message.empty() && message[0] >= 'a' && message[0] <= 'z')
      message[0] = static_cast<char>(message[0] - 'a' + 'A');
    if (!message.empty() && message.back() != '.' && message.back() != '!' && message.back() != '?') message += '.';
    p::note(p::Note::Danger, message.c_str(), [&] {
      if (error_code_ == "requires_plan" && target_offer) {
        const std::string need = target_offer->requires_plan;
        const std::string s =
            p::with_id(trf("plans.upgrade_to", {{"plan", plan_name(catalog, need)}}), "error-upgrade");
        if (ui::button(s.c_str())) start(ctx, {ActionKind::Plan, need});
      }
    });
    ui::gap(8);
  }

  // ---- confirm / cancel ----
  // Refused for a reason that trying again does not change (already owned, needs another plan,
  // would not raise the tier): no Confirm, only the way back. "no_agent" may pass later.
  const bool refused = error_code_ == "already_owned" || error_code_ == "requires_plan" || error_code_ == "no_gain";
  const bool can_confirm = (have_preview || is_cancel(action_.kind)) && !refused;
  const bool busy = phase_ == Phase::Applying;
  std::string confirm_label;
  if (action_.kind == ActionKind::Plan)
    confirm_label = tr(kind == "upgrade" ? "plans.confirm.confirm_upgrade"
                       : kind == "none"  ? "plans.confirm.confirm_keep"
                                         : "plans.confirm.confirm_downgrade");
  else if (is_cancel(action_.kind)) confirm_label = tr("plans.confirm.confirm_cancel");
  else confirm_label = tr("plans.confirm.confirm_purchase");
  if (busy) confirm_label = tr("plans.confirm.working");
  if (can_confirm) {
    if (busy) ImGui::BeginDisabled();
    const bool danger = is_cancel(action_.kind) || kind == "downgrade";
    if (ui::button(p::with_id(confirm_label, "confirm-ok").c_str(), busy ? icon::kClock : icon::kCheck,
                   danger ? ui::ButtonStyle::Danger : ui::ButtonStyle::Primary))
      confirm(ctx);
    if (busy) ImGui::EndDisabled();
    ImGui::SameLine(0, 8);
  }
  const std::string cancel =
      p::with_id(refused                   ? std::string(tr("plans.confirm.back"))
                 : is_cancel(action_.kind) ? trf("plans.confirm.keep_offer", {{"name", offer_name(target_offer)}})
                                           : std::string(tr("plans.confirm.cancel")),
                 "confirm-cancel");
  p::wrap_before(ui::button_width(cancel.c_str()));
  if (busy) ImGui::BeginDisabled();
  if (ui::button(cancel.c_str(), nullptr, ui::ButtonStyle::Secondary)) back_to_browse();
  if (busy) ImGui::EndDisabled();
  ui::end_card();
  ui::reveal_last_card("plans-confirm");  // the whole confirmation in view

  // For tests: what the preview said.
  test_hooks::set_value("plans.preview.kind", action_.kind == ActionKind::Plan ? kind
                                              : have_preview                   ? change.value("kind", "")
                                                                               : "cancel");
  test_hooks::set_value("plans.preview.charge_now", money(change.value("charge_now", json())));
  int earlier = 0, total = 0;
  for (const json& r : p::items(preview_, "requests")) {
    ++total;
    if (r.value("earlier_by_minutes", 0) > 0) ++earlier;
  }
  test_hooks::set_value("plans.preview.requests", std::to_string(total));
  test_hooks::set_value("plans.preview.earlier", std::to_string(earlier));
}

}  // namespace portal::screens
