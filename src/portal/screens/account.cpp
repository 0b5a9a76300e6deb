#include "screens/account.h"

#include <cstring>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/common.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

namespace {

// "Firefox on Linux"-style names would need a UA parser; the browser's own words, shortened.
std::string browser_name(const std::string& ua) {
  if (ua.empty()) return tr("account.unknown_browser");
  return ua.size() > 90 ? ua.substr(0, 87) + "..." : ua;
}

}  // namespace

void AccountScreen::load(app::Context& ctx) {
  if (loading_) return;
  loading_ = true;
  std::weak_ptr<int> alive = alive_;
  ctx.call("GET", "/me/sessions", nullptr, [this, alive](const client::Reply& r) {
    if (alive.expired()) return;
    loading_ = false;
    if (r.ok() && r.body.contains("sessions")) sessions_ = r.body["sessions"];
    else error_ = r.error_message();
    test_hooks::set_value("account.sessions", std::to_string(sessions_.is_array() ? sessions_.size() : 0));
    platform::request_frame();
  });
}

void AccountScreen::draw(app::Context& ctx) {
  const int frame = ImGui::GetFrameCount();
  if (frame - last_frame_ > 1) {  // opened
    error_.clear();
    load(ctx);
  }
  last_frame_ = frame;
  ui::title(tr("account.title"));
  ui::subtitle(tr("account.subtitle"));
  draw_sessions(ctx);
  draw_password(ctx);
}

void AccountScreen::draw_sessions(app::Context& ctx) {
  ui::begin_card("sessions");
  ui::heading(tr("account.sessions"));
  if (!sessions_.is_array()) {
    ui::muted(tr("shell.loading"));
    ui::end_card();
    return;
  }
  std::weak_ptr<int> alive = alive_;
  auto end = [&](const std::string& target) {
    busy_ = true;
    ctx.call("DELETE", target, nullptr, [this, alive, &ctx](const client::Reply& r) {
      if (alive.expired()) return;
      busy_ = false;
      if (r.ok()) ui::toast(tr("account.ended"), ui::ToastKind::Success);
      else ui::toast(r.error_message(), ui::ToastKind::Error);
      load(ctx);
    });
  };
  int others = 0;
  for (const json& s : sessions_) {
    const std::string id = str(s, "id");
    const bool current = s.value("current", false);
    if (!current) ++others;
    ImGui::PushID(id.c_str());
    ui::separator();
    ui::icon_text(icon::kUser, ui::palette().text, browser_name(str(s, "browser")), ui::Font::Strong);
    ui::muted(trf("account.times", {{"started", client::format_when(client::parse_wire_time(str(s, "started_at")))},
                                    {"used", client::format_when(client::parse_wire_time(str(s, "last_used_at")))}})
                  .c_str());
    if (current) ui::badge(tr("account.this_browser"), ui::palette().text, ui::palette().surface_alt);
    else if (ui::button((std::string(tr("account.end")) + "##end").c_str(), icon::kSignOut,
                        ui::ButtonStyle::Secondary) &&
             !busy_)
      end("/me/sessions/" + id);
    ImGui::PopID();
  }
  ui::separator();
  if (others > 0 &&
      ui::button((std::string(tr("account.end_others")) + "##end_others").c_str(), icon::kSignOut,
                 ui::ButtonStyle::Danger) &&
      !busy_)
    end("/me/sessions");
  ui::end_card();
}

void AccountScreen::draw_password(app::Context& ctx) {
  ui::begin_card("password");
  ui::heading(tr("account.password"));
  ui::muted(tr("account.password_note"));
  // Enter in either field submits, as in a form.
  bool enter = ui::text_field(tr("account.current_password"), "##current_password", current_, sizeof current_, nullptr,
                              ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue, "current-password");
  enter |=
      ui::text_field(tr("account.new_password"), "##new_password", next_, sizeof next_, tr("signin.password_hint_new"),
                     ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue, "new-password");
  if (!error_.empty()) ui::note(ui::NoteKind::Danger, error_);
  if ((ui::button((std::string(tr("account.change_password")) + "##change_password").c_str(), icon::kLock) ||
       (enter && current_[0] && next_[0])) &&
      !busy_) {
    busy_ = true;
    error_.clear();
    std::weak_ptr<int> alive = alive_;
    ctx.call("POST", "/me/password", json{{"current_password", current_}, {"new_password", next_}},
             [this, alive, &ctx](const client::Reply& r) {
               if (alive.expired()) return;
               busy_ = false;
               if (r.ok()) {
                 std::memset(current_, 0, sizeof current_);
                 std::memset(next_, 0, sizeof next_);
                 ui::toast(tr("account.password_changed"), ui::ToastKind::Success);
                 load(ctx);
               } else {
                 error_ = r.error_message();
                 error_field_ = r.error_field();
               }
               test_hooks::set_value("account.error", error_);
               platform::request_frame();
             });
  }
  ui::end_card();
}

}  // namespace portal::screens
