// "Help me choose" as a pure function: the plan the answers need, why, over budget, and the
// cheaper ways to it for a customer who has a plan.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "domain/recommend.h"
#include "test_support.h"

using namespace portal;
using portal::testing::read_asset;
using portal::testing::real_catalog;

namespace {

// Answers in question order: downtime, channels, hours, manager, budget.
ChoiceAnswers answers(int downtime, int channels, int hours, int manager, int budget) {
  return {downtime, channels, hours, manager, budget};
}

std::string plan_id(const Plan* plan) { return plan ? plan->id : ""; }

}  // namespace

TEST_CASE("recommend: the questions' options and the rank each answer needs") {
  const Catalog& c = real_catalog();
  CHECK(choice_options(c, ChoiceQuestion::kDowntime) == 4);
  CHECK(choice_options(c, ChoiceQuestion::kChannels) == 2);
  CHECK(choice_options(c, ChoiceQuestion::kHours) == 4);
  CHECK(choice_options(c, ChoiceQuestion::kManager) == 2);
  CHECK(choice_options(c, ChoiceQuestion::kBudget) == 4);  // one per plan
  for (int a = 0; a < 4; ++a) {
    CHECK(needed_rank(c, ChoiceQuestion::kDowntime, a) == a + 1);
    CHECK(needed_rank(c, ChoiceQuestion::kHours, a) == a + 1);
    CHECK(needed_rank(c, ChoiceQuestion::kBudget, a) == 1);  // the budget limits, it asks for nothing
  }
  CHECK(needed_rank(c, ChoiceQuestion::kChannels, 0) == 1);
  CHECK(needed_rank(c, ChoiceQuestion::kChannels, 1) == 2);  // Standard is the first with phone and chat
  CHECK(needed_rank(c, ChoiceQuestion::kManager, 0) == 1);
  CHECK(needed_rank(c, ChoiceQuestion::kManager, 1) == 3);  // Priority is the first with a manager
  CHECK(plan_id(budget_plan(c, 0)) == "basic");
  CHECK(plan_id(budget_plan(c, 3)) == "premium");
  CHECK(budget_plan(c, 4) == nullptr);
}

TEST_CASE("recommend: nothing until every question is answered, then the highest need wins") {
  const Catalog& c = real_catalog();
  CHECK(recommend_plan(c, {-1, -1, -1, -1, -1}, "").plan == nullptr);
  CHECK(recommend_plan(c, answers(3, 1, 3, 1, -1), "").plan == nullptr);  // the budget is a question too

  Recommendation r = recommend_plan(c, answers(0, 0, 0, 0, 0), "");
  CHECK(plan_id(r.plan) == "basic");
  CHECK(r.reasons.empty());  // the simplest plan needs no reason
  CHECK(!r.phone_or_chat);
  CHECK(r.within_budget == nullptr);
  CHECK(r.current == CurrentFit::kUnknown);

  r = recommend_plan(c, answers(0, 1, 0, 0, 3), "");
  CHECK(plan_id(r.plan) == "standard");
  CHECK(r.reasons == std::vector<ChoiceQuestion>{ChoiceQuestion::kChannels});
  CHECK(r.phone_or_chat);

  // Every answer that asks for exactly the recommended plan is a reason; lower ones are not.
  r = recommend_plan(c, answers(1, 1, 2, 1, 3), "");
  CHECK(plan_id(r.plan) == "priority");
  CHECK(r.reasons == std::vector<ChoiceQuestion>{ChoiceQuestion::kHours, ChoiceQuestion::kManager});

  r = recommend_plan(c, answers(3, 0, 0, 0, 3), "");
  CHECK(plan_id(r.plan) == "premium");
  CHECK(r.reasons == std::vector<ChoiceQuestion>{ChoiceQuestion::kDowntime});
  CHECK(r.within_budget == nullptr);  // "€1,490 or more"
}

TEST_CASE("recommend: over budget, the highest plan within it") {
  const Catalog& c = real_catalog();
  Recommendation r = recommend_plan(c, answers(3, 0, 0, 0, 0), "");
  CHECK(plan_id(r.plan) == "premium");
  CHECK(plan_id(r.within_budget) == "basic");
  r = recommend_plan(c, answers(0, 0, 0, 1, 1), "");
  CHECK(plan_id(r.plan) == "priority");
  CHECK(plan_id(r.within_budget) == "standard");
  r = recommend_plan(c, answers(0, 0, 0, 1, 2), "");
  CHECK(r.within_budget == nullptr);  // exactly within
}

