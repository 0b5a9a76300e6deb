// Account and security (issue #11): the signed-in customer's or agent's active sessions (browser,
// started, last used; end one, or every other) and a new password (which ends the others).
//
//   account.cpp  draw(): GET /me/sessions when the screen is opened, the list, the password form
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"

namespace portal::screens {

class AccountScreen {
 public:
  void draw(app::Context& ctx);

 private:
  void load(app::Context& ctx);
  void draw_sessions(app::Context& ctx);
  void draw_password(app::Context& ctx);

  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  nlohmann::json sessions_;  // GET /me/sessions's "sessions" (null until loaded)
  bool loading_ = false;
  bool busy_ = false;  // an end or a password change is under way
  std::string error_;  // the last refusal, shown under the form
  std::string error_field_;
  int last_frame_ = -10;
  char current_[256] = {};
  char next_[256] = {};
};

}  // namespace portal::screens
