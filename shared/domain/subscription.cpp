#include "domain/subscription.h"

#include <algorithm>
#include <set>

#include "domain/errors.h"

namespace portal {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

int months_between(Instant from, Instant to) {
  if (to <= from) return 0;
  CivilDate a = civil_from_days(floor_div(from, kSecondsPerDay));
  CivilDate b = civil_from_days(floor_div(to, kSecondsPerDay));
  int months = (b.year - a.year) * 12 + (b.month - a.month);
  if (b.day < a.day) --months;
  return std::max(months, 0);
}

}  // namespace

EffectiveTier effective_tier(const Catalog& catalog, const Company& company, Instant now) {
  EffectiveTier result;
  if (const Plan* plan = catalog.find_plan(company.plan))
    result.sources.push_back({"plan", plan->id, plan->name, plan->tier});
  for (const std::string& id : company.packages)
    if (const Offer* pkg = catalog.find_package(id); pkg && !pkg->tier.empty())
      result.sources.push_back({"package", pkg->id, pkg->name, pkg->tier});
  for (const TierRule& rule : catalog.tier_rules) {
    bool applies = false;
    if (rule.category && company.category == *rule.category) applies = true;
    if (rule.min_tenure_months && company.customer_since > 0 &&
        months_between(company.customer_since, now) >= *rule.min_tenure_months)
      applies = true;
    if (rule.min_monthly_volume_cents && company.monthly_volume_cents >= *rule.min_monthly_volume_cents) applies = true;
    if (applies) result.sources.push_back({"rule", rule.id, rule.name, rule.tier});
  }
  std::stable_sort(result.sources.begin(), result.sources.end(), [&](const TierSource& a, const TierSource& b) {
    return catalog.tier_rank(a.tier) > catalog.tier_rank(b.tier);
  });
  result.tier = result.sources.empty() ? catalog.tiers.front() : result.sources.front().tier;
  return result;
}

