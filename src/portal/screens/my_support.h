// My support: the customer's effective tier and why; each channel with its contact, its hours in
// the schedule's zone and in the customer's own, and a live open / closed state; the channels of
// higher tiers, locked, with the way to unlock them; the response-time targets by severity for
// every policy that applies (the earliest emphasised); the personal manager and dedicated agent.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"
#include "sla/schedule.h"
#include "time/civil.h"

namespace portal::screens {

class MySupportScreen {
 public:
  void draw(app::Context& ctx);

 private:
  const Schedule* schedule(const std::string& id) const;

  void hero_card(app::Context& ctx);
  void channels_card(app::Context& ctx, Instant now);
  void targets_card(app::Context& ctx, Instant now);
  void locked_card(app::Context& ctx);

  const Catalog* catalog_ = nullptr;  // the core's typed catalog (set each frame)
  double next_refresh_ms_ = 0;        // /me refresh when a channel opens or closes
  double next_frame_ms_ = 0;          // the earliest moment a shown countdown changes
};

}  // namespace portal::screens
