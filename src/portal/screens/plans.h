// The Plans screen: compare the plans side by side, "help me choose", change plan, and buy or
// cancel support packages and the dedicated agent add-on. Every change is previewed first
// (GET /me/plan/preview: the price now and each open request's new deadline) and only made after
// the customer confirms.
//
//   plans.cpp          draw(): page header, current plan, layout, which view is shown
//   plans_compare.cpp  the plan cards side by side (stacked on phones)
//   plans_choose.cpp   the "help me choose" questionnaire; the recommendation is the core's
//                      (domain/recommend.h: recommend_plan), drawn here
//   plans_change.cpp   preview → confirmation card → POST/DELETE, for plans, packages, add-ons
//   plans_extras.cpp   the support packages and the dedicated agent add-on
//   plans_parts.cpp    the customer's subscription from GET /me for the core's rules, dates, small
//                      pieces (plans_parts.h); catalog words are every screen's (catalog_words.h)
#pragma once
#include <array>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"
#include "domain/recommend.h"

namespace portal::screens {

class PlansScreen {
 public:
  void draw(app::Context& ctx);
  std::string route() const;  // "plans" or "plans/<plan id>" (plans_route.cpp)
  void go_to(const std::string& sub);

 private:
  // What the confirmation card is about.
  enum class ActionKind { None, Plan, BuyPackage, BuyAddon, CancelPackage, CancelAddon };
  struct Action {
    ActionKind kind = ActionKind::None;
    std::string id;  // plan, package or add-on id
  };
  enum class Phase { Browse, Previewing, Confirm, Applying };
  static bool is_cancel(ActionKind kind) {
    return kind == ActionKind::CancelPackage || kind == ActionKind::CancelAddon;
  }

  // plans.cpp
  void draw_header(app::Context& ctx);
  void draw_current(app::Context& ctx);
  void publish_state(app::Context& ctx);

  // plans_compare.cpp
  void draw_compare(app::Context& ctx);
  void draw_plan_card(app::Context& ctx, const Plan& plan, const Plan* previous, int row, bool align);

  // plans_choose.cpp
  void draw_choose(app::Context& ctx);
  int draw_questions(const Catalog& catalog);  // returns how many are answered
  void draw_recommendation(app::Context& ctx, int answered);
  // The core's recommendation for the answers so far (no plan until every question is answered).
  Recommendation recommendation(const app::Context& ctx) const;

  // plans_extras.cpp
  void draw_extras(app::Context& ctx);
  void draw_offer(app::Context& ctx, const Offer& offer, bool is_addon);

  // plans_change.cpp
  void start(app::Context& ctx, Action action);  // preview first (cancellations need none)
  void draw_confirm(app::Context& ctx);
  void confirm(app::Context& ctx);
  void back_to_browse();
  void keep_current_plan(app::Context& ctx);  // cancels a scheduled downgrade

  // Replies of calls this screen made are dropped once it is gone or moved on.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  int generation_ = 0;

  Phase phase_ = Phase::Browse;
  Action action_;
  nlohmann::json preview_;   // GET /me/plan/preview's body
  std::string error_;        // the server's message for the current action
  std::string error_code_;   // e.g. "requires_plan", "no_gain", "no_agent"
  bool scroll_top_ = false;  // scroll to the top on the next frame (view changed)
  std::string done_;         // what the last change did, shown above the page until dismissed

  // "Help me choose": one answer index per question, -1 = not answered.
  ChoiceAnswers answers_{-1, -1, -1, -1, -1};
  bool scroll_to_choose_ = false;
  std::string scroll_to_plan_;  // a plan card to bring into view ("See Premium")
  std::string highlight_plan_;  // outlined after "See …"

  // Side-by-side cards: each section (price, channels, targets …) is as tall as the tallest of its
  // row, measured the frame before, so that the sections line up across the cards.
  static constexpr int kSections = 9;
  std::map<int, std::array<float, kSections>> row_heights_;   // applied this frame
  std::map<int, std::array<float, kSections>> row_measured_;  // natural heights seen this frame
  float offers_body_ = 0, offers_measured_ = 0;               // the same for the offers' cards (one section)
};

}  // namespace portal::screens
