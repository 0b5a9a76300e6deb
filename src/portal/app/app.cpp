#include "app/app.h"

#include <emscripten.h>
#include <imgui.h>

#include <cstdlib>
#include <string_view>
#include <vector>

#include "client/i18n.h"
#include "client/prefs.h"
#include "app/drafts.h"
#include "app/routes.h"
#include "platform/web_platform.h"
#include "screens/calls.h"
#include "screens/chat_panel.h"
#include "screens/help.h"
#include "screens/account.h"
#include "screens/metrics.h"
#include "screens/my_support.h"
#include "screens/plans.h"
#include "screens/queue.h"
#include "screens/requests.h"
#include "screens/sign_in.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::app {

using i18n::tr;
using i18n::trf;
using nlohmann::json;

namespace {

// ?demo=1 in the page's URL forces the offline demo.
EM_JS(int, portal_app_url_forces_demo, (), {
  try { return new URLSearchParams(window.location.search).get("demo") === "1" ? 1 : 0; } catch (e) { return 0; }
});
// web/loader.js's answer to GET /api/v1/plans when it found the server (taken once), else null.
EM_JS(char*, portal_app_take_probe, (), {
  var t = Module.portalProbe;
  delete Module.portalProbe;
  if (typeof t !== "string") return 0;
  var n = lengthBytesUTF8(t) + 1;
  var p = _malloc(n);
  stringToUTF8(t, p, n);
  return p;
});
// The browser's preferred language ("ru-RU" → "ru").
EM_JS(char*, portal_app_browser_language, (), {
  var lang = "en";
  try { lang = (navigator.languages && navigator.languages[0]) || navigator.language || "en"; } catch (e) {}
  lang = String(lang).slice(0, 2).toLowerCase();
  var n = lengthBytesUTF8(lang) + 1;
  var p = _malloc(n);
  stringToUTF8(lang, p, n);
  return p;
});

std::string browser_language() {
  char* p = portal_app_browser_language();
  std::string s(p ? p : "en");
  std::free(p);
  return s;
}

constexpr const char* kLangs[] = {"en", "ru", "bg"};
constexpr const char* kLangLabels[] = {"EN", "RU", "BG"};

int lang_index(const std::string& lang) {
  for (int i = 0; i < 3; i++)
    if (lang == kLangs[i]) return i;
  return 0;
}

const json& obj(const json& j, const char* key) {
  static const json empty = json::object();
  if (j.is_object() && j.contains(key) && j[key].is_object()) return j[key];
  return empty;
}

std::string str(const json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return {};
}

// Shortens text with "…" to what fits next to the avatar of ui::user_chip in the navigation.
std::string fit(std::string text, ui::Font font) {
  ui::FontScope f(font);
  const float room = ImGui::GetContentRegionAvail().x - 36 - 12 - 4;
  if (ImGui::CalcTextSize(text.c_str()).x <= room) return text;
  while (!text.empty()) {
    std::size_t n = text.size() - 1;  // drop one whole UTF-8 character
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    text.resize(n);
    if (ImGui::CalcTextSize((text + "…").c_str()).x <= room) return text + "…";
  }
  return text;
}

// A "Demo" pill in the warning colour.
void demo_badge() {
  const ui::Palette& p = ui::palette();
  ui::badge(tr("shell.demo_badge"), p.warning, ui::with_alpha(p.warning, 40));
}

}  // namespace

App::App() {
  // Preferences first: the first frame is already in the right language and theme.
  std::string lang = client::pref_get("lang");
  if (lang.empty()) lang = browser_language();
  lang_index_ = lang_index(lang);
  i18n::set_language(kLangs[lang_index_]);
  const std::string theme = client::pref_get("theme");
  dark_ = theme.empty() ? ui::theme() == ui::Theme::Dark : theme == "dark";
  ui::set_theme(dark_ ? ui::Theme::Dark : ui::Theme::Light);

  sign_in_ = std::make_unique<screens::SignInScreen>([this](const std::string& token) { start_session(token); });
  reset_user_state();  // creates the screens

  pending_route_ = routes::current();  // a deep link or a reload: shown once the session is known
  forced_demo_ = portal_app_url_forces_demo() != 0;
  if (forced_demo_ || client::demo_build()) {
    start_demo();
    return;
  }
  // Served by portal-server? Its catalog answers as JSON; a static host answers 404 (or HTML).
  // web/loader.js asked already (its answer chose this build): that answer, else ask now.
  backend_ = client::make_online_backend();
  if (char* probed = portal_app_take_probe()) {
    client::Reply r;
    r.status = 200;
    r.text = probed;
    std::free(probed);
    r.body = json::parse(std::string_view(r.text), nullptr, false);  // string_view: one parser in the wasm
    if (r.body.is_discarded()) r.body = nullptr;
    on_probe(r);
    return;
  }
  backend_->send("GET", "/api/v1/plans", "", "", [this](const client::Reply& r) { on_probe(r); });
}

