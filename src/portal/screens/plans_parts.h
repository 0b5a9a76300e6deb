// Shared by the Plans screen's files (plans*.cpp): the words for catalog data and a few small
// visual pieces built from the ui:: widgets. Not for other screens.
#pragma once
#include <imgui.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"
#include "screens/catalog_words.h"
#include "time/civil.h"
#include "screens/common.h"
#include "ui/widgets.h"

namespace portal::screens::plans {

using nlohmann::json;

// ---- catalog lookups ---------------------------------------------------------------------------
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
// Four small bars, `rank` of them filled: the tier at a glance.
void tier_meter(int rank, int of);
// Shows "Loading…" muted with a clock icon.
void loading(const char* s);

}  // namespace portal::screens::plans
