#include "screens/sign_in.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "client/i18n.h"
#include "domain/account_rules.h"
#include "domain/demo_data.h"
#include "platform/web_platform.h"
#include "screens/common.h"
#include "ui/icons.h"
#include "ui/layout.h"
#include "ui/test_hooks.h"
#include "ui/dom_field.h"
#include "ui/widgets.h"

namespace portal::screens {

namespace {

const char* const kFieldNames[] = {"email", "password", "name", "company"};

std::string trim(const char* s) {
  std::string t(s);
  const auto b = t.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = t.find_last_not_of(" \t\r\n");
  return t.substr(b, e - b + 1);
}

// The server's account rules (domain/account_rules.h), checked before sending; the words shown
// are this screen's translations, so the rules' English is not used.
namespace rules = account_rules;
bool email_ok(const char* email) { return !rules::email_problem(rules::normalise_email(email), "email"); }
bool new_password_ok(const char* password) { return !rules::password_problem(password, "password"); }
bool name_ok(const char* name, std::size_t max_chars) { return !rules::name_problem(name, "name", max_chars); }

// Small text in a colour with an icon in front, wrapped.
void note(const char* icon_text, ImU32 color, const std::string& text) {
  ui::FontScope f(ui::Font::Small);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
  ImGui::TextUnformatted(icon_text);
  ImGui::SameLine(0, 6);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

// The demo login's description in the current language: "Northwind Traders, basic plan".
std::string demo_description(const DemoLogin& d) {
  const std::string& text = d.description;
  const auto comma = text.find(", ");
  if (comma == std::string::npos) return text;
  const std::string who = text.substr(0, comma);
  std::string rest = text.substr(comma + 2);
  if (d.role == "agent") return trf("signin.demo_agent", {{"name", who}, {"level", rest}});
  const bool dedicated = rest.find("dedicated agent") != std::string::npos;
  const std::string plan = rest.substr(0, rest.find(' '));
  const std::string tier_key = "tier." + plan;
  const char* tier = tr(tier_key.c_str());
  std::string out = trf("signin.demo_customer", {{"company", who}, {"plan", tier == tier_key ? plan : tier}});
  if (dedicated) out += trf("signin.demo_dedicated", {});
  return out;
}

// A full-width, clickable row for a demo account. Returns true when clicked.
bool demo_row(const DemoLogin& d, bool busy, bool disabled) {
  const ui::Palette& p = ui::palette();
  const float h = platform::touch_mode() ? 64.0f : 58.0f;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float w = ui::content_right() - pos.x;
  const std::string key = d.email + "##demo-" + d.email;
  ImGui::BeginDisabled(disabled);
  const bool pressed = ImGui::InvisibleButton(key.c_str(), ImVec2(w, h));
  ImGui::EndDisabled();
  const bool hovered = ImGui::IsItemHovered();
  const bool held = ImGui::IsItemActive();
  test_hooks::register_item(ui::last_item_id(), key.c_str());
  if (hovered && !disabled) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 max(pos.x + w, pos.y + h);
  dl->AddRectFilled(pos, max, ImGui::GetColorU32(held ? p.surface_press : hovered ? p.surface_alt : p.surface), 10);
  dl->AddRect(pos, max, ImGui::GetColorU32(hovered ? ui::with_alpha(p.brand, 120) : p.border), 10);
  ui::nav_highlight(pos, max, ui::last_item_id());  // keyboard navigation
  // Avatar with the role's icon.
  const float d_av = 36;
  const ImVec2 c(pos.x + 14 + d_av * 0.5f, pos.y + h * 0.5f);
  const bool agent = d.role == "agent";
  dl->AddCircleFilled(c, d_av * 0.5f, ImGui::GetColorU32(agent ? ui::with_alpha(p.success, 40) : p.brand_soft), 32);
  ImFont* strong = ui::font(ui::Font::Strong);
  ImFont* small = ui::font(ui::Font::Small);
  const float scale = ImGui::GetIO().FontGlobalScale;
  const float fs = strong->FontSize * scale, ss = small->FontSize * scale;
  const char* ic = agent ? icon::kLifeRing : icon::kUser;
  const ImVec2 isz = strong->CalcTextSizeA(fs, FLT_MAX, 0, ic);
  dl->AddText(strong, fs, c - isz * 0.5f, ImGui::GetColorU32(agent ? p.success : p.brand), ic);
  // Email and description.
  const float tx = pos.x + 14 + d_av + 14;
  const float right = max.x - 40;
  const float ty = pos.y + (h - fs - ss - 4) * 0.5f;
  dl->PushClipRect(ImVec2(tx, pos.y), ImVec2(right, max.y), true);
  dl->AddText(strong, fs, ImVec2(tx, ty), ImGui::GetColorU32(p.text), d.email.c_str());
  const std::string desc = busy ? std::string(tr("signin.signing_in")) : demo_description(d);
  dl->AddText(small, ss, ImVec2(tx, ty + fs + 4), ImGui::GetColorU32(busy ? p.brand : p.text_muted), desc.c_str());
  dl->PopClipRect();
  const ImVec2 csz = small->CalcTextSizeA(ss, FLT_MAX, 0, icon::kChevronRight);
  dl->AddText(small, ss, ImVec2(max.x - 20 - csz.x, pos.y + (h - ss) * 0.5f),
              ImGui::GetColorU32(hovered ? p.brand : p.text_muted), icon::kChevronRight);
  ui::gap(2);
  return pressed && !disabled;
}

}  // namespace

SignInScreen::SignInScreen(SessionFn on_session) : on_session_(std::move(on_session)) {}

void SignInScreen::reset() {
  std::memset(password_, 0, sizeof password_);
  for (int i = 0; i < kFieldCount; i++) {
    client_error_[i].clear();
    server_error_[i].clear();
  }
  general_error_.clear();
  tried_ = false;
  busy_ = false;
  busy_demo_.clear();
}

void SignInScreen::draw(app::Context& ctx) {
  const bool reg = mode_ == Mode::Register;
  // A centred column: the form alone (at most 560 px), or the form and the demo accounts side by
  // side when there is room (the demo's accounts are then visible without scrolling).
  const float avail = ImGui::GetContentRegionAvail().x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const bool two = ctx.demo() && avail >= 860;
  const float width = two ? avail : std::min(avail, 560.0f);
  const float x0 = origin.x + std::floor((avail - width) * 0.5f);
  ImGui::SetCursorScreenPos(ImVec2(x0, origin.y));
  const ui::Column outer(ui::Column::AtMost{}, x0 + width);
  ImGui::BeginGroup();
  ui::title(reg ? tr("signin.register_title") : tr("signin.title"));
  ui::subtitle(reg ? tr("signin.register_subtitle") : tr("signin.subtitle"));
  ui::gap(8);
  if (two) {
    const float gutter = 24, left_w = std::floor((width - gutter) * 0.5f);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    {
      const ui::Column left(ui::Column::AtMost{}, top.x + left_w);
      ImGui::BeginGroup();
      draw_form(ctx);
      ImGui::EndGroup();
    }
    const float left_bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(top.x + left_w + gutter, top.y));
    ImGui::BeginGroup();
    draw_demo_accounts(ctx);
    ImGui::EndGroup();
    const float bottom = std::max(left_bottom, ImGui::GetItemRectMax().y);
    ImGui::SetCursorScreenPos(ImVec2(top.x, bottom));
    ImGui::Dummy(ImVec2(0, 0));
  } else {
    draw_form(ctx);
    if (ctx.demo()) draw_demo_accounts(ctx);
  }
  ImGui::EndGroup();
  for (int i = 0; i < kFieldCount; i++)
    test_hooks::set_value(std::string("signin.error.") + kFieldNames[i], message_for(static_cast<Field>(i)));
  test_hooks::set_value("signin.error", general_error_);
  test_hooks::set_value("signin.mode", reg ? "register" : "sign_in");
  test_hooks::set_value("signin.email", email_);  // what the field holds (the platform tests type into it)
}

std::string SignInScreen::message_for(Field f) const {
  if (tried_ && !client_error_[f].empty()) return client_error_[f];
  return server_error_[f];
}

bool SignInScreen::field(Field f, const char* label, const char* id, char* buf, std::size_t size, const char* hint,
                         int flags) {
  // Real <input>s in a <form> (ui/dom_field.h): password managers fill them, the browser edits.
  ui::DomFieldOptions o;
  o.hint = hint;
  o.in_form = true;
  const bool reg = mode_ == Mode::Register;
  o.kind = f == kEmail                              ? ui::DomKind::Email
           : (flags & ImGuiInputTextFlags_Password) ? ui::DomKind::Password
                                                    : ui::DomKind::Text;
  o.autocomplete = f == kEmail      ? "username"
                   : f == kPassword ? (reg ? "new-password" : "current-password")
                   : f == kName     ? "name"
                                    : "organization";
  static int shown_frame = -10;  // the form appears: the e-mail field takes the keyboard (desktop)
  if (f == kEmail && ImGui::GetFrameCount() > shown_frame + 1 && !platform::touch_mode()) ui::dom_focus_request(id);
  if (f == kEmail) shown_frame = ImGui::GetFrameCount();
  const bool changed = ui::dom_text_field(label, id, buf, size, o);
  const ImVec2 bb_min = ImGui::GetItemRectMin(), bb_max = ImGui::GetItemRectMax();
  const bool enter = f == kPassword && ui::dom_form_submitted();
  if (changed || ImGui::IsItemEdited()) server_error_[f].clear();
  const std::string msg = message_for(f);
  if (!msg.empty()) {
    const ui::Palette& p = ui::palette();
    ImGui::GetWindowDrawList()->AddRect(bb_min, bb_max, ImGui::GetColorU32(p.danger), 8, 0, 1.5f);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 2);
    note(icon::kWarning, p.danger, msg);
  }
  ui::gap(4);
  return enter;
}