void App::on_probe(const client::Reply& r) {
  platform::request_frame();
  if (r.status == 200 && r.body.is_object() && r.body.contains("plans")) {
    if (!take_catalog(r.body)) return;
    phase_ = Phase::Ready;
    load_session();
    return;
  }
  retired_ = std::move(backend_);  // maybe inside its callback: released on the next frame
  start_demo();
}

void App::start_demo() {
  std::unique_ptr<client::Backend> demo = client::make_demo_backend();
  if (!demo) return;  // the online build: the page loads the demo build instead
  use_backend(std::move(demo));
  load_catalog();
}

App::~App() = default;

void App::use_backend(std::unique_ptr<client::Backend> backend) {
  backend_ = std::move(backend);
  phase_ = Phase::LoadingCatalog;
  platform::request_frame();
}

void App::load_catalog() {
  phase_ = Phase::LoadingCatalog;
  call("GET", "/plans", nullptr, [this](const client::Reply& r) {
    if (!r.ok()) {
      ui::show_error_banner(trf("error.catalog", {{"message", r.error_message()}}), [this] { load_catalog(); });
      return;
    }
    if (!take_catalog(r.body)) return;
    phase_ = Phase::Ready;
    load_session();
  });
}

bool App::take_catalog(const nlohmann::json& body) {
  try {
    core_catalog_ = load_public_catalog(body.dump());
  } catch (const CatalogError& e) {
    ui::show_error_banner(trf("error.catalog", {{"message", std::string(e.what())}}), [this] { load_catalog(); });
    return false;
  }
  return true;
}

std::string App::token_key() const { return demo() ? "session.demo" : "session.online"; }

void App::load_session() {
  token_ = client::pref_get(token_key());
  if (token_.empty()) {
    enter_app();  // signed out: public addresses (plans, help) open, the others wait for a sign-in
    return;
  }
  load_me();
}

void App::start_session(const std::string& token) {
  token_ = token;
  client::pref_set(token_key(), token);
  load_me();
}

// GET /me for the session's token, then the app; any other failure than 401 (call() signs out
// then) signs out too.
void App::load_me() {
  me_loading_ = true;
  const unsigned gen = ++session_gen_;
  call("GET", "/me", nullptr, [this, gen](const client::Reply& r) {
    if (gen != session_gen_) return;
    me_loading_ = false;
    if (!r.ok()) {
      sign_out(true);
      return;
    }
    me_ = r.body;
    role_ = str(me_, "role").empty() ? "customer" : str(me_, "role");
    enter_app();
    start_live();
  });
}

void App::sign_out(bool expired) {
  if (!expired) forget_drafts(*this);  // signing out on purpose: nothing typed stays on this device
  if (!expired && !token_.empty() && backend_)
    backend_->send("POST", "/api/v1/auth/logout", "", token_, [](const client::Reply&) { platform::request_frame(); });
  client::pref_remove(token_key());
  if (backend_) backend_->unlisten();
  token_.clear();
  role_.clear();
  me_ = json();
  me_loading_ = false;
  ++session_gen_;
  sign_in_->reset();
  reset_screens_ = true;
  replace_route_ = true;
  if (expired) ui::toast(tr("shell.session_ended"), ui::ToastKind::Info);
  go("sign_in");
}

void App::call(const std::string& method, const std::string& target, const json& body, client::ReplyFn done) {
  if (!backend_) return;
  const std::string path = target.rfind("/api/", 0) == 0 ? target : "/api/v1" + target;
  const std::string text = body.is_null() ? std::string() : body.dump(-1, ' ', false, json::error_handler_t::replace);
  const unsigned gen = session_gen_;
  const bool with_token = !token_.empty();
  backend_->send(method, path, text, token_,
                 [this, method, target, body, done, gen, with_token](const client::Reply& r) {
                   platform::request_frame();
                   if (with_token && gen != session_gen_) return;  // the session ended meanwhile
                   if (r.network_error()) {
                     ui::show_error_banner(tr("error.network"),
                                           [this, method, target, body, done] { call(method, target, body, done); });
                     return;
                   }
                   if (r.status == 401 && with_token) {
                     sign_out(true);
                     return;
                   }
                   if (r.status >= 500)
                     ui::show_error_banner(trf("error.server", {{"status", std::to_string(r.status)}}),
                                           [this, method, target, body, done] { call(method, target, body, done); });
                   if (done) done(r);
                 });
  platform::request_frame();
}

