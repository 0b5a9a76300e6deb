// Shared by the Plans screen's files (plans*.cpp): the customer's subscription for the core's rules,
// dates, and a few small visual pieces built from the ui:: widgets. Not for other screens. The
// words for catalog data are every screen's: screens/catalog_words.h.
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

// ---- the subscription (the core's typed Catalog: ctx.core_catalog(); catalog words: catalog_words.h)
const Offer* offer(const Catalog& catalog, const std::string& id, bool is_addon);  // null when unknown
// The subscription of the signed-in customer as the core's Company, from GET /me (plan, packages,
// add-ons, billing period): what the core's subscription rules need (domain/subscription.h).
Company company_of(const json& me);
// Choosing `plan_id`, by the core's rule (quote_plan_change): upgrade now, downgrade at period end
// with the add-ons it ends, or none; the kind "none" for an unknown plan.
PlanChange plan_change(const Catalog& catalog, const json& me, const std::string& plan_id);
// Why the customer may not buy `offer`, by the core's rule (check_can_buy): "already_owned",
// "requires_plan", "no_gain", or "" when they may. The tier compared is /me's effective tier (the
// Company from /me lacks the category, tenure and volume that may raise it).
std::string buy_refusal(const Catalog& catalog, const json& me, const Offer& offer, bool is_addon);

// ---- GET /me and the API's replies (JSON) -------------------------------------------------------
bool has(const json& list, const std::string& value);  // a JSON array of strings holds value
// obj[key] when it is an array, else an empty array (a reference that outlives loops over it).
const json& items(const json& obj, const char* key);
Instant wire_time(const json& value);  // "2026-11-23T09:00:00Z" → instant, 0 when absent
// A date in the customer's zone and language: "Tue, 1 Dec" (with the year if not this year).
std::string date_text(Instant t);
std::string when_text(Instant t);  // date and time: "Tue, 24 Nov, 10:00"

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