TEST_CASE("recommend: against the customer's plan: the same, an upgrade (maybe cheaper with a package), a saving") {
  const Catalog& c = real_catalog();
  const ChoiceAnswers standard = answers(1, 0, 0, 0, 3);
  const ChoiceAnswers priority = answers(2, 0, 0, 0, 3);
  const ChoiceAnswers premium = answers(3, 0, 0, 0, 3);

  // Basic + Extended support (€49 + €129) costs less than Standard (€199).
  Recommendation r = recommend_plan(c, standard, "basic");
  CHECK(r.current == CurrentFit::kBelow);
  REQUIRE(r.package != nullptr);
  CHECK(r.package->id == "extended_support");
  CHECK(r.package_total.amount_cents == 4900 + 12900);
  CHECK(r.package_total.currency == "EUR");

  // Basic + Priority support (€49 + €349) against Priority (€499).
  r = recommend_plan(c, priority, "basic");
  REQUIRE(r.package != nullptr);
  CHECK(r.package->id == "priority_support");
  CHECK(r.package_total.amount_cents == 4900 + 34900);

  // Standard + Priority support (€199 + €349) costs more than Priority: no tip.
  r = recommend_plan(c, priority, "standard");
  CHECK(r.current == CurrentFit::kBelow);
  CHECK(r.package == nullptr);
  // No package gives the Premium tier.
  r = recommend_plan(c, premium, "basic");
  CHECK(r.current == CurrentFit::kBelow);
  CHECK(r.package == nullptr);

  r = recommend_plan(c, priority, "priority");
  CHECK(r.current == CurrentFit::kSame);
  CHECK(r.package == nullptr);

  r = recommend_plan(c, standard, "premium");
  CHECK(r.current == CurrentFit::kAbove);
  CHECK(r.saving.amount_cents == 149000 - 19900);
  CHECK(r.saving.currency == "EUR");
  CHECK(r.package == nullptr);

  // Signed out, or a plan the catalog does not know: nothing about the customer's own plan.
  CHECK(recommend_plan(c, standard, "").current == CurrentFit::kUnknown);
  r = recommend_plan(c, standard, "gold");
  CHECK(r.current == CurrentFit::kUnknown);
  CHECK(r.package == nullptr);
}

TEST_CASE("recommend: the channels and the manager follow the catalog, not fixed plans") {
  // The operator gives Standard a personal manager: "a manager" then needs Standard.
  nlohmann::json doc = nlohmann::json::parse(read_asset("catalog.json"));
  for (nlohmann::json& plan : doc["plans"])
    if (plan["id"] == "standard") plan["personal_manager"] = true;
  const Catalog c = load_catalog(doc.dump());
  CHECK(needed_rank(c, ChoiceQuestion::kManager, 1) == 2);
  const Recommendation r = recommend_plan(c, answers(0, 0, 0, 1, 3), "");
  CHECK(plan_id(r.plan) == "standard");
  CHECK(r.reasons == std::vector<ChoiceQuestion>{ChoiceQuestion::kManager});
}

TEST_CASE("recommend: a tier without a plan of its own (a package or a rule gives it) leaves a gap in the ranks") {
  // The operator adds a tier "plus" above Basic that no plan has: the plans' ranks become 1, 3, 4, 5.
  nlohmann::json doc = nlohmann::json::parse(read_asset("catalog.json"));
  doc["tiers"] = {"basic", "plus", "standard", "priority", "premium"};
  for (nlohmann::json& plan : doc["plans"]) {
    const std::string tier = plan["tier"];
    for (std::size_t i = 0; i < doc["tiers"].size(); ++i)
      if (doc["tiers"][i] == tier) plan["rank"] = i + 1;
  }
  const Catalog c = load_catalog(doc.dump());
  REQUIRE(c.plans.size() == 4);
  REQUIRE(c.plans[1].rank == 3);
  CHECK(choice_options(c, ChoiceQuestion::kBudget) == 4);
  CHECK(needed_rank(c, ChoiceQuestion::kDowntime, 1) == 3);  // one plan up: Standard
  CHECK(needed_rank(c, ChoiceQuestion::kHours, 3) == 5);     // the fourth plan: Premium
  CHECK(needed_rank(c, ChoiceQuestion::kChannels, 1) == 3);  // Standard, the first with phone and chat
  CHECK(plan_id(budget_plan(c, 1)) == "standard");
  CHECK(budget_plan(c, 4) == nullptr);
  // Phone or chat needs rank 3: Standard, not a missing rank-2 plan.
  Recommendation r = recommend_plan(c, answers(0, 1, 0, 0, 0), "basic");
  CHECK(plan_id(r.plan) == "standard");
  CHECK(plan_id(r.within_budget) == "basic");
  CHECK(r.current == CurrentFit::kBelow);
  // Within the second budget option (Standard's price): nothing over budget; Premium's customer saves.
  r = recommend_plan(c, answers(1, 0, 0, 0, 1), "premium");
  CHECK(plan_id(r.plan) == "standard");
  CHECK(r.within_budget == nullptr);
  CHECK(r.current == CurrentFit::kAbove);
  CHECK(r.saving.amount_cents > 0);
}