void SignInScreen::draw_form(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const bool reg = mode_ == Mode::Register;
  ui::begin_card("signin-form");
  const char* modes[] = {tr("signin.tab_sign_in"), tr("signin.tab_register")};
  int mode = reg ? 1 : 0;
  if (ui::segmented("signin-mode", modes, 2, &mode)) {
    mode_ = mode == 1 ? Mode::Register : Mode::SignIn;
    tried_ = false;
    general_error_.clear();
    for (auto& e : server_error_) e.clear();
  }
  ui::gap(10);
  if (tried_) validate();
  bool enter = false;
  if (reg) {
    field(kName, tr("signin.name"), "##name", name_, sizeof name_, tr("signin.name_hint"), 0);
    field(kCompany, tr("signin.company"), "##company", company_, sizeof company_, tr("signin.company_hint"), 0);
  }
  field(kEmail, tr("signin.email"), "##email", email_, sizeof email_, "name@company.com", 0);
  enter = field(kPassword, tr("signin.password"), "##password", password_, sizeof password_,
                reg ? tr("signin.password_hint_new") : tr("signin.password_hint"),
                ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  if (reg && message_for(kPassword).empty()) {
    const bool long_enough = new_password_ok(password_);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
    note(long_enough ? icon::kCheckCircle : icon::kInfo, long_enough ? p.success : p.text_muted,
         tr("signin.password_rule"));
    ui::gap(4);
  }
  ui::gap(4);
  ImGui::BeginDisabled(busy_ || !busy_demo_.empty());
  const std::string label = std::string(busy_ ? tr("signin.signing_in")
                                        : reg ? tr("signin.create")
                                              : tr("signin.submit")) +
                            (reg ? "##register" : "##sign-in");
  const bool clicked = ui::button(label.c_str(), nullptr, ui::ButtonStyle::Primary, -1);
  ImGui::EndDisabled();
  if ((clicked || enter) && !busy_) submit(ctx);
  if (!general_error_.empty()) {
    ui::gap(4);
    note(icon::kWarning, p.danger, general_error_);
  }
  ui::gap(6);
  ui::separator();
  ui::gap(6);
  {
    ui::FontScope f(ui::Font::Small);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
    ImGui::TextUnformatted(reg ? tr("signin.have_account") : tr("signin.no_account"));
    ImGui::PopStyleColor();
  }
  ImGui::SameLine(0, 4);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 11);
  const std::string other = std::string(reg ? tr("signin.tab_sign_in") : tr("signin.tab_register")) + "##switch-mode";
  if (ui::button(other.c_str(), nullptr, ui::ButtonStyle::Ghost)) {
    mode_ = reg ? Mode::SignIn : Mode::Register;
    tried_ = false;
    general_error_.clear();
    for (auto& e : server_error_) e.clear();
  }
  ui::end_card();
}

