// Subscriptions as pure functions: the effective tier and its sources, the policies that apply,
// channel access with unlock offers, prorated plan changes, and the monthly roll.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "domain/errors.h"
#include "domain/subscription.h"
#include "test_support.h"

using namespace portal;
using portal::testing::at;
using portal::testing::real_catalog;

namespace {

Company company(const std::string& plan, std::vector<std::string> packages = {}, std::vector<std::string> addons = {}) {
  Company c;
  c.id = "co_1";
  c.plan = plan;
  c.packages = std::move(packages);
  c.addons = std::move(addons);
  c.customer_since = at("2026-11-01T00:00:00Z");
  start_period(c, at("2026-11-01T00:00:00Z"));
  return c;
}

std::vector<std::string> source_ids(const EffectiveTier& t) {
  std::vector<std::string> out;
  for (const TierSource& s : t.sources) out.push_back(s.kind + ":" + s.id + ":" + s.tier);
  return out;
}

std::vector<std::string> policy_ids(const std::vector<const Policy*>& ps) {
  std::vector<std::string> out;
  for (const Policy* p : ps) out.push_back(p->id);
  return out;
}

const ChannelAccess* access_of(const std::vector<ChannelAccess>& list, const std::string& id) {
  for (const ChannelAccess& a : list)
    if (a.channel->id == id) return &a;
  return nullptr;
}

constexpr Instant kNow = 1795219200;  // 2026-11-21T00:00:00Z (no doctest assertion at static init)

// What check_can_buy says of an offer: "ok", or the refusal's code (a 409 naming its field). On
// the clock (kNow), or against `tier` when the caller knows the effective tier.
std::string buy_code(const Company& co, const char* id, bool addon, const std::optional<std::string>& tier = {}) {
  const Catalog& c = real_catalog();
  const Offer* o = addon ? c.find_addon(id) : c.find_package(id);
  REQUIRE(o);
  try {
    if (tier) check_can_buy(c, co, *o, addon, *tier);
    else check_can_buy(c, co, *o, addon, kNow);
  } catch (const PortalError& e) {
    CHECK(e.kind == ErrorKind::kConflict);
    CHECK(e.field == (addon ? "addon" : "package"));
    return e.code;
  }
  return "ok";
}

}  // namespace

TEST_CASE("subscription: the effective tier is the highest of plan, packages and operator rules") {
  const Catalog& c = real_catalog();
  EffectiveTier t = effective_tier(c, company("basic"), kNow);
  CHECK(t.tier == "basic");
  CHECK(source_ids(t) == std::vector<std::string>{"plan:basic:basic"});
  CHECK(t.sources[0].name == "Basic");

  t = effective_tier(c, company("basic", {"extended_support"}), kNow);
  CHECK(t.tier == "standard");
  CHECK(source_ids(t) == std::vector<std::string>{"package:extended_support:standard", "plan:basic:basic"});

  t = effective_tier(c, company("standard", {"extended_support", "priority_support"}), kNow);
  CHECK(t.tier == "priority");
  // Highest first; equal tiers keep their order (plan before package).
  CHECK(source_ids(t) == std::vector<std::string>{"package:priority_support:priority", "plan:standard:standard",
                                                  "package:extended_support:standard"});

  // The plan stays when it is the highest.
  CHECK(effective_tier(c, company("premium", {"priority_support"}), kNow).tier == "premium");
  // Unknown ids are ignored, not fatal.
  CHECK(effective_tier(c, company("basic", {"bogus"}, {"bogus"}), kNow).tier == "basic");

  // Operator rules: the key-account category.
  Company key = company("basic");
  key.category = "key";
  t = effective_tier(c, key, kNow);
  CHECK(t.tier == "priority");
  CHECK(source_ids(t) == std::vector<std::string>{"rule:key_account:priority", "plan:basic:basic"});
  CHECK(t.sources[0].name == "Key account");

  // Tenure: 36 full months.
  Company old = company("basic");
  old.customer_since = at("2023-11-21T00:00:00Z");
  CHECK(effective_tier(c, old, at("2026-11-20T23:59:59Z")).tier == "basic");
  CHECK(effective_tier(c, old, at("2026-11-21T00:00:00Z")).tier == "standard");
  CHECK(source_ids(effective_tier(c, old, kNow))[0] == "rule:long_standing:standard");

  // Volume.
  Company big = company("basic");
  big.monthly_volume_cents = 499999;
  CHECK(effective_tier(c, big, kNow).tier == "basic");
  big.monthly_volume_cents = 500000;
  CHECK(effective_tier(c, big, kNow).tier == "standard");
  CHECK(source_ids(effective_tier(c, big, kNow))[0] == "rule:high_volume:standard");
}

