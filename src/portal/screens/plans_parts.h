// Shared by the Plans screen's files (plans*.cpp): the words for catalog data and a few small
// visual pieces built from the ui:: widgets. Not for other screens.
#pragma once
#include <imgui.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"
#include "catalog/catalog.h"
#include "domain/subscription.h"
#include "screens/catalog_words.h"
#include "time/civil.h"
#include "screens/common.h"
#include "ui/widgets.h"

namespace portal::screens::plans {

using nlohmann::json;

// ---- the typed catalog (ctx.core_catalog(): the core's Catalog, parsed from GET /plans) ---------
const Plan* plan(const Catalog& catalog, const std::string& id);                   // null when unknown
const Offer* offer(const Catalog& catalog, const std::string& id, bool is_addon);  // null when unknown
int plan_rank(const Catalog& catalog, const std::string& id);                      // 0 when unknown
std::string plan_name(const Catalog& catalog, const std::string& id);
std::string tier_name(const Catalog& catalog, const std::string& tier);  // the name of the tier's plan
std::string offer_name(const Offer& offer);
std::string offer_name(const Offer* offer);  // "" for none
std::string severity_name(const Catalog& catalog, int severity);
std::string offer_description(const Offer& offer);
std::string channel_name(const std::string& plan_id, const Channel& channel);
// The subscription of the signed-in customer as the core's Company, from GET /me (plan, packages,
// add-ons, billing period): what the core's subscription rules need (domain/subscription.h).
Company company_of(const json& me);
// Choosing `plan_id`, by the core's rule (quote_plan_change): upgrade now, downgrade at period end
// with the add-ons it ends, or none; the kind "none" for an unknown plan.
PlanChange plan_change(const Catalog& catalog, const json& me, const std::string& plan_id);
// Why the customer may not buy `offer`, by the core's rules (check_can_buy): "already_owned",
// "requires_plan", "no_gain", or "" when they may. The tier compared is /me's effective tier (the
// Company from /me lacks the category, tenure and volume that may raise it).
std::string buy_refusal(const Catalog& catalog, const json& me, const Offer& offer, bool is_addon);

// ---- catalog lookups (the catalog's JSON) --------------------------------------------------------
const json& plan(const json& catalog, const std::string& id);
const json& plan_by_rank(const json& catalog, int rank);
int plan_rank(const json& catalog, const std::string& id);    // 0 when unknown
int tier_rank(const json& catalog, const std::string& tier);  // 1-based, 0 when unknown
const json& schedule(const json& catalog, const std::string& id);
const json& policy(const json& catalog, const std::string& id);
const json& offer(const json& catalog, const std::string& id, bool is_addon);
bool has(const json& list, const std::string& value);  // a JSON array of strings holds value
// obj[key] when it is an array, else an empty array (a reference that outlives loops over it).
const json& items(const json& obj, const char* key);

// ---- words -------------------------------------------------------------------------------------
// The translation of a catalog text (key "plans.<…>") in Russian or Bulgarian; in English, or
// when there is none, the catalog's own text (the operator's words win).
// `shared_key` is the portal-wide term (assets/i18n/<lang>.json: "tier.premium", "channel.chat").
std::string catalog_text(const std::string& key, const std::string& english, const std::string& shared_key = "");
std::string plan_name(const json& catalog, const std::string& id);
std::string tier_name(const json& catalog, const std::string& tier);
std::string offer_name(const json& offer);
std::string offer_description(const json& offer);
std::string channel_name(const std::string& plan_id, const json& channel);
using screens::channel_icon;  // catalog_words.h
std::string schedule_name(const json& catalog, const std::string& id);
// The schedule's name and, for a signed-in user whose clock differs, the hours on their clock:
// "Weekdays 09:00–18:00 · your time 10:00–19:00" (the same words as My support).
std::string hours_text(const app::Context& ctx, const std::string& schedule_id);
std::string severity_name(const json& catalog, int severity);

// "€1,490" (i18n::format()); a price object {amount_cents, currency}.
using screens::money;
using screens::money_cents;
// A response target: "24 business hours", "1 business day", "1 hour (24/7)", "30 minutes (24/7)".
// The policy's first-response target for a severity (the core's describe_target decides the unit).
std::string target_text(const Policy* policy, int severity);
// A date in the customer's zone and language: "Tue, 1 Dec" (with the year if not this year).
std::string date_text(Instant t);
std::string when_text(Instant t);      // date and time: "Tue, 24 Nov, 10:00"
Instant wire_time(const json& value);  // "2026-11-23T09:00:00Z" → instant, 0 when absent

// ---- pieces (shared ones: screens/common.h, ui/widgets.h) ---------------------------------------
using screens::plural;
using screens::with_id;
using ui::icon_text;
using ui::note;
using ui::text;
using ui::wrap_before;
using Note = ui::NoteKind;
// "left ………… right" on one line when it fits, else right under left.
void key_value(const char* left, const char* right, ImU32 right_color = 0, ui::Font left_font = ui::Font::Body,
               ui::Font right_font = ui::Font::Strong);
// Badges side by side (ui::badge), each on a new line when it would not fit.
class BadgeRow {
 public:
  void add(const std::string& text, ImU32 fg, ImU32 bg);

 private:
  bool any_ = false;
};
// Four small bars, `rank` of them filled: the tier at a glance.
void tier_meter(int rank, int of);
// Shows "Loading…" muted with a clock icon.
void loading(const char* s);

}  // namespace portal::screens::plans

namespace portal::screens {
namespace p = plans;  // the Plans screen's files call its pieces p::…
}  // namespace portal::screens
