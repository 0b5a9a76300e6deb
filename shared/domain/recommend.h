// "Help me choose" (seed 001's tips: assess your needs, weigh the cost, pick by needs and budget):
// five questions → the plan that fits, why, and the cheaper ways to it. A rule on the catalog,
// so it lives in the core; the portal only asks the questions and draws the answer.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace portal {

// The questions, in the order they are asked. Each answer is an option index (0 = the least
// need); the budget's options are the plans' prices, lowest first.
enum class ChoiceQuestion { kDowntime, kChannels, kHours, kManager, kBudget };
constexpr int kChoiceQuestions = 5;
// One answer per question (by ChoiceQuestion), -1 = not answered yet.
using ChoiceAnswers = std::array<int, kChoiceQuestions>;

// How many options a question has: downtime and hours 4, channels and manager 2 (no / yes), the
// budget one per plan.
int choice_options(const Catalog& catalog, ChoiceQuestion question);
// The lowest plan rank an answer needs (1 = any plan).
int needed_rank(const Catalog& catalog, ChoiceQuestion question, int answer);
// The plan whose price bounds budget option `answer` ("up to €99", the last "€1,490 or more");
// null when there is none.
const Plan* budget_plan(const Catalog& catalog, int answer);

// Where the customer's own plan stands against the recommendation.
enum class CurrentFit {
  kUnknown,  // not a customer, or a plan the catalog does not know
  kSame,     // they have it already
  kBelow,    // theirs is lower: the recommendation is an upgrade
  kAbove,    // theirs is higher: they could save `saving`
};

struct Recommendation {
  const Plan* plan = nullptr;  // null until every question is answered
  // The questions whose answer asked for exactly this plan (none when the first plan does).
  std::vector<ChoiceQuestion> reasons;
  // Phone or live chat comes with it (the lowest plan that has either is not above it).
  bool phone_or_chat = false;
  // Over budget: the highest plan within it (the plan of the budget answer); else null.
  const Plan* within_budget = nullptr;
  // Seed 000's "buy a separate support package": the customer's plan plus the cheapest package of
  // the recommended tier or higher, when that costs less than the plan (kBelow only); else null.
  const Offer* package = nullptr;
  Money package_total;  // the customer's plan + the package, in the plan's currency
  CurrentFit current = CurrentFit::kUnknown;
  Money saving;  // kAbove: the customer's plan's price − the recommended one's
};

// The recommendation for `answers`; `current_plan` is the customer's plan id ("" when not a
// customer). Empty (no plan) until every question is answered.
Recommendation recommend_plan(const Catalog& catalog, const ChoiceAnswers& answers, const std::string& current_plan);

}  // namespace portal