TEST_CASE("subscription: the policies that apply: plan, packages, add-ons, granted tiers") {
  const Catalog& c = real_catalog();
  CHECK(policy_ids(applicable_policies(c, company("basic"), kNow)) == std::vector<std::string>{"basic_sla"});
  CHECK(policy_ids(applicable_policies(c, company("basic", {"extended_support"}), kNow)) ==
        std::vector<std::string>{"basic_sla", "standard_sla"});
  CHECK(policy_ids(applicable_policies(c, company("premium", {}, {"dedicated_agent"}), kNow)) ==
        std::vector<std::string>{"premium_sla", "vip_sla"});
  Company key = company("basic");
  key.category = "key";
  CHECK(policy_ids(applicable_policies(c, key, kNow)) == std::vector<std::string>{"basic_sla", "priority_sla"});
  // No duplicates: the standard plan with the extended package.
  CHECK(policy_ids(applicable_policies(c, company("standard", {"extended_support"}), kNow)) ==
        std::vector<std::string>{"standard_sla"});
}

TEST_CASE("subscription: calls and on-site by tier") {
  const Catalog& c = real_catalog();
  CHECK(!tier_has_calls(c, company("basic"), kNow));
  CHECK(!tier_has_calls(c, company("standard"), kNow));
  CHECK(tier_has_calls(c, company("priority"), kNow));
  CHECK(tier_has_calls(c, company("basic", {"priority_support"}), kNow));
  CHECK(tier_has_calls(c, company("premium", {}, {"dedicated_agent"}), kNow));
  CHECK(has_dedicated_agent(company("premium", {}, {"dedicated_agent"})));
  CHECK(!tier_has_onsite(c, company("priority"), kNow));
  CHECK(tier_has_onsite(c, company("premium"), kNow));
}

TEST_CASE("subscription: channel access lists owned channels, then locked ones with the cheapest unlock") {
  const Catalog& c = real_catalog();
  const auto basic = channel_access(c, company("basic"), kNow);
  std::vector<std::string> open, locked;
  for (const ChannelAccess& a : basic) (a.locked ? locked : open).push_back(a.channel->id);
  CHECK(open == std::vector<std::string>{"email", "chatbot", "kb", "forum"});
  CHECK(locked == std::vector<std::string>{"phone", "chat", "personal_manager", "onsite", "dedicated_chat",
                                           "dedicated_email", "dedicated_phone"});
  const ChannelAccess* phone = access_of(basic, "phone");
  CHECK(phone->unlock_kind == "package");
  CHECK(phone->unlock_id == "extended_support");
  CHECK(phone->unlock_price_cents == 12900);
  const ChannelAccess* manager = access_of(basic, "personal_manager");
  CHECK(manager->unlock_kind == "package");
  CHECK(manager->unlock_id == "priority_support");
  CHECK(manager->unlock_price_cents == 34900);
  const ChannelAccess* onsite = access_of(basic, "onsite");
  CHECK(onsite->unlock_kind == "plan");
  CHECK(onsite->unlock_id == "premium");
  CHECK(onsite->unlock_price_cents == 149000);
  const ChannelAccess* dedicated = access_of(basic, "dedicated_chat");
  CHECK(dedicated->unlock_kind == "addon");
  CHECK(dedicated->unlock_id == "dedicated_agent");

  // The channel as the effective tier has it: the priority package brings priority's email hours.
  const auto pkg = channel_access(c, company("basic", {"priority_support"}), kNow);
  CHECK(!access_of(pkg, "personal_manager")->locked);
  CHECK(access_of(pkg, "email")->channel->contact == "priority@example.com");
  CHECK(access_of(pkg, "onsite")->locked);

  // Premium with the add-on: nothing locked.
  for (const ChannelAccess& a : channel_access(c, company("premium", {}, {"dedicated_agent"}), kNow)) CHECK(!a.locked);
  // Premium without it: exactly the add-on's channels locked.
  int locked_premium = 0;
  for (const ChannelAccess& a : channel_access(c, company("premium"), kNow))
    if (a.locked) {
      ++locked_premium;
      CHECK(a.unlock_kind == "addon");
    }
  CHECK(locked_premium == 3);
}

