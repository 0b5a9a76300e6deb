// The Calls screen's frame: header, the agent, the week or the booking card, My calls; loading
// the free slots and the calls; the locked card for plans without calls (see calls.h).
#include "screens/calls.h"

#include <imgui.h>

#include "client/browser_clock.h"
#include "screens/catalog_words.h"
#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/calls_parts.h"
#include "time/iso8601.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

using namespace calls;

void CallsScreen::draw(app::Context& ctx) {
  // A different customer signed in: start over.
  const std::string who = signed_in_as(ctx);
  if (who != session_) {
    session_ = who;
    *this = CallsScreen();
    session_ = who;
  }
  // Coming back to the screen (the plan may have changed, a call been booked elsewhere): reload.
  if (ImGui::GetFrameCount() - last_frame_ > 1 && slots_state_ != Slots::Loading) {
    slots_state_ = Slots::Idle;
    bookings_loaded_ = false;
  }
  last_frame_ = ImGui::GetFrameCount();
  if (ctx.role() == "agent") {
    draw_agent_calls(ctx);
    publish(ctx);
    return;
  }
  if (!pending_with_.empty()) {
    if (pending_with_ != str(slots_, "with")) {
      with_ = pending_with_;
      slots_state_ = Slots::Idle;  // the week of the other person
      slots_ = json();
    }
    pending_with_.clear();
  }
  if (monday_ == 0) monday_ = monday_of(local_day(client::now()));
  if (slots_state_ == Slots::Idle || (slots_state_ != Slots::Loading && slots_monday_ != monday_)) load_slots(ctx);
  if (!bookings_loaded_ && slots_state_ == Slots::Ready) load_bookings(ctx);

  if (scroll_top_) {
    ImGui::SetScrollY(0);
    scroll_top_ = false;
  }
  ui::title(tr("nav.calls"));
  ui::subtitle(tr("calls.subtitle"));

  if (slots_state_ == Slots::Locked) {
    draw_locked(ctx);
  } else if (slots_state_ == Slots::Failed && slots_.is_null()) {
    ui::begin_card("calls-failed");
    note(Note::Danger, error_.empty() ? std::string(tr("calls.load_failed")) : error_, [&] {
      if (ui::button(with_id(tr("calls.retry"), "calls-retry").c_str(), icon::kRefresh, ui::ButtonStyle::Secondary))
        load_slots(ctx);
    });
    ui::end_card();
  } else if (slots_.is_null()) {
    ui::begin_card("calls-loading");
    text(ui::Font::Body, ui::palette().text_muted, std::string(icon::kClock) + "  " + tr("calls.loading"));
    ui::end_card();
  } else if (view_ == View::Book) {
    draw_booking(ctx);
  } else {
    draw_agent(ctx);
    if (ui::wide_layout()) {
      draw_week(ctx);
      draw_list(ctx);
    } else {  // a phone: one's calls first, not below a week of slot buttons
      draw_list(ctx);
      draw_week(ctx);
    }
  }
  publish(ctx);
}

void CallsScreen::load_slots(app::Context& ctx) {
  const std::int64_t monday = monday_;
  const int gen = ++slots_gen_;
  slots_state_ = Slots::Loading;
  slots_monday_ = monday;
  const std::string target =
      "/booking/slots?from=" + iso(local_midnight(monday)) + "&to=" + iso(local_midnight(monday + 7)) + slots_query();
  std::weak_ptr<int> alive = alive_;
  ctx.call("GET", target, nullptr, [this, alive, gen, monday](const client::Reply& r) {
    if (alive.expired() || gen != slots_gen_) return;
    if (r.status == 403) {
      slots_state_ = Slots::Locked;
      locked_message_ = r.error_message();
      return;
    }
    if (!r.ok()) {
      slots_state_ = Slots::Failed;
      error_ = r.error_message();
      return;
    }
    slots_ = r.body;
    slots_state_ = Slots::Ready;
    // Nothing left this week (e.g. on a Sunday): show the next week once, and say so.
    if (!auto_advanced_ && items(slots_, "slots").empty() && monday == monday_of(local_day(client::now()))) {
      auto_advanced_ = true;
      monday_ += 7;
    }
  });
}