void App::refresh_me() {
  if (token_.empty()) return;
  call("GET", "/me", nullptr, [this](const client::Reply& r) {
    if (!r.ok()) return;
    me_ = r.body;
    role_ = str(me_, "role").empty() ? "customer" : str(me_, "role");
  });
}

std::string App::default_screen() const {
  if (role_.empty()) return "sign_in";
  if (role_ == "customer") return "my_support";
  return "queue";
}

bool App::screen_available(const std::string& id) const {
  if (id == "plans" || id == "help") return true;
  if (role_.empty()) return id == "sign_in";
  if (id == "account") return true;
  if (role_ == "customer") return id == "my_support" || id == "requests" || id == "calls" || id == "metrics";
  return id == "queue" || id == "calls" || id == "metrics";  // agents: their booked calls, Metrics over their queue
}

void App::go(const std::string& screen) {
  screen_ = screen_available(screen) ? screen : default_screen();
  platform::request_frame();
}

void App::open_request(const std::string& request_id) {
  if (role_ == "customer") {
    go("requests");
    requests_->open(request_id);
  } else if (role_ == "agent") {
    go("queue");
    queue_->open(request_id);
  }
}

void App::new_request(const json& draft) {
  if (role_ != "customer") return;
  go("requests");
  requests_->start_new(draft);
}

void App::set_language(const std::string& lang) {
  lang_index_ = lang_index(lang);
  i18n::set_language(kLangs[lang_index_]);  // shown once downloaded (see frame())
  client::pref_set("lang", kLangs[lang_index_]);
  platform::request_frame();
}

void App::set_dark(bool dark) {
  dark_ = dark;
  ui::set_theme(dark ? ui::Theme::Dark : ui::Theme::Light);
  client::pref_set("theme", dark ? "dark" : "light");
  platform::request_frame();
}

// ---- drawing -----------------------------------------------------------------------------------

void App::frame() {
  retired_.reset();
  if (reset_screens_) reset_user_state();
  follow_route();
  if (backend_) backend_->pump();
  if (i18n::language() != title_lang_) {  // a language arrived (or the first frame)
    title_lang_ = i18n::language();
    platform::set_document_title(tr("app.title"));
  }
  if (i18n::language_failed() && !language_failure_shown_) {
    language_failure_shown_ = true;
    ui::toast(tr("shell.language_failed"), ui::ToastKind::Error);
    lang_index_ = lang_index(i18n::language());
    i18n::set_language(i18n::language());
  } else if (!i18n::language_failed()) {
    language_failure_shown_ = false;
  }

  std::vector<ui::NavItem> nav;
  const bool ready = phase_ == Phase::Ready && !me_loading_;
  if (ready) {
    if (role_.empty()) nav.push_back({icon::kUser, tr("nav.sign_in"), "sign_in"});
    if (role_ == "customer") {
      nav.push_back({icon::kLifeRing, tr("nav.my_support"), "my_support"});
      nav.push_back({icon::kInbox, tr("nav.requests"), "requests"});
      nav.push_back({icon::kCalendar, tr("nav.calls"), "calls"});
    }
    if (role_ == "agent") {
      nav.push_back({icon::kTasks, tr("nav.queue"), "queue"});
      nav.push_back({icon::kCalendar, tr("nav.calls"), "calls"});  // the calls booked with them
    }
    nav.push_back({icon::kTicket, tr("nav.plans"), "plans"});
    nav.push_back({icon::kQuestion, tr("nav.help"), "help"});
    if (!role_.empty()) nav.push_back({icon::kBarChart, tr("nav.metrics"), "metrics"});  // customers and agents
    if (!role_.empty()) nav.push_back({icon::kLock, tr("nav.account"), "account"});
  }
  int selected = -1;
  for (int i = 0; i < static_cast<int>(nav.size()); i++)
    if (screen_ == nav[i].id) selected = i;
  const int before = selected;

  ui::ShellConfig shell;
  shell.product = tr("app.product");
  shell.items = nav.data();
  shell.count = static_cast<int>(nav.size());
  shell.selected = &selected;
  shell.nav_footer = [this] { draw_nav_footer(); };
  shell.top_bar_actions = [this] { draw_top_bar_actions(); };
  if (screen_ == "sign_in") shell.content_max_width = 1000;  // the screen centres its own column
  ui::begin_shell(shell);
  if (selected != before && selected >= 0) go(nav[selected].id);

  if (const std::string route = ready ? current_route() : std::string(); route != last_drawn_route_) {
    ImGui::SetScrollY(0);  // a new screen, or a new view of one (a request, the form), starts at its top
    last_drawn_route_ = route;
    platform::request_frame();
  }
  if (!ready) draw_loading();
  else if (screen_ == "sign_in") sign_in_->draw(*this);
  else if (screen_ == "my_support") my_support_->draw(*this);
  else if (screen_ == "plans") plans_->draw(*this);
  else if (screen_ == "requests") requests_->draw(*this);
  else if (screen_ == "queue") queue_->draw(*this);
  else if (screen_ == "calls") calls_->draw(*this);
  else if (screen_ == "help") help_->draw(*this);
  else if (screen_ == "metrics") metrics_->draw(*this);
  else if (screen_ == "account") account_->draw(*this);
  ui::end_shell();
  if (ready) {  // the address of what is shown: a new entry for a new screen, Back returns
    const std::string route = current_route();
    if (route != shown_route_) {
      // A request opened by its id is shown by its number once loaded: the same place, corrected.
      const bool same_place = (screen_ == "requests" && requests_->same_request(shown_route_)) ||
                              (screen_ == "queue" && queue_->same_request(shown_route_));
      routes::show(route, !replace_route_ && !same_place && !shown_route_.empty());
      shown_route_ = route;
    }
    replace_route_ = false;
  }
  draw_chat();
  publish_state();
}

