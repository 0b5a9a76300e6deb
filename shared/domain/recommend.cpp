#include "domain/recommend.h"

#include <algorithm>

namespace portal {

namespace {

// The lowest rank of a plan that has something (a channel, a manager …); 0 when none has.
template <typename Pred>
int lowest_rank(const Catalog& catalog, Pred has) {
  int best = 0;
  for (const Plan& plan : catalog.plans)
    if (has(plan) && (best == 0 || plan.rank < best)) best = plan.rank;
  return best;
}

bool has_channel(const Plan& plan, const char* id) {
  return std::any_of(plan.channels.begin(), plan.channels.end(), [&](const Channel& ch) { return ch.id == id; });
}

// The lowest plan of `rank` or above; null when none. Plan ranks are their tiers' ranks and the
// catalog lists plans by rising rank, but a tier need not have a plan of its own (one that only
// a package or a rule gives), so ranks may have gaps.
const Plan* plan_at_or_above(const Catalog& catalog, int rank) {
  for (const Plan& plan : catalog.plans)
    if (plan.rank >= rank) return &plan;
  return nullptr;
}

// The rank every answer together needs; 0 until all are answered.
int recommended_rank(const Catalog& catalog, const ChoiceAnswers& answers) {
  if (catalog.plans.empty()) return 0;
  int need = 1;
  for (int q = 0; q < kChoiceQuestions; ++q) {
    const auto question = static_cast<ChoiceQuestion>(q);
    if (answers[static_cast<std::size_t>(q)] < 0) return 0;
    if (question != ChoiceQuestion::kBudget)
      need = std::max(need, needed_rank(catalog, question, answers[static_cast<std::size_t>(q)]));
  }
  return need;
}

// The cheapest package that gives `rank`'s tier or a higher one; null when none does.
const Offer* cheapest_package_for(const Catalog& catalog, int rank) {
  const Offer* cheapest = nullptr;
  for (const Offer& pkg : catalog.packages)
    if (catalog.tier_rank(pkg.tier) >= rank && (!cheapest || pkg.price.amount_cents < cheapest->price.amount_cents))
      cheapest = &pkg;
  return cheapest;
}

}  // namespace

int choice_options(const Catalog& catalog, ChoiceQuestion question) {
  switch (question) {
    case ChoiceQuestion::kDowntime: return 4;
    case ChoiceQuestion::kChannels: return 2;
    case ChoiceQuestion::kHours: return 4;
    case ChoiceQuestion::kManager: return 2;
    case ChoiceQuestion::kBudget: return static_cast<int>(catalog.plans.size());
  }
  return 0;
}

int needed_rank(const Catalog& catalog, ChoiceQuestion question, int answer) {
  const int plans = static_cast<int>(catalog.plans.size());
  switch (question) {
    // More downtime hurts, longer hours: one plan up per option.
    case ChoiceQuestion::kDowntime:
    case ChoiceQuestion::kHours:
      return plans == 0 ? 1 : catalog.plans[static_cast<std::size_t>(std::clamp(answer, 0, plans - 1))].rank;
    case ChoiceQuestion::kChannels:
      return answer == 0 ? 1 : std::max(1, lowest_rank(catalog, [](const Plan& p) {
                                          return has_channel(p, "phone") || has_channel(p, "chat");
                                        }));
    case ChoiceQuestion::kManager:
      return answer == 0 ? 1 : std::max(1, lowest_rank(catalog, [](const Plan& p) { return p.personal_manager; }));
    case ChoiceQuestion::kBudget: return 1;
  }
  return 1;
}

const Plan* budget_plan(const Catalog& catalog, int answer) {
  if (answer < 0 || answer >= static_cast<int>(catalog.plans.size())) return nullptr;
  return &catalog.plans[static_cast<std::size_t>(answer)];
}

Recommendation recommend_plan(const Catalog& catalog, const ChoiceAnswers& answers, const std::string& current_plan) {
  Recommendation out;
  const int rank = recommended_rank(catalog, answers);
  out.plan = rank > 0 ? plan_at_or_above(catalog, rank) : nullptr;
  if (!out.plan) return out;
  const Plan& plan = *out.plan;

  if (rank > 1)
    for (int q = 0; q < kChoiceQuestions; ++q) {
      const auto question = static_cast<ChoiceQuestion>(q);
      if (question != ChoiceQuestion::kBudget &&
          needed_rank(catalog, question, answers[static_cast<std::size_t>(q)]) == rank)
        out.reasons.push_back(question);
    }
  out.phone_or_chat = needed_rank(catalog, ChoiceQuestion::kChannels, 1) <= rank;

  const Plan* budget = budget_plan(catalog, answers[static_cast<std::size_t>(ChoiceQuestion::kBudget)]);
  if (budget && plan.rank > budget->rank) out.within_budget = budget;

  const Plan* current = catalog.find_plan(current_plan);
  if (!current) return out;
  if (current->rank == plan.rank) {
    out.current = CurrentFit::kSame;
  } else if (current->rank > plan.rank) {
    out.current = CurrentFit::kAbove;
    out.saving.amount_cents = current->price.amount_cents - plan.price.amount_cents;
    out.saving.currency = plan.price.currency;
  } else {
    out.current = CurrentFit::kBelow;
    const Offer* pkg = cheapest_package_for(catalog, plan.rank);
    if (pkg && current->price.amount_cents + pkg->price.amount_cents < plan.price.amount_cents) {
      out.package = pkg;
      out.package_total.amount_cents = current->price.amount_cents + pkg->price.amount_cents;
      out.package_total.currency = plan.price.currency;
    }
  }
  return out;
}

}  // namespace portal