std::string CallsScreen::slots_query() const { return with_.empty() ? "" : "&with=" + url_encode(with_); }

// Taken at the start of the next frame: the week being drawn keeps its data until then.
void CallsScreen::choose_with(const std::string& with) { pending_with_ = with; }

void CallsScreen::load_bookings(app::Context& ctx) {
  bookings_loaded_ = true;
  std::weak_ptr<int> alive = alive_;
  ctx.call("GET", "/bookings", nullptr, [this, alive](const client::Reply& r) {
    if (alive.expired() || !r.ok()) return;
    bookings_ = items(r.body, "bookings");
  });
}

// "Maria Ivanova · your dedicated agent" and whose zone the times are in.
void CallsScreen::draw_agent(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const json agent = slots_.contains("agent") ? slots_["agent"] : json();
  const std::string name = str(agent, "name");
  const std::string agent_tz = slots_.contains("schedule") ? str(slots_["schedule"], "tz") : "";
  const bool is_dedicated = str(slots_, "with") == "dedicated";

  ui::begin_card("calls-agent");
  ImGui::BeginGroup();
  icon_tile(icon::kUser, p.brand, p.brand_soft, 44);
  ImGui::EndGroup();
  ImGui::SameLine(0, 14);
  ImGui::BeginGroup();
  text(ui::Font::Heading, p.text, name, false);
  ui::badge(tr(is_dedicated ? "calls.role_dedicated" : "calls.role_manager"), p.brand, p.brand_soft);
  ImGui::EndGroup();
  ui::gap(4);
  const std::string zone = client::browser_zone_name();
  std::string zones = trf("calls.zone_yours", {{"zone", zone}});
  if (!agent_tz.empty() && agent_tz != zone)
    zones += "; " + trf("calls.zone_agent", {{"name", first_name(name)}, {"zone", agent_tz}});
  text(ui::Font::Body, p.text_muted, std::string(icon::kGlobe) + "  " + zones);
  const int slot = slots_.value("slot_minutes", 30);
  const int notice_h = slots_.value("min_notice_minutes", 120) / 60;
  const int horizon = slots_.value("horizon_days", 21);
  text(
      ui::Font::Small, p.text_muted,
      trf("calls.rules",
          {{"minutes", std::to_string(slot)}, {"hours", std::to_string(notice_h)}, {"days", std::to_string(horizon)}}));
  test_hooks::set_value("calls.agent", name);
  test_hooks::set_value("calls.agent_tz", agent_tz);
  test_hooks::set_value("calls.zone", zone);
  draw_with_choice(ctx);
  ui::end_card();
}

// A Premium customer with the dedicated agent add-on has two people to call: their personal
// manager and their dedicated agent. Both are offered; the week below is the chosen one's.
void CallsScreen::draw_with_choice(app::Context&) {
  const json& choices = items(slots_, "choices");
  std::string list;
  for (const json& c : choices) list += (list.empty() ? "" : ",") + str(c, "with");
  test_hooks::set_value("calls.choices", list);
  test_hooks::set_value("calls.with", str(slots_, "with"));
  if (choices.size() < 2) return;
  ui::gap(4);
  text(ui::Font::Strong, ui::palette().text, tr("calls.with_choice"));
  bool first = true;
  std::string chosen;
  for (const json& c : choices) {
    const std::string with = str(c, "with");
    const std::string name = c.contains("agent") ? str(c["agent"], "name") : "";
    const bool on = str(slots_, "with") == with;
    const std::string label =
        with_id(trf(with == "dedicated" ? "calls.with_dedicated" : "calls.with_manager", {{"name", name}}),
                "calls-with-" + with);
    if (!first) {
      ImGui::SameLine(0, 8);
      wrap_before(ui::button_width(label.c_str(), on ? icon::kCheckCircle : icon::kUser));
    }
    first = false;
    if (ui::button(label.c_str(), on ? icon::kCheckCircle : icon::kUser,
                   on ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary) &&
        !on && reschedule_id_.empty())
      chosen = with;
  }
  if (!chosen.empty()) choose_with(chosen);  // after the loop: it replaces slots_
}

