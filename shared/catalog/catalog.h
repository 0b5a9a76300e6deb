// The catalog: plans, packages, add-ons, schedules, SLA policies and the rules around them.
// Operators edit assets/catalog.json; load_catalog validates it and names the key at fault.
#pragma once
#include <deque>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sla/policy.h"
#include "sla/schedule.h"

namespace portal {

struct CatalogError : std::runtime_error {
  using std::runtime_error::runtime_error;  // message: "catalog: plans[1].price.amount_cents: ..."
};

struct Money {
  std::int64_t amount_cents = 0;
  std::string currency = "EUR";
  std::string period = "month";
};

struct Channel {
  std::string id, name, contact, schedule_id;
  const Schedule* schedule = nullptr;  // null: no hours (always reachable)
};

struct Plan {
  std::string id, tier, name;
  int rank = 0;
  Money price;
  std::vector<Channel> channels;
  std::string schedule_id, policy_id;
  const Policy* policy = nullptr;
  bool personal_manager = false;
  bool onsite = false;
  std::vector<std::string> pros, cons;
};

// A support package (raises the tier) or an add-on (the dedicated agent).
struct Offer {
  std::string id, name, description;
  Money price;
  std::string tier;           // empty: does not raise the tier
  std::string requires_plan;  // empty: any plan
  std::string policy_id, schedule_id;
  const Policy* policy = nullptr;
  const Schedule* schedule = nullptr;
  std::vector<Channel> channels;
};

// A tier the operator grants by customer category, tenure or volume (seed 000).
struct TierRule {
  std::string id, name, tier;
  std::optional<std::string> category;
  std::optional<int> min_tenure_months;
  std::optional<std::int64_t> min_monthly_volume_cents;
};

struct SeverityInfo {
  int severity = 0;
  std::string name, definition;
};

struct BookingRules {
  int slot_minutes = 30;
  int min_notice_minutes = 120;
  int horizon_days = 21;
  std::string manager_schedule_id;
  const Schedule* manager_schedule = nullptr;
};

// Limits on what one customer or client address may do, as data (catalog "quotas"): operators
// tune them without a rebuild. Rates answer 429 with Retry-After, the bookings cap 409.
struct Quotas {
  int new_requests_per_company_per_hour = 30;
  int messages_per_request_per_minute = 10;
  int future_bookings_per_company = 3;
  int registrations_per_address_per_10_minutes = 5;
};

struct Catalog {
  Catalog() = default;
  Catalog(const Catalog&) = delete;  // holds pointers into itself; moving keeps them valid
  Catalog& operator=(const Catalog&) = delete;
  Catalog(Catalog&&) = default;
  Catalog& operator=(Catalog&&) = default;

  std::vector<std::string> tiers;  // lowest first: basic, standard, priority, premium
  std::vector<Plan> plans;
  std::vector<Offer> packages, addons;
  std::deque<Schedule> schedules;  // deque: stable addresses for the resolved pointers
  std::deque<Policy> policies;
  std::vector<TierRule> tier_rules;
  std::vector<SeverityInfo> severities;
  std::vector<std::string> categories;
  BookingRules booking;
  int session_ttl_days = 30;
  Quotas quotas;
  std::string public_json;  // the GET /plans body, serialised once

  const Plan* find_plan(std::string_view id) const;
  const Offer* find_package(std::string_view id) const;
  const Offer* find_addon(std::string_view id) const;
  const Schedule* find_schedule(std::string_view id) const;
  const Policy* find_policy(std::string_view id) const;
  // 1-based rank of a tier name, 0 when unknown.
  int tier_rank(std::string_view tier) const;
  // The plan that stands for a tier (plan.tier == tier), for its channels and policy.
  const Plan* plan_for_tier(std::string_view tier) const;
};

// Parses and validates; throws CatalogError naming the key and the problem.
Catalog load_catalog(std::string_view json_text);

// The public catalog (GET /plans, Catalog::public_json) as the portal receives it, typed with the
// same parser and checks. What the public part leaves out stays at its default: no manager
// schedule, the five required request categories, default sessions and quotas.
Catalog load_public_catalog(std::string_view json_text);

}  // namespace portal