void SignInScreen::draw_demo_accounts(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  static const std::vector<DemoLogin> logins = demo_logins();
  ui::begin_card("demo-accounts");
  {
    ui::FontScope f(ui::Font::Heading);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.warning));
    ImGui::TextUnformatted(icon::kInfo);
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 10);
    ImGui::TextUnformatted(tr("signin.demo_title"));
  }
  ui::muted(tr("signin.demo_subtitle"));
  ui::gap(8);
  const bool locked = busy_ || !busy_demo_.empty();
  for (const char* role : {"customer", "agent"}) {
    ui::label(std::string(role) == "customer" ? tr("signin.demo_customers") : tr("signin.demo_agents"));
    for (const DemoLogin& d : logins) {
      if (d.role != role) continue;
      if (demo_row(d, busy_demo_ == d.email, locked)) sign_in_as(ctx, d.email, d.password);
    }
    ui::gap(6);
  }
  ui::muted(tr("signin.demo_passwords"));
  ui::end_card();
}

void SignInScreen::validate() {
  const bool reg = mode_ == Mode::Register;
  for (auto& e : client_error_) e.clear();
  if (!email_ok(email_)) client_error_[kEmail] = tr("signin.error.email");
  if (reg) {
    if (!new_password_ok(password_)) client_error_[kPassword] = tr("signin.error.password_short");
    if (!name_ok(name_, rules::kMaxPersonNameChars)) client_error_[kName] = tr("signin.error.name");
    if (!name_ok(company_, rules::kMaxCompanyNameChars)) client_error_[kCompany] = tr("signin.error.company");
  } else if (!password_[0]) {
    client_error_[kPassword] = tr("signin.error.password_required");
  }
}