std::vector<const Policy*> applicable_policies(const Catalog& catalog, const Company& company, Instant now) {
  std::vector<const Policy*> out;
  auto add = [&](const Policy* p) {
    if (p && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  };
  if (const Plan* plan = catalog.find_plan(company.plan)) add(plan->policy);
  for (const std::string& id : company.packages)
    if (const Offer* pkg = catalog.find_package(id)) add(pkg->policy);
  for (const std::string& id : company.addons)
    if (const Offer* addon = catalog.find_addon(id)) add(addon->policy);
  // A tier granted by a rule brings the policy of the plan of that tier.
  for (const TierSource& src : effective_tier(catalog, company, now).sources)
    if (src.kind == "rule")
      if (const Plan* plan = catalog.plan_for_tier(src.tier)) add(plan->policy);
  return out;
}

bool has_dedicated_agent(const Company& company) { return contains(company.addons, "dedicated_agent"); }

bool tier_has_calls(const Catalog& catalog, const Company& company, Instant now) {
  if (has_dedicated_agent(company)) return true;
  const Plan* plan = catalog.plan_for_tier(effective_tier(catalog, company, now).tier);
  return plan && plan->personal_manager;
}

bool tier_has_onsite(const Catalog& catalog, const Company& company, Instant now) {
  const Plan* plan = catalog.plan_for_tier(effective_tier(catalog, company, now).tier);
  return plan && plan->onsite;
}

std::vector<ChannelAccess> channel_access(const Catalog& catalog, const Company& company, Instant now) {
  std::vector<ChannelAccess> out;
  std::set<std::string> have;
  const EffectiveTier tier = effective_tier(catalog, company, now);
  const int rank = catalog.tier_rank(tier.tier);
  if (const Plan* plan = catalog.plan_for_tier(tier.tier))
    for (const Channel& ch : plan->channels) {
      out.emplace_back().channel = &ch;
      have.insert(ch.id);
    }
  for (const std::string& id : company.addons)
    if (const Offer* addon = catalog.find_addon(id))
      for (const Channel& ch : addon->channels)
        if (have.insert(ch.id).second) out.emplace_back().channel = &ch;

  // Locked: channels of higher tiers, each with the cheapest plan or package that unlocks it.
  for (const Plan& plan : catalog.plans) {
    if (plan.rank <= rank) continue;
    for (const Channel& ch : plan.channels) {
      if (have.count(ch.id)) continue;
      ChannelAccess access{&ch, true, "plan", plan.id, plan.price.amount_cents};
      for (const Offer& pkg : catalog.packages)
        if (catalog.tier_rank(pkg.tier) >= plan.rank && pkg.price.amount_cents < access.unlock_price_cents)
          access = {&ch, true, "package", pkg.id, pkg.price.amount_cents};
      have.insert(ch.id);
      out.push_back(access);
    }
  }
  for (const Offer& addon : catalog.addons)
    for (const Channel& ch : addon.channels)
      if (have.insert(ch.id).second) out.push_back({&ch, true, "addon", addon.id, addon.price.amount_cents});
  return out;
}

Instant add_months(Instant t, int months) {
  const std::int64_t days = floor_div(t, kSecondsPerDay);
  const Instant time_of_day = t - days * kSecondsPerDay;
  CivilDate d = civil_from_days(days);
  int month_index = d.year * 12 + (d.month - 1) + months;
  d.year = month_index / 12;
  d.month = month_index % 12 + 1;
  d.day = std::min(d.day, days_in_month(d.year, d.month));
  return days_from_civil(d) * kSecondsPerDay + time_of_day;
}

void start_period(Company& company, Instant now) {
  company.period_start = now;
  company.period_end = add_months(now, 1);
}

bool roll_period(const Catalog& catalog, Company& company, Instant now) {
  bool changed = false;
  while (company.period_end > 0 && now >= company.period_end) {
    if (!company.pending_plan.empty()) {
      company.plan = company.pending_plan;
      company.pending_plan.clear();
      const Plan* plan = catalog.find_plan(company.plan);
      // Add-ons that need a higher plan end with it (api.md: a downgrade below premium drops
      // dedicated_agent).
      std::erase_if(company.addons, [&](const std::string& id) {
        const Offer* addon = catalog.find_addon(id);
        const Plan* required = addon ? catalog.find_plan(addon->requires_plan) : nullptr;
        return required && plan && plan->rank < required->rank;
      });
      if (!has_dedicated_agent(company)) company.dedicated_agent_id.clear();
    }
    company.period_start = company.period_end;
    company.period_end = add_months(company.period_start, 1);
    changed = true;
  }
  return changed;
}

std::int64_t prorated_cents(const Company& company, std::int64_t monthly_cents, Instant now) {
  const Instant length = company.period_end - company.period_start;
  if (length <= 0) return monthly_cents;
  const Instant remaining = std::clamp<Instant>(company.period_end - now, 0, length);
  // Rounded to the nearest cent; __int128-free: amounts and seconds are far below 2^63 / 2^23.
  return (monthly_cents * remaining + length / 2) / length;
}

PlanChange quote_plan_change(const Catalog& catalog, const Company& company, const std::string& plan_id, Instant now) {
  const Plan* to = catalog.find_plan(plan_id);
  if (!to) fail_validation("plan", "unknown plan \"" + plan_id + "\"; choose basic, standard, priority or premium");
  const Plan* from = catalog.find_plan(company.plan);
  PlanChange c;
  c.from_plan = company.plan;
  c.to_plan = to->id;
  c.old_monthly_cents = from ? from->price.amount_cents : 0;
  c.new_monthly_cents = to->price.amount_cents;
  c.currency = to->price.currency;
  const int from_rank = from ? from->rank : 0;
  if (to->rank == from_rank) {
    c.kind = "none";
    c.effective_at = now;
  } else if (to->rank > from_rank) {
    c.kind = "upgrade";
    c.effective_at = now;
    c.charge_now_cents =
        std::max<std::int64_t>(0, prorated_cents(company, c.new_monthly_cents - c.old_monthly_cents, now));
  } else {
    c.kind = "downgrade";
    c.effective_at = company.period_end;
    for (const std::string& id : company.addons) {
      const Offer* addon = catalog.find_addon(id);
      const Plan* required = addon ? catalog.find_plan(addon->requires_plan) : nullptr;
      if (required && to->rank < required->rank) c.addons_dropped.push_back(id);
    }
  }
  return c;
}

void apply_plan_change(const Catalog&, Company& company, const PlanChange& change) {
  if (change.kind == "upgrade") {
    company.plan = change.to_plan;
    company.pending_plan.clear();
  } else if (change.kind == "downgrade") {
    company.pending_plan = change.to_plan;
  } else {
    company.pending_plan.clear();  // choosing the current plan cancels a scheduled downgrade
  }
}

void check_can_buy(const Catalog& catalog, const Company& company, const Offer& offer, bool is_addon,
                   const std::string& current_tier) {
  const std::vector<std::string>& owned = is_addon ? company.addons : company.packages;
  if (contains(owned, offer.id))
    throw PortalError(ErrorKind::kConflict, "you already have " + offer.name, is_addon ? "addon" : "package",
                      "already_owned");
  if (!offer.requires_plan.empty()) {
    const Plan* required = catalog.find_plan(offer.requires_plan);
    const Plan* plan = catalog.find_plan(company.plan);
    if (!plan || !required || plan->rank < required->rank)
      throw PortalError(ErrorKind::kConflict,
                        offer.name + " is available only on the " + (required ? required->name : offer.requires_plan) +
                            " plan; upgrade your plan first",
                        is_addon ? "addon" : "package", "requires_plan");
  }
  if (!offer.tier.empty() && catalog.tier_rank(offer.tier) <= catalog.tier_rank(current_tier))
    throw PortalError(ErrorKind::kConflict,
                      offer.name + " would not raise your support: your tier is already " + current_tier,
                      is_addon ? "addon" : "package", "no_gain");
}

void check_can_buy(const Catalog& catalog, const Company& company, const Offer& offer, bool is_addon, Instant now) {
  check_can_buy(catalog, company, offer, is_addon, effective_tier(catalog, company, now).tier);
}

}  // namespace portal