TEST_CASE("subscription: prorated charges and plan change quotes") {
  const Catalog& c = real_catalog();
  Company co = company("basic");  // period 2026-11-01 .. 2026-12-01 (30 days)
  CHECK(co.period_end == at("2026-12-01T00:00:00Z"));
  CHECK(prorated_cents(co, 3000, at("2026-11-01T00:00:00Z")) == 3000);
  CHECK(prorated_cents(co, 3000, at("2026-11-16T00:00:00Z")) == 1500);
  CHECK(prorated_cents(co, 3000, at("2026-12-01T00:00:00Z")) == 0);
  CHECK(prorated_cents(co, 3000, at("2027-01-01T00:00:00Z")) == 0);
  CHECK(prorated_cents(co, 3000, at("2026-10-01T00:00:00Z")) == 3000);  // clamped
  CHECK(prorated_cents(co, 100, at("2026-11-21T00:00:00Z")) == 33);     // 33.33 → 33
  CHECK(prorated_cents(co, 200, at("2026-11-21T00:00:00Z")) == 67);     // 66.67 → 67

  // Upgrade basic → premium with 10 of 30 days left: (149000 - 4900) / 3 = 48033.33 → 48033.
  PlanChange up = quote_plan_change(c, co, "premium", kNow);
  CHECK(up.kind == "upgrade");
  CHECK(up.charge_now_cents == 48033);
  CHECK(up.old_monthly_cents == 4900);
  CHECK(up.new_monthly_cents == 149000);
  CHECK(up.effective_at == kNow);
  CHECK(up.currency == "EUR");
  apply_plan_change(c, co, up);
  CHECK(co.plan == "premium");

  // One second after the start of the period almost the whole difference is due.
  Company fresh = company("standard");
  CHECK(quote_plan_change(c, fresh, "priority", at("2026-11-01T00:00:01Z")).charge_now_cents == 30000);

  // Downgrade: at the period end, nothing charged, add-ons that need the plan listed.
  co.addons = {"dedicated_agent"};
  PlanChange down = quote_plan_change(c, co, "priority", kNow);
  CHECK(down.kind == "downgrade");
  CHECK(down.charge_now_cents == 0);
  CHECK(down.effective_at == at("2026-12-01T00:00:00Z"));
  CHECK(down.addons_dropped == std::vector<std::string>{"dedicated_agent"});
  apply_plan_change(c, co, down);
  CHECK(co.plan == "premium");
  CHECK(co.pending_plan == "priority");
  // The same plan again cancels the scheduled downgrade.
  PlanChange none = quote_plan_change(c, co, "premium", kNow);
  CHECK(none.kind == "none");
  CHECK(none.charge_now_cents == 0);
  apply_plan_change(c, co, none);
  CHECK(co.pending_plan.empty());
  // An upgrade also replaces a scheduled downgrade.
  Company mid = company("priority");
  apply_plan_change(c, mid, quote_plan_change(c, mid, "basic", kNow));
  CHECK(mid.pending_plan == "basic");
  apply_plan_change(c, mid, quote_plan_change(c, mid, "premium", kNow));
  CHECK(mid.plan == "premium");
  CHECK(mid.pending_plan.empty());

  try {
    quote_plan_change(c, co, "gold", kNow);
    FAIL("expected a validation error");
  } catch (const PortalError& e) {
    CHECK(e.kind == ErrorKind::kValidation);
    CHECK(e.field == "plan");
  }
}

TEST_CASE("subscription: the period rolls monthly; a downgrade applies then and drops the dedicated agent") {
  const Catalog& c = real_catalog();
  Company co = company("premium", {}, {"dedicated_agent"});
  co.dedicated_agent_id = "ag_vera";
  co.manager_id = "ag_max";
  apply_plan_change(c, co, quote_plan_change(c, co, "basic", kNow));
  CHECK(!roll_period(c, co, at("2026-11-30T23:59:59Z")));
  CHECK(co.plan == "premium");

  CHECK(roll_period(c, co, at("2026-12-01T00:00:00Z")));
  CHECK(co.plan == "basic");
  CHECK(co.pending_plan.empty());
  CHECK(co.addons.empty());
  CHECK(co.dedicated_agent_id.empty());
  CHECK(co.period_start == at("2026-12-01T00:00:00Z"));
  CHECK(co.period_end == at("2027-01-01T00:00:00Z"));
  CHECK(!roll_period(c, co, at("2026-12-15T00:00:00Z")));

  // Several months at once; nothing else changes without a pending plan.
  Company keep = company("premium", {"priority_support"}, {"dedicated_agent"});
  CHECK(roll_period(c, keep, at("2027-03-15T12:00:00Z")));
  CHECK(keep.period_start == at("2027-03-01T00:00:00Z"));
  CHECK(keep.period_end == at("2027-04-01T00:00:00Z"));
  CHECK(keep.plan == "premium");
  CHECK(keep.addons == std::vector<std::string>{"dedicated_agent"});
  CHECK(keep.packages == std::vector<std::string>{"priority_support"});

  // A downgrade to priority drops it too: it needs premium.
  Company to_priority = company("premium", {}, {"dedicated_agent"});
  apply_plan_change(c, to_priority, quote_plan_change(c, to_priority, "priority", kNow));
  roll_period(c, to_priority, at("2026-12-01T00:00:00Z"));
  CHECK(to_priority.plan == "priority");
  CHECK(to_priority.addons.empty());
}

