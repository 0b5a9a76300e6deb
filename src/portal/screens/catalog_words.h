// Catalog wording for every screen, in one place: the names of plans, tiers, offers, channels,
// severities and schedules, opening hours, SLA targets (the unit and amount decided by the core's
// describe_target, translated here) and prices. Everything reads the core's typed Catalog
// (ctx.core_catalog()); screens call these instead of keeping their own copies.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "catalog/catalog.h"
#include "sla/policy.h"
#include "sla/schedule.h"
#include "sla/wording.h"

namespace portal::screens {

// ---- catalog texts: the operator's words -------------------------------------------------------
// The translation of a catalog text (key "plans.<…>") in Russian or Bulgarian; in English, or
// when there is none, the catalog's own text (the operator's words win). `shared_key` is the
// portal-wide term tried next (assets/i18n/<lang>.json: "tier.premium", "channel.chat").
std::string catalog_text(const std::string& key, const std::string& english, const std::string& shared_key = "");
// Names by catalog_text ("plans.name.<id>", "plans.offer.<id>.name" …), as the Plans screen writes them.
std::string plan_name(const Catalog& catalog, const std::string& plan_id);  // the id when unknown
std::string tier_name(const Catalog& catalog, const std::string& tier);     // the name of the tier's plan
std::string offer_name(const Offer& offer);
std::string offer_name(const Offer* offer);  // "" for none
std::string offer_description(const Offer& offer);
// A plan may name a channel its own way ("Phone hotline 24/7": "plans.channel.<plan>.<id>").
std::string channel_name(const std::string& plan_id, const Channel& channel);
std::string severity_name(const Catalog& catalog, int severity);                    // "Critical"
std::string schedule_name(const Catalog& catalog, const std::string& schedule_id);  // "Weekdays 09:00–18:00"

// ---- the portal's terms: its translation first, the catalog's English as the fallback ---------
// What raised a tier (GET /me's tier_sources): a plan by its name, a package ("offer.<id>") or a
// rule ("rule.<id>": "Key account") by the portal's term, else the `english` the API sent.
std::string tier_source_name(const Catalog& catalog, const std::string& kind, const std::string& id,
                             const std::string& english);
// A channel of GET /me (My support's list): "channel.<id>": "Phone hotline".
std::string channel_name(const nlohmann::json& channel);
// "severity.<n>.definition": what a severity means ("Service down or unreachable; …").
std::string severity_definition(const Catalog& catalog, int severity);
// The icon of a channel id (email, phone, chat, their dedicated_ forms, chatbot, kb, forum,
// personal_manager, onsite); a neutral one for others.
const char* channel_icon(const std::string& channel_id);

// ---- hours -------------------------------------------------------------------------------------
// A schedule's opening hours as every screen writes them: on its own clock ("Mon–Fri
// 09:00–18:00 (Europe/Berlin)", "24/7") and, when they differ, on the customer's ("your time
// 10:00–19:00"; empty when the same). The week and its grouping are the core's (sla/wording.h).
struct ScheduleHours {
  std::string schedule;
  std::string yours;
};
ScheduleHours schedule_hours(const Schedule& schedule, Instant now);
// The schedule's name and, with `yours` (a signed-in user) when their clock differs, the hours on
// it: "Weekdays 09:00–18:00 · your time 10:00–19:00" (the same words as My support).
std::string hours_text(const Catalog& catalog, const std::string& schedule_id, bool yours);

// ---- targets -----------------------------------------------------------------------------------
// The amount of a target in the current language: "2 hours", "1 business day", "72 business
// hours". Use around_the_clock() of the same wording to add the screen's "24/7" mark.
std::string target_amount(const TargetWording& wording);
// A policy's first-response target for a severity: "24 business hours", "1 hour (24/7)"; "—"
// without a policy or target.
std::string target_text(const Policy* policy, int severity);

// ---- money -------------------------------------------------------------------------------------
// A price in the current language: "€1,490" (whole amounts without cents), "" when absent. The
// one money() of the portal: catalog prices (Money) and the API's price objects
// {amount_cents, currency} (GET /me's monthly total, a preview's charge).
std::string money(const nlohmann::json& price);
std::string money(const Money& price);
std::string money_cents(std::int64_t cents, const std::string& currency = "EUR");

}  // namespace portal::screens