// An agent's Calls: no week to book from (customers book), only the calls booked with them.
void CallsScreen::draw_agent_calls(app::Context& ctx) {
  if (!bookings_loaded_) load_bookings(ctx);
  if (scroll_top_) {
    ImGui::SetScrollY(0);
    scroll_top_ = false;
  }
  ui::title(tr("nav.calls"));
  ui::subtitle(tr("calls.agent_subtitle"));
  draw_list(ctx, true);
}

// Customers without calls: what brings them (plans with a personal manager, the packages that
// raise the tier to one, the dedicated agent add-on) and a way to Plans.
void CallsScreen::draw_locked(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const Catalog& catalog = ctx.core_catalog();
  struct Way {
    std::string id, what, price;
  };
  std::vector<Way> ways;
  std::vector<std::string> manager_tiers;
  for (const Plan& plan : catalog.plans)
    if (plan.personal_manager) {
      manager_tiers.push_back(plan.tier);
      ways.push_back(
          {"plan-" + plan.id, trf("calls.unlock_plan", {{"name", tier_name(catalog, plan.tier)}}), money(plan.price)});
    }
  for (const Offer& pkg : catalog.packages)
    for (const std::string& t : manager_tiers)
      if (pkg.tier == t)
        ways.push_back(
            {"package-" + pkg.id, trf("calls.unlock_package", {{"name", offer_name(pkg)}}), money(pkg.price)});
  if (const Offer* addon = catalog.find_addon("dedicated_agent"))  // it requires Premium (the catalog checks it)
    ways.push_back(
        {"addon-dedicated_agent",
         trf("calls.unlock_addon", {{"name", offer_name(*addon)}, {"plan", plan_name(catalog, addon->requires_plan)}}),
         money(addon->price)});

  ui::begin_card("calls-locked");
  ImGui::BeginGroup();
  icon_tile(icon::kLock, p.text_muted, p.surface_alt, 44);
  ImGui::EndGroup();
  ImGui::SameLine(0, 14);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(0);
  ui::heading(tr("calls.locked_title"));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  ui::body(tr("calls.locked_body"));
  ui::gap(4);
  std::string ids;
  for (const Way& w : ways) {
    ui::separator();
    ImGui::PushID(w.id.c_str());
    text(ui::Font::Strong, p.text, std::string(icon::kCheck) + "  " + w.what);
    text(ui::Font::Small, p.text_muted, trf("calls.per_month", {{"price", w.price}}));
    ImGui::PopID();
    ids += (ids.empty() ? "" : ",") + w.id;
  }
  ui::gap(8);
  if (ui::button(with_id(tr("calls.see_plans"), "calls-see-plans").c_str(), icon::kChevronRight)) ctx.go("plans");
  test_hooks::set_value("calls.unlock", ids);
  ui::end_card();
}

void CallsScreen::publish(app::Context& ctx) {
  const char* state = ctx.role() == "agent"           ? "agent"
                      : slots_state_ == Slots::Locked ? "locked"
                      : slots_state_ == Slots::Failed ? "failed"
                      : slots_.is_null()              ? "loading"
                      : view_ == View::Book           ? (reschedule_id_.empty() ? "book" : "reschedule")
                                                      : "week";
  test_hooks::set_value("calls.state", state);
  test_hooks::set_value("calls.locked", locked_message_);
  test_hooks::set_value("calls.loading", slots_state_ == Slots::Loading ? "1" : "");
  test_hooks::set_value("calls.week", slots_.is_null() ? "" : format_date(civil_from_days(slots_monday_)));
  test_hooks::set_value("calls.picked", picked_ ? iso(picked_) : "");
  test_hooks::set_value("calls.error", error_);
  test_hooks::set_value("calls.error_code", error_code_);
  test_hooks::set_value("calls.error_field", error_field_);
  test_hooks::set_value("calls.rescheduling", reschedule_id_);
  std::string alt;
  for (Instant t : alternatives_) alt += (alt.empty() ? "" : ",") + iso(t);
  test_hooks::set_value("calls.alternatives", alt);
  std::string list;
  for (const json& b : bookings_)
    list += (list.empty() ? "" : ",") + str(b, "id") + "@" + str(b, "start") + "@" + str(b, "status");
  test_hooks::set_value("calls.bookings", list);
}

}  // namespace portal::screens
