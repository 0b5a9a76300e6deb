// SLA targets and policies; due times by the rules of shared/sla/README.md.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sla/schedule.h"

namespace portal {

enum class Clock { kBusiness, kCalendar };

struct Target {
  int minutes = 0;
  Clock clock = Clock::kCalendar;
};

enum class TargetKind { kFirstResponse, kFollowUp };

struct SeverityTargets {
  std::optional<Target> first_response;
  std::optional<Target> follow_up;  // none: "the agent keeps the customer informed"
  const std::optional<Target>& get(TargetKind kind) const {
    return kind == TargetKind::kFirstResponse ? first_response : follow_up;
  }
};

struct Policy {
  std::string id;
  std::string schedule_id;
  const Schedule* schedule = nullptr;      // resolved by the catalog loader
  std::array<SeverityTargets, 5> targets;  // index = severity - 1
};

// Due time of one target started at `start` on `schedule`.
std::optional<Instant> target_due(const Target& target, const Schedule& schedule, Instant start);

// The earliest due time among all policies that apply (README.md "Policies"), and which one won.
struct PolicyDue {
  Instant due = 0;
  const Policy* policy = nullptr;
  Target target;
};
std::optional<PolicyDue> earliest_due(const std::vector<const Policy*>& policies, int severity, TargetKind kind,
                                      Instant start);

}  // namespace portal