bool SignInScreen::valid() const {
  return std::all_of(std::begin(client_error_), std::end(client_error_),
                     [](const std::string& e) { return e.empty(); });
}

void SignInScreen::submit(app::Context& ctx) {
  tried_ = true;
  validate();
  general_error_.clear();
  if (!valid()) return;
  for (auto& e : server_error_) e.clear();
  busy_ = true;
  json body = {{"email", trim(email_)}, {"password", password_}};
  std::string target = "/auth/login";
  if (mode_ == Mode::Register) {
    body["name"] = trim(name_);
    body["company"] = trim(company_);
    target = "/auth/register";
  }
  ctx.call("POST", target, body, [this](const client::Reply& r) {
    busy_ = false;
    if (r.ok()) signed_in(r);
    else server_error(r);
  });
}

void SignInScreen::sign_in_as(app::Context& ctx, const std::string& email, const std::string& password) {
  busy_demo_ = email;
  general_error_.clear();
  ctx.call("POST", "/auth/login", json{{"email", email}, {"password", password}}, [this](const client::Reply& r) {
    busy_demo_.clear();
    if (r.ok()) signed_in(r);
    else server_error(r);
  });
}

void SignInScreen::signed_in(const client::Reply& r) {
  const std::string token = r.body.is_object() ? r.body.value("token", "") : "";
  if (token.empty()) {
    general_error_ = tr("signin.error.unexpected");
    return;
  }
  std::string name;
  for (const char* who : {"customer", "agent"})
    if (r.body.contains(who) && r.body[who].is_object()) name = r.body[who].value("name", "");
  const bool registered = r.status == 201;
  std::memset(password_, 0, sizeof password_);
  tried_ = false;
  for (auto& e : client_error_) e.clear();
  ui::toast(registered ? trf("signin.welcome_new", {{"name", name}}) : trf("signin.welcome", {{"name", name}}),
            ui::ToastKind::Success);
  on_session_(token);
}

void SignInScreen::server_error(const client::Reply& r) {
  const std::string code = r.error_code();
  const std::string field_name = r.error_field();
  std::string message = r.error_message();
  if (code == "email_taken") message = tr("signin.error.email_taken");
  else if (code == "bad_credentials") message = tr("signin.error.bad_credentials");
  else if (r.status == 429) message = tr("signin.error.rate_limited");
  for (int i = 0; i < kFieldCount; i++) {
    if (field_name == kFieldNames[i]) {
      // A field the form does not show (name/company while signing in) goes to the general line.
      if ((i == kName || i == kCompany) && mode_ != Mode::Register) break;
      server_error_[i] = message;
      return;
    }
  }
  general_error_ = message;
}

}  // namespace portal::screens
