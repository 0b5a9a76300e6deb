// What a company's subscription gives it: the effective tier and why, the SLA policies that apply,
// its channels (and the locked ones with the way to unlock them), and plan changes with prices.
#pragma once
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "domain/model.h"

namespace portal {

// One thing that sets a tier (seed 000): the plan, a package, or an operator rule.
struct TierSource {
  std::string kind;  // "plan", "package", "rule"
  std::string id, name, tier;
};

struct EffectiveTier {
  std::string tier;
  std::vector<TierSource> sources;  // every source that applies, highest tier first
};

EffectiveTier effective_tier(const Catalog& catalog, const Company& company, Instant now);

// Every policy that applies to the company (plan, packages, add-ons, granted tiers).
std::vector<const Policy*> applicable_policies(const Catalog& catalog, const Company& company, Instant now);

struct ChannelAccess {
  const Channel* channel = nullptr;
  bool locked = false;
  std::string unlock_kind;  // locked: "plan", "package" or "addon"
  std::string unlock_id;    // the cheapest offer that unlocks it
  std::int64_t unlock_price_cents = 0;
};
// The channels the company has, then those of higher tiers and add-ons, locked.
std::vector<ChannelAccess> channel_access(const Catalog& catalog, const Company& company, Instant now);

bool has_dedicated_agent(const Company& company);
bool tier_has_calls(const Catalog& catalog, const Company& company, Instant now);  // manager or dedicated agent
bool tier_has_onsite(const Catalog& catalog, const Company& company, Instant now);

// The first month of a new subscription, and the roll to later months: a pending downgrade
// takes effect at period end and drops add-ons that need a higher plan.
Instant add_months(Instant t, int months);
void start_period(Company& company, Instant now);
bool roll_period(const Catalog& catalog, Company& company, Instant now);  // true if it changed

struct PlanChange {
  std::string kind;  // "upgrade", "downgrade", "none"
  std::string from_plan, to_plan;
  std::int64_t old_monthly_cents = 0, new_monthly_cents = 0;
  std::int64_t charge_now_cents = 0;  // upgrade: prorated difference for the rest of the period
  Instant effective_at = 0;           // upgrade: now; downgrade: period end
  std::vector<std::string> addons_dropped;
  std::string currency = "EUR";
};
// Throws PortalError (validation, field "plan") for an unknown plan.
PlanChange quote_plan_change(const Catalog& catalog, const Company& company, const std::string& plan, Instant now);
void apply_plan_change(const Catalog& catalog, Company& company, const PlanChange& change);

// Prorated price of an offer for the rest of the current period.
std::int64_t prorated_cents(const Company& company, std::int64_t monthly_cents, Instant now);

// Checks that the company may buy the offer; throws PortalError (conflict) with the reason:
// "already_owned", "requires_plan", or "no_gain" (a package whose tier is not above the company's
// effective tier). The effective tier as the caller knows it (the portal: GET /me's, which counts
// the operator's rules on data the portal does not have) …
void check_can_buy(const Catalog& catalog, const Company& company, const Offer& offer, bool is_addon,
                   const std::string& effective_tier);
// … or computed here (effective_tier(catalog, company, now)).
void check_can_buy(const Catalog& catalog, const Company& company, const Offer& offer, bool is_addon, Instant now);

}  // namespace portal
