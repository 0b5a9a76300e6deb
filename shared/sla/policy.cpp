#include "sla/policy.h"

namespace portal {

std::optional<Instant> target_due(const Target& target, const Schedule& schedule, Instant start) {
  if (target.clock == Clock::kCalendar) return start + static_cast<Instant>(target.minutes) * 60;
  return business_due(schedule, start, static_cast<std::int64_t>(target.minutes) * 60);
}

std::optional<PolicyDue> earliest_due(const std::vector<const Policy*>& policies, int severity, TargetKind kind,
                                      Instant start) {
  std::optional<PolicyDue> best;
  if (severity < 1 || severity > 5) return best;
  for (const Policy* policy : policies) {
    if (!policy || !policy->schedule) continue;
    const std::optional<Target>& target = policy->targets[severity - 1].get(kind);
    if (!target) continue;
    const std::optional<Instant> due = target_due(*target, *policy->schedule, start);
    if (due && (!best || *due < best->due)) best = PolicyDue{*due, policy, *target};
  }
  return best;
}

}  // namespace portal
