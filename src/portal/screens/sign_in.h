// Sign in and register (email, password of at least 8 characters, name, company), with inline
// validation and the server's message next to the field it names; in the offline demo also
// one-click demo accounts (customers and agents).
#pragma once
#include <functional>
#include <string>

#include "app/context.h"

namespace portal::screens {

class SignInScreen {
 public:
  using SessionFn = std::function<void(const std::string& token)>;
  explicit SignInScreen(SessionFn on_session);

  void draw(app::Context& ctx);
  // Clears the form and its messages (after signing out).
  void reset();

 private:
  enum class Mode { SignIn, Register };
  enum Field { kEmail, kPassword, kName, kCompany, kFieldCount };

  void draw_form(app::Context& ctx);
  void draw_demo_accounts(app::Context& ctx);
  bool field(Field f, const char* label, const char* id, char* buf, std::size_t size, const char* hint, int flags);
  void validate();
  bool valid() const;
  void submit(app::Context& ctx);
  void sign_in_as(app::Context& ctx, const std::string& email, const std::string& password);
  void signed_in(const client::Reply& r);
  void server_error(const client::Reply& r);
  std::string message_for(Field f) const;

  SessionFn on_session_;
  Mode mode_ = Mode::SignIn;
  char email_[256] = {};
  char password_[256] = {};
  char name_[128] = {};
  char company_[256] = {};
  std::string client_error_[kFieldCount];
  std::string server_error_[kFieldCount];
  std::string general_error_;
  bool tried_ = false;  // live validation after the first submit
  bool busy_ = false;
  std::string busy_demo_;  // the demo account being signed in
};

}  // namespace portal::screens
