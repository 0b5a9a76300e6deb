// The App's addresses and fresh state per user (see app/routes.h and app.h).
#include <imgui.h>

#include "app/app.h"
#include "app/drafts.h"
#include "app/routes.h"
#include "platform/web_platform.h"
#include "screens/account.h"
#include "screens/calls.h"
#include "screens/help.h"
#include "screens/metrics.h"
#include "screens/my_support.h"
#include "screens/plans.h"
#include "screens/queue.h"
#include "screens/requests.h"
#include "screens/sign_in.h"
#include "ui/widgets.h"

namespace portal::app {

namespace {
// Address words (kebab-case) ↔ screen ids.
std::string screen_of(const std::string& head) {
  if (head == "my-support") return "my_support";
  if (head == "sign-in") return "sign_in";
  return head;
}
}  // namespace

std::string App::current_route() const {
  if (screen_ == "sign_in") return pending_route_.empty() ? "sign-in" : pending_route_;
  if (screen_ == "my_support") return "my-support";
  if (screen_ == "requests") return requests_->route();
  if (screen_ == "queue") return queue_->route();
  if (screen_ == "plans") return plans_->route();
  return screen_;
}

void App::apply_route(const std::string& route) {
  const std::size_t slash = route.find('/');
  const std::string head = route.substr(0, slash);
  const std::string sub = slash == std::string::npos ? std::string() : route.substr(slash + 1);
  std::string id = screen_of(head);
  if (role_ == "agent" && id == "requests") id = "queue";  // a customer's link, opened by an agent
  static const char* const kScreens[] = {"sign_in", "my_support", "requests", "calls",  "plans",
                                         "help",    "metrics",    "queue",    "account"};
  bool known = false;
  for (const char* s : kScreens) known = known || id == s;
  if (!known) {  // no address, or an unknown one: home
    replace_route_ = true;
    go(default_screen());
    return;
  }
  if (role_.empty() && id != "plans" && id != "help" && id != "sign_in") {
    pending_route_ = route;  // signed out: there after signing in
    go("sign_in");
    return;
  }
  if (id == "sign_in") pending_route_.clear();
  if (!screen_available(id)) {
    replace_route_ = true;
    go(default_screen());
    return;
  }
  go(id);
  if (id == "requests") requests_->go_to(sub);
  else if (id == "queue") queue_->go_to(sub);
  else if (id == "plans") plans_->go_to(sub);
}

void App::enter_app() {
  const std::string route = pending_route_;
  pending_route_.clear();
  replace_route_ = true;  // the page's first address, or signing in: no new history entry
  if (route.empty() || (route == "sign-in" && !role_.empty())) go(default_screen());
  else apply_route(route);
}

void App::follow_route() {
  if (!routes::take_change()) return;
  const std::string route = routes::current();
  if (route == shown_route_) return;
  shown_route_ = route;  // already in the address bar: no new entry for it
  replace_route_ = true;
  if (phase_ != Phase::Ready || me_loading_) {
    pending_route_ = route;
    return;
  }
  apply_route(route);
}

void App::reset_user_state() {
  reset_screens_ = false;
  my_support_ = std::make_unique<screens::MySupportScreen>();
  plans_ = std::make_unique<screens::PlansScreen>();
  requests_ = std::make_unique<screens::RequestsScreen>();
  queue_ = std::make_unique<screens::QueueScreen>();
  calls_ = std::make_unique<screens::CallsScreen>();
  help_ = std::make_unique<screens::HelpScreen>();
  metrics_ = std::make_unique<screens::MetricsScreen>();
  account_ = std::make_unique<screens::AccountScreen>();
  ui::clear_error_banner();
  platform::request_frame();
}

}  // namespace portal::app
