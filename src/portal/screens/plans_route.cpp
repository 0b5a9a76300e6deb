// The Plans screen's address (see app/routes.h): #/plans/priority brings that plan's card into view.
#include "screens/plans.h"

#include "platform/web_platform.h"

namespace portal::screens {

std::string PlansScreen::route() const { return highlight_plan_.empty() ? "plans" : "plans/" + highlight_plan_; }

void PlansScreen::go_to(const std::string& sub) {
  if (sub == highlight_plan_) return;
  if (phase_ != Phase::Browse) back_to_browse();
  scroll_to_plan_ = highlight_plan_ = sub;
  platform::request_frame();
}

}  // namespace portal::screens