void App::draw_loading() {
  ui::gap(40);
  const float w = ImGui::GetContentRegionAvail().x;
  const char* text = tr("shell.loading");
  ui::FontScope f(ui::Font::Heading);
  const ImVec2 ts = ImGui::CalcTextSize(text);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (w - ts.x) * 0.5f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ui::palette().text_muted));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void App::draw_nav_footer() {
  draw_live_cue();
  const ui::Palette& p = ui::palette();
  if (phase_ != Phase::Probing && demo()) {
    demo_badge();
    ui::muted(tr("shell.demo_note"));
    ui::gap(6);
  }
  ui::separator();
  ui::gap(6);
  if (!role_.empty()) {
    const json& who = obj(me_, role_ == "agent" ? "agent" : "customer");
    const std::string name = fit(str(who, "name"), ui::Font::Strong), email = fit(str(who, "email"), ui::Font::Small);
    ui::user_chip(name.c_str(), email.c_str());
    ui::gap(6);
  }
  {
    ui::FontScope f(ui::Font::Small);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
    ImGui::Text("%s  %s", icon::kGlobe, tr("shell.language"));
    ImGui::PopStyleColor();
  }
  int lang = lang_index_;
  if (ui::segmented("lang", kLangLabels, 3, &lang)) set_language(kLangs[lang]);
  ui::gap(4);
  bool dark = dark_;
  if (ui::toggle((std::string(tr("shell.dark_theme")) + "##dark").c_str(), &dark)) set_dark(dark);
  if (!role_.empty()) {
    ui::gap(2);
    if (ui::button((std::string(tr("shell.sign_out")) + "##sign-out").c_str(), icon::kSignOut,
                   ui::ButtonStyle::Ghost)) {
      sign_out(false);
      ImGui::CloseCurrentPopup();  // the phone's navigation drawer (no-op in the side navigation)
    }
  }
}

void App::draw_top_bar_actions() {
  const float y = ImGui::GetCursorPosY();
  if (phase_ != Phase::Probing && demo()) {
    ImGui::SetCursorPosY(y + (platform::touch_mode() ? 12.0f : 10.0f));  // centred on the icon button
    demo_badge();
    ImGui::SameLine(0, 6);
    ImGui::SetCursorPosY(y);
  }
  if (ui::icon_button(dark_ ? icon::kSun : icon::kMoon, tr("shell.toggle_theme"))) set_dark(!dark_);
}

void App::publish_state() {
  test_hooks::set_screen(screen_);
  test_hooks::set_lang(i18n::language());
  std::string user;
  if (role_ == "customer") user = str(obj(me_, "customer"), "email");
  else if (role_ == "agent") user = str(obj(me_, "agent"), "email");
  test_hooks::set_user(user);
  test_hooks::set_mode(phase_ == Phase::Probing ? "" : demo() ? "demo" : "online");
  test_hooks::set_value("theme", dark_ ? "dark" : "light");
  test_hooks::set_value("role", role_);
  test_hooks::set_value("tier", str(me_, "effective_tier"));
  test_hooks::set_value("plan", str(me_, "plan"));
}

}  // namespace portal::app
