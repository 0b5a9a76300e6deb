// Catalog wording for every screen, in one place: how an SLA target reads (the unit and amount
// decided by the core's describe_target, translated here) and catalog prices. Screens call these
// instead of keeping their own copies.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "catalog/catalog.h"
#include "sla/policy.h"
#include "sla/schedule.h"
#include "sla/wording.h"

namespace portal::screens {

// Names from the catalog in the current language, the catalog's English as the fallback.
std::string tier_name(const std::string& tier);           // "tier.<tier>": "Premium"
std::string offer_name(const nlohmann::json& offer);      // "offer.<id>": "Dedicated agent"
std::string channel_name(const nlohmann::json& channel);  // "channel.<id>": "Phone"
// The icon of a channel id (email, phone, chat, their dedicated_ forms, chatbot, kb, forum,
// personal_manager, onsite); a neutral one for others.
const char* channel_icon(const std::string& channel_id);

// The amount of a target in the current language: "2 hours", "1 business day", "72 business
// hours". Use around_the_clock() of the same wording to add the screen's "24/7" mark.
std::string target_amount(const TargetWording& wording);

// A schedule's opening hours as every screen writes them: on its own clock ("Mon–Fri
// 09:00–18:00 (Europe/Berlin)", "24/7") and, when they differ, on the customer's ("your time
// 10:00–19:00"; empty when the same). The week and its grouping are the core's (sla/wording.h).
struct ScheduleHours {
  std::string schedule;
  std::string yours;
};
ScheduleHours schedule_hours(const Schedule& schedule, Instant now);

// A catalog price {amount_cents, currency} in the current language: "€1,490" (whole amounts
// without cents), "" when absent. The one money() of the portal.
std::string money(const nlohmann::json& price);
std::string money(const Money& price);
std::string money_cents(std::int64_t cents, const std::string& currency = "EUR");

}  // namespace portal::screens