TEST_CASE("subscription: months are calendar months, clamped to the month's last day") {
  CHECK(add_months(at("2026-01-31T10:00:00Z"), 1) == at("2026-02-28T10:00:00Z"));
  CHECK(add_months(at("2028-01-31T10:00:00Z"), 1) == at("2028-02-29T10:00:00Z"));
  CHECK(add_months(at("2026-12-15T00:00:00Z"), 1) == at("2027-01-15T00:00:00Z"));
  CHECK(add_months(at("2026-11-30T23:59:59Z"), 3) == at("2027-02-28T23:59:59Z"));
  Company co;
  start_period(co, at("2026-01-31T08:00:00Z"));
  CHECK(co.period_end == at("2026-02-28T08:00:00Z"));
  roll_period(real_catalog(), co, at("2026-03-01T00:00:00Z"));
  CHECK(co.period_start == at("2026-02-28T08:00:00Z"));
}

TEST_CASE("subscription: what may be bought, with the reason when not") {
  const Catalog& c = real_catalog();
  CHECK(buy_code(company("basic"), "dedicated_agent", true) == "requires_plan");
  CHECK(buy_code(company("priority"), "dedicated_agent", true) == "requires_plan");
  CHECK(buy_code(company("premium"), "dedicated_agent", true) == "ok");
  CHECK(buy_code(company("premium", {}, {"dedicated_agent"}), "dedicated_agent", true) == "already_owned");
  CHECK(buy_code(company("basic"), "extended_support", false) == "ok");
  CHECK(buy_code(company("basic", {"extended_support"}), "extended_support", false) == "already_owned");
  CHECK(buy_code(company("standard"), "extended_support", false) == "no_gain");
  CHECK(buy_code(company("basic", {"priority_support"}), "extended_support", false) == "no_gain");
  CHECK(buy_code(company("priority"), "priority_support", false) == "no_gain");
  CHECK(buy_code(company("standard"), "priority_support", false) == "ok");
  bool refused = false;  // the message names the plan it needs
  try {
    check_can_buy(c, company("basic"), *c.find_addon("dedicated_agent"), true, kNow);
  } catch (const PortalError& e) {
    refused = true;
    CHECK(std::string(e.what()).find("Premium") != std::string::npos);
  }
  CHECK(refused);
}

TEST_CASE("subscription: what may be bought, against an effective tier the caller knows") {
  // The portal knows the tier from GET /me (operator rules on data it does not have): the same
  // rule, given the tier instead of computing it.
  const Catalog& c = real_catalog();
  CHECK(buy_code(company("basic"), "extended_support", false, "basic") == "ok");
  CHECK(buy_code(company("basic"), "extended_support", false, "standard") == "no_gain");  // e.g. a tenure rule
  CHECK(buy_code(company("basic"), "priority_support", false, "priority") == "no_gain");  // e.g. a key account
  CHECK(buy_code(company("basic"), "priority_support", false, "standard") == "ok");
  CHECK(buy_code(company("basic"), "extended_support", false, "") == "ok");  // an unknown tier raises nothing
  // The other reasons come first, whatever the tier.
  CHECK(buy_code(company("basic", {"extended_support"}), "extended_support", false, "premium") == "already_owned");
  CHECK(buy_code(company("basic"), "dedicated_agent", true, "premium") == "requires_plan");
  CHECK(buy_code(company("premium"), "dedicated_agent", true, "premium") == "ok");  // add-ons raise no tier

  // The clock's overload is this rule with the tier computed: a key account (category rule) is
  // Priority already.
  Company key = company("basic");
  key.category = "key";
  REQUIRE(effective_tier(c, key, kNow).tier == "priority");
  CHECK_THROWS_WITH_AS(check_can_buy(c, key, *c.find_package("priority_support"), false, kNow),
                       "Priority support would not raise your support: your tier is already priority", PortalError);
  CHECK(buy_code(key, "priority_support", false, effective_tier(c, key, kNow).tier) == "no_gain");
}
