// The portal application: picks the back end (online portal-server or the in-page demo), keeps
// the session, the catalog, the language and the theme, draws the shell (navigation, language and
// theme switches, the "Demo" badge) and the current screen.
//
// Start-up: `?demo=1` forces the demo; otherwise GET /api/v1/plans on the page's own origin
// decides (a JSON 200 → online, anything else → demo). Then the catalog, then GET /me with the
// token kept in localStorage (per mode), so a reload stays signed in.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"
#include "client/backend.h"

namespace portal::screens {
class SignInScreen;
class MySupportScreen;
class PlansScreen;
class RequestsScreen;
class QueueScreen;
class CallsScreen;
class HelpScreen;
class MetricsScreen;
class AccountScreen;
class ChatPanel;
}  // namespace portal::screens

namespace portal::app {

class App final : public Context {
 public:
  App();
  ~App() override;
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // One frame of the whole UI (called by the platform between NewFrame and Render).
  void frame();

  // ---- Context ----
  const std::string& role() const override { return role_; }
  const nlohmann::json& me() const override { return me_; }
  const Catalog& core_catalog() const override { return core_catalog_; }
  bool demo() const override { return backend_ && backend_->demo(); }
  // target: "/me" or "/api/v1/me" (the prefix is added when missing).
  void call(const std::string& method, const std::string& target, const nlohmann::json& body,
            client::ReplyFn done) override;
  void refresh_me() override;
  void go(const std::string& screen) override;
  const std::string& screen() const override { return screen_; }
  void open_request(const std::string& request_id) override;
  void new_request(const nlohmann::json& draft) override;

  // ---- session (the sign-in screen) ----
  // A token from POST /auth/login or /auth/register: kept, then /me is loaded.
  void start_session(const std::string& token);
  // Ends the session (POST /auth/logout when still valid), back to the sign-in screen.
  void sign_out(bool expired);

  // ---- preferences ----
  void set_language(const std::string& lang);
  void set_dark(bool dark);
  bool dark() const { return dark_; }

 private:
  enum class Phase { Probing, LoadingCatalog, Ready };

  void use_backend(std::unique_ptr<client::Backend> backend);
  // The answer to GET /api/v1/plans: the server's catalog (online), else the offline demo.
  void on_probe(const client::Reply& r);
  void start_demo();
  void load_catalog();
  // Keeps GET /plans's body typed by the core; false (and the error banner) when the core refuses
  // it.
  bool take_catalog(const nlohmann::json& body);
  void load_session();
  void load_me();
  std::string token_key() const;
  std::string default_screen() const;
  bool screen_available(const std::string& id) const;

  // Addresses (app/routes.h, app_routes.cpp).
  std::string current_route() const;
  void apply_route(const std::string& route);
  void enter_app();         // a session began: the deep link waiting for it, else the home screen
  void follow_route();      // every frame: Back / Forward, and the address of what is shown
  void reset_user_state();  // signed out: every screen starts afresh (no cache, filter, banner)
  // app_live.cpp: the session's change events refresh the screens that show what changed.
  void start_live();
  void on_live_event(const nlohmann::json& event);
  void draw_live_cue();
  void draw_chat();  // the chat button (nav footer) and the panel over every screen
  unsigned live_events_ = 0;
  std::unique_ptr<screens::ChatPanel> chat_;

  void draw_loading();
  void draw_nav_footer();
  void draw_top_bar_actions();
  void publish_state();

  Phase phase_ = Phase::Probing;
  std::unique_ptr<client::Backend> backend_;
  std::unique_ptr<client::Backend> retired_;  // the probe, released on the next frame
  bool forced_demo_ = false;

  std::string token_;
  std::string role_;
  nlohmann::json me_;
  Catalog core_catalog_;
  bool me_loading_ = false;
  unsigned session_gen_ = 0;  // replies of an ended session are dropped

  std::string screen_ = "loading";
  std::string last_drawn_route_;  // a new route (screen or view) starts at its top
  std::string pending_route_;     // an address to show once signed in (or once loaded)
  std::string shown_route_;       // what the address bar shows
  bool replace_route_ = true;     // the next address replaces the current entry (redirects)
  bool reset_screens_ = false;    // signed out: screens are rebuilt at the next frame's start
  bool dark_ = false;
  int lang_index_ = 0;      // the language chosen (shown once downloaded)
  std::string title_lang_;  // the language the document title is in
  bool language_failure_shown_ = false;

  std::unique_ptr<screens::SignInScreen> sign_in_;
  std::unique_ptr<screens::MySupportScreen> my_support_;
  std::unique_ptr<screens::PlansScreen> plans_;
  std::unique_ptr<screens::RequestsScreen> requests_;
  std::unique_ptr<screens::QueueScreen> queue_;
  std::unique_ptr<screens::CallsScreen> calls_;
  std::unique_ptr<screens::HelpScreen> help_;
  std::unique_ptr<screens::MetricsScreen> metrics_;
  std::unique_ptr<screens::AccountScreen> account_;
};

}  // namespace portal::app
