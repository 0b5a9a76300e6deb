// One request, for the customer (Requests) and the agent (Queue): header, live SLA clocks with the
// explanation of each business due time, the conversation, and the role's actions.
#include <imgui.h>

#include <algorithm>

#include "client/browser_clock.h"
#include "domain/requests.h"
#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/catalog_words.h"
#include "screens/request_parts.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens::parts {

namespace {
constexpr int kSmall = static_cast<int>(ui::Font::Small);
constexpr int kBody = static_cast<int>(ui::Font::Body);
constexpr int kStrong = static_cast<int>(ui::Font::Strong);

std::string label_id(const char* key, const char* id) { return std::string(tr(key)) + "##" + id; }

// What the viewer may do now: the core's rule, as the Request view carries it ("actions").
bool allows(const json& request, RequestAction action) {
  const json& actions = request.contains("actions") ? request["actions"] : json();
  if (!actions.is_array()) return false;
  for (const json& a : actions)
    if (a.is_string() && a.get_ref<const std::string&>() == to_string(action)) return true;
  return false;
}
}  // namespace

void RequestDetail::value(const std::string& key, const std::string& v) const {
  test_hooks::set_value(prefix_ + ".detail." + key, v);
}

void RequestDetail::keep(const json& request) {
  request_ = request;
  id_ = str(request, "id");
  const int number = request.value("number", 0);
  number_ = number > 0 ? std::to_string(number) : std::string();
}

void RequestDetail::open(app::Context& ctx, const std::string& key) {
  if (!is(key)) {
    id_ = key;  // until loaded: what the request was opened by
    number_.clear();
    request_ = json();
    asking_ = Ask::None;
    reply_.clear();
    reply_error_.clear();
    stars_ = 0;
    rating_comment_.clear();
  }
  load(ctx);
}

void RequestDetail::show(const json& request) {
  keep(request);
  asking_ = Ask::None;
  reply_.clear();
  reply_error_.clear();
  stars_ = 0;
  rating_comment_.clear();
  ++gen_;
  loading_ = false;
}

void RequestDetail::load(app::Context& ctx) {
  loading_ = true;
  const unsigned gen = ++gen_;
  ctx.call("GET", "/requests/" + url_encode(id_), nullptr, [this, gen](const client::Reply& r) {
    if (gen != gen_) return;
    loading_ = false;
    if (r.ok() && r.body.is_object()) keep(r.body);
    else if (r.status == 404) {
      request_ = json();
      ui::toast(tr("requests.detail.not_found"), ui::ToastKind::Error);
    }
  });
}

// Any action: the reply is the request after it (the server's truth), shown at once.
void RequestDetail::act(app::Context& ctx, const std::string& method, const std::string& path, const json& body,
                        const char* done_toast) {
  busy_ = true;
  const unsigned gen = ++gen_;
  ctx.call(method, path, body, [this, gen, done_toast](const client::Reply& r) {
    busy_ = false;
    if (gen != gen_) return;
    if (r.ok() && r.body.is_object()) {
      json body = r.body;
      body.erase("message");
      keep(body);
      if (done_toast) ui::toast(tr(done_toast), ui::ToastKind::Success);
      return;
    }
    if (r.status >= 500) return;  // the banner says so
    ui::toast(trf("requests.detail.action_failed", {{"message", r.error_message()}}), ui::ToastKind::Error);
  });
}

bool RequestDetail::draw(app::Context& ctx, bool agent) {
  const ui::Palette& p = ui::palette();
  bool stay = true;
  if (ui::button(label_id(agent ? "requests.back_queue" : "requests.back_list", "detail-back").c_str(),
                 icon::kChevronLeft, ui::ButtonStyle::Ghost))
    stay = false;
  value("id", id_);
  if (!request_.is_object()) {
    ui::begin_card("req-detail-loading");
    text_colored(kBody, p.text_muted, loading_ ? tr("requests.loading") : tr("requests.detail.not_found"));
    ui::end_card();
    value("status", "");
    return stay;
  }
  reply_draft_.sync(app::draft_key(ctx, "reply." + id_), reply_);  // by id: the same under any address
  const Instant now = client::now();
  header_card(ctx.core_catalog(), agent);
  sla_card(now);
  conversation_card(ctx, agent);
  actions_card(ctx, agent);
  if (!agent) rating_card(ctx);
  return stay;
}

void RequestDetail::header_card(const Catalog& catalog, bool agent) {
  const ui::Palette& p = ui::palette();
  const json& r = request_;
  const std::string number = "#" + std::to_string(r.value("number", 0));
  const int severity = r.value("severity", 3);
  ui::begin_card("req-detail-head");
  text_colored(kSmall, p.text_muted, trf("requests.detail.number", {{"number", number}}));
  ui::title(str(r, "subject").c_str());
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 8));
  status_badge(str(r, "status"), agent);
  ImGui::SameLine();
  level_badge(str(r, "level"));
  ImGui::SameLine();
  severity_badge(severity, severity_name(severity));
  if (ui::wide_layout()) ImGui::SameLine();
  ui::badge(category_name(str(r, "category")).c_str(), p.text_muted, p.surface_alt);
  ImGui::PopStyleVar();
  ui::gap(2);
  const Instant created = client::parse_wire_time(str(r, "created_at"));
  text_colored(kSmall, p.text_muted, trf("requests.detail.created", {{"when", client::format_when(created)}}));
  if (r.contains("address") && r["address"].is_string())
    text_colored(kSmall, p.text_muted, std::string(icon::kMapMarker) + "  " + str(r, "address"));
  if (agent) {  // who asked: name, company, plan and the tier they get now
    const json& c = r.contains("customer") ? r["customer"] : json();
    const std::string company = c.contains("company") ? str(c["company"], "name") : "";
    const std::string who =
        trf("requests.detail.customer_who", {{"name", str(c, "name", str(r, "customer_id"))}, {"company", company}});
    text_colored(kBody, p.text, std::string(icon::kUser) + "  " + who);
    const std::string plan = str(c, "plan"), tier = str(c, "effective_tier");
    if (!plan.empty())
      text_colored(kSmall, p.text_muted,
                   trf(plan == tier ? "requests.detail.customer_plan" : "requests.detail.customer_plan_tier",
                       {{"plan", plan_name(catalog, plan)}, {"tier", tier_name(catalog, tier)}}));
    const std::string assignee = r.contains("assignee") ? str(r["assignee"], "name") : "";
    text_colored(kSmall, p.text_muted,
                 assignee.empty() ? std::string(tr("requests.detail.unassigned"))
                                  : trf("requests.detail.assignee", {{"name", assignee}}));
    value("customer", str(c, "name"));
    value("company", company);
    value("plan", plan);
    value("tier", tier);
    value("assignee", assignee);
  }
  ui::end_card();
  value("number", number);
  value("subject", str(r, "subject"));
  value("status", str(r, "status"));
  value("level", str(r, "level"));
  value("severity", std::to_string(severity));
}

void RequestDetail::sla_card(Instant now) {
  const ui::Palette& p = ui::palette();
  const json& sla = request_.contains("sla") ? request_["sla"] : json();
  if (!sla.is_object()) return;
  const bool stopped = is_finished_status(str(request_, "status"));
  ui::begin_card("req-detail-sla");
  ui::heading(tr("requests.sla.title"));
  bool ticking = false;
  auto row = [&](const char* kind, const char* title_key) {
    const json& clock = sla.contains(kind) ? sla[kind] : json();
    if (!clock.is_object()) {
      value(std::string("sla.") + kind, "");
      value(std::string("sla.") + kind + ".state", "none");
      value(std::string("explanation.") + kind, "");
      return;
    }
    ClockText ct = clock_text(clock, now);
    if (stopped && ct.state == ClockState::Running) {
      ct.state = ClockState::None;
      ct.text = tr("requests.sla.stopped");
    }
    ticking |= ct.state == ClockState::Running;
    ImU32 c = p.brand;
    const char* ic = icon::kHourglass;
    const char* state = "running";
    if (ct.state == ClockState::Met) c = p.success, ic = icon::kCheckCircle, state = "met";
    else if (ct.state == ClockState::Breached) c = p.danger, ic = icon::kWarning, state = "breached";
    else if (ct.state == ClockState::None) c = p.text_muted, ic = icon::kClock, state = "stopped";
    ui::gap(4);
    ui::separator();
    ui::gap(4);
    text_colored(kStrong, p.text, tr(title_key));
    text_colored(kBody, c, std::string(ic) + "  " + ct.text);
    const std::string ex = explanation_text(clock);
    if (!ex.empty()) text_colored(kSmall, p.text_muted, std::string(icon::kInfo) + "  " + ex);
    else {
      const json& t = clock.contains("target") ? clock["target"] : json();
      if (t.is_object() && t.value("minutes", 0) > 0)
        text_colored(kSmall, p.text_muted,
                     trf("requests.sla.calendar",
                         {{"duration", format_duration(t.value("minutes", 0) * 60LL, i18n::format())}}));
    }
    value(std::string("sla.") + kind, ct.text);
    value(std::string("sla.") + kind + ".state", state);
    value(std::string("explanation.") + kind, ex);
  };
  row("first_response", "requests.sla.first_response");
  row("follow_up", "requests.sla.follow_up");
  ui::end_card();
  // Live countdowns: one frame per second, only while the detail is on screen.
  if (ticking) platform::request_frame_next_second();
}

void RequestDetail::conversation_card(app::Context& ctx, bool agent) {
  const ui::Palette& p = ui::palette();
  ui::begin_card("req-detail-conv");
  ui::heading(tr("requests.conv.title"));
  const std::string description = str(request_, "description");
  const float avail = ImGui::GetContentRegionAvail().x;
  const float bubble_w = std::max(220.0f, avail * (ui::wide_layout() ? 0.78f : 0.9f));
  int count = 0;
  // A bubble: its text measured first, so that the fill is drawn under it (no draw-list split
  // inside the card's own).
  auto bubble = [&](const std::string& who, const std::string& when, const std::string& text, bool mine, bool system) {
    ++count;
    const float scale = ImGui::GetIO().FontGlobalScale;
    ImFont* small = ui::font(ui::Font::Small);
    ImFont* body = ui::font(ui::Font::Body);
    const float inner = bubble_w - 28;
    const std::string head = who + " · " + when;
    const ImVec2 hs = small->CalcTextSizeA(small->FontSize * scale, FLT_MAX, inner, head.c_str());
    const ImVec2 bs = body->CalcTextSizeA(body->FontSize * scale, FLT_MAX, inner, text.c_str());
    const float h = 12 + hs.y + 4 + bs.y + 12;
    const ImVec2 pos(ImGui::GetCursorScreenPos().x + (mine ? avail - bubble_w : 0.0f), ImGui::GetCursorScreenPos().y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 fill = mine && !system ? p.brand_soft : p.surface_alt;
    dl->AddRectFilled(pos, pos + ImVec2(bubble_w, h), ImGui::GetColorU32(fill), 14);
    dl->AddText(small, small->FontSize * scale, pos + ImVec2(14, 12), ImGui::GetColorU32(p.text_muted), head.c_str(),
                nullptr, inner);
    dl->AddText(body, body->FontSize * scale, pos + ImVec2(14, 16 + hs.y),
                ImGui::GetColorU32(system ? p.text_muted : p.text), text.c_str(), nullptr, inner);
    ImGui::Dummy(ImVec2(avail, h));
  };
  const Instant created = client::parse_wire_time(str(request_, "created_at"));
  const bool customer_side = !agent;
  std::string last_kind;
  if (!description.empty())
    bubble(tr(agent ? "requests.conv.customer_description" : "requests.conv.description"), client::format_when(created),
           description, customer_side, false);
  if (request_.contains("messages") && request_["messages"].is_array()) {
    for (const json& m : request_["messages"]) {
      const json& author = m.contains("author") ? m["author"] : json();
      const std::string kind = str(author, "kind");
      const bool from_customer = kind == "customer";
      const bool system = kind == "system";
      std::string who = str(author, "name");
      std::string body = str(m, "body");
      if (system) {  // the core writes "Escalated from L1 to L2"
        const auto pos = body.find(" to ");
        if (body.rfind("Escalated from ", 0) == 0 && pos != std::string::npos)
          body = trf("requests.conv.escalated", {{"from", body.substr(15, pos - 15)}, {"to", body.substr(pos + 4)}});
      }
      if (system && body.rfind("Taken by ", 0) == 0) body = trf("requests.conv.taken", {{"name", who}});
      if (kind == "agent") who = trf("requests.conv.agent", {{"name", who}});
      if (kind == "internal") who = trf("requests.conv.internal", {{"name", who}});
      bubble(who, client::format_when(client::parse_wire_time(str(m, "created_at"))), body,
             agent ? !from_customer && !system : from_customer, system);
      last_kind = kind;
    }
  }
  value("messages", std::to_string(count));
  value("last_author", last_kind);
  // The reply box (closed requests take no more messages).
  if (allows(request_, RequestAction::kReply)) {
    ui::gap(6);
    multiline_field(tr("requests.conv.reply_label"), "##detail-reply", reply_, 96, tr("requests.conv.reply_hint"));
    field_error(reply_error_);
    ui::gap(4);
    if (ui::button(label_id(agent ? "requests.conv.send_agent" : "requests.conv.send", "detail-send").c_str(),
                   icon::kSend) &&
        !busy_) {
      const bool blank =
          std::all_of(reply_.begin(), reply_.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t'; });
      if (blank) {
        reply_error_ = tr("requests.err.reply_empty");
      } else {
        reply_error_.clear();
        act(ctx, "POST", "/requests/" + url_encode(id_) + "/messages", {{"body", reply_}}, "requests.toast.sent");
        reply_.clear();
      }
    }
  }
  ui::end_card();
}

void RequestDetail::actions_card(app::Context& ctx, bool agent) {
  const std::string status = str(request_, "status");
  const std::string base = "/requests/" + url_encode(id_);
  std::vector<std::string> shown;
  ui::begin_card("req-detail-actions");
  ui::heading(tr("requests.actions.title"));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(10, 10));
  bool first = true;
  auto next = [&](const std::string& lbl, const char* ic) {
    if (!first) {
      const float w = ui::button_width(lbl.c_str(), ic);
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
    }
    first = false;
  };
  auto action = [&](const char* key, const char* id, const char* ic, ui::ButtonStyle style) {
    const std::string lbl = label_id(key, id);
    next(lbl, ic);
    shown.push_back(id);
    return ui::button(lbl.c_str(), ic, style) && !busy_;
  };
  using A = RequestAction;
  if (agent) {
    if (allows(request_, A::kPending) &&
        action("requests.actions.pending", "act-pending", icon::kHourglass, ui::ButtonStyle::Secondary))
      act(ctx, "POST", base + "/status", {{"status", "pending"}}, "requests.toast.pending");
    if (allows(request_, A::kResolve) &&
        action("requests.actions.resolve", "act-resolve", icon::kCheck, ui::ButtonStyle::Primary))
      act(ctx, "POST", base + "/status", {{"status", "resolved"}}, "requests.toast.resolved");
    const auto to = next_level(parse_level(str(request_, "level")).value_or(Level::kL3));
    if (allows(request_, A::kEscalate) && to) {
      const std::string lbl = trf("requests.actions.escalate", {{"level", to_string(*to)}}) + "##act-escalate";
      next(lbl, icon::kLevelUp);
      shown.push_back("act-escalate");
      if (ui::button(lbl.c_str(), icon::kLevelUp, ui::ButtonStyle::Secondary) && !busy_) {
        asking_ = Ask::Escalate;
        escalate_reason_.clear();
        reason_error_.clear();
      }
    }
    if (allows(request_, A::kTake) &&
        action("requests.actions.take", "act-take", icon::kUser, ui::ButtonStyle::Secondary))
      act(ctx, "POST", base + "/take", json::object(), "requests.toast.taken");
  } else {
    if (allows(request_, A::kReopen) &&
        action(status == "closed" ? "requests.actions.undo_close" : "requests.actions.reopen", "act-reopen",
               icon::kUndo, ui::ButtonStyle::Secondary))
      act(ctx, "POST", base + "/status", {{"status", "open"}}, "requests.toast.reopened");
    if (allows(request_, A::kClose) &&
        action("requests.actions.close", "act-close", icon::kClose, ui::ButtonStyle::Danger))
      asking_ = Ask::Close;  // asked first: closing ends the conversation
  }
  ImGui::PopStyleVar();
  // The questions before an action that cannot simply be taken back.
  if (asking_ == Ask::Close && agent) asking_ = Ask::None;
  if (asking_ == Ask::Close) {
    ui::gap(4);
    text_colored(kStrong, ui::palette().text, tr("requests.close_confirm.title"));
    text_colored(kSmall, ui::palette().text_muted, tr("requests.close_confirm.body"));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(10, 10));
    if (ui::button(label_id("requests.close_confirm.yes", "close-yes").c_str(), icon::kClose,
                   ui::ButtonStyle::Danger) &&
        !busy_) {
      asking_ = Ask::None;
      act(ctx, "POST", base + "/status", {{"status", "closed"}}, "requests.toast.closed_undo");
    }
    ImGui::SameLine();
    if (ui::button(label_id("requests.close_confirm.no", "close-no").c_str(), nullptr, ui::ButtonStyle::Secondary))
      asking_ = Ask::None;
    ImGui::PopStyleVar();
  } else if (asking_ == Ask::Escalate) {
    ui::gap(4);
    multiline_field(tr("requests.escalate.reason_label"), "##escalate-reason", escalate_reason_, 72,
                    tr("requests.escalate.reason_hint"));
    field_error(reason_error_);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(10, 10));
    if (ui::button(label_id("requests.escalate.confirm", "escalate-yes").c_str(), icon::kLevelUp) && !busy_) {
      const bool blank = std::all_of(escalate_reason_.begin(), escalate_reason_.end(),
                                     [](char c) { return c == ' ' || c == '\n' || c == '\t'; });
      if (blank) {
        reason_error_ = tr("requests.escalate.reason_missing");
      } else {
        asking_ = Ask::None;
        act(ctx, "POST", base + "/escalate", {{"reason", escalate_reason_}}, "requests.toast.escalated");
      }
    }
    ImGui::SameLine();
    if (ui::button(label_id("requests.close_confirm.no", "escalate-no").c_str(), nullptr, ui::ButtonStyle::Secondary))
      asking_ = Ask::None;
    ImGui::PopStyleVar();
  }
  value("asking", asking_ == Ask::Close ? "close" : asking_ == Ask::Escalate ? "escalate" : "");
  if (shown.empty())
    text_colored(kBody, ui::palette().text_muted,
                 tr(status == "resolved" ? "requests.actions.none_resolved" : "requests.actions.none"));
  std::string ids;
  for (const auto& s : shown) ids += (ids.empty() ? "" : ",") + s;
  value("actions", ids);
  ui::end_card();
}

void RequestDetail::rating_card(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const json& rating = request_.contains("rating") ? request_["rating"] : json();
  // The core says when a rating may be given (resolved, after an agent's answer, once).
  if (!rating.is_object() && !allows(request_, RequestAction::kRate)) {
    value("rating", "");
    value("rating_shown", "no");
    return;
  }
  value("rating_shown", "yes");
  ui::begin_card("req-detail-rating");
  ui::heading(tr("requests.rate.title"));
  if (rating.is_object()) {
    const int score = rating.value("score", 0);
    std::string stars;
    for (int i = 1; i <= 5; i++) stars += i <= score ? icon::kStar : icon::kStarEmpty;
    text_colored(kBody, p.warning, stars);
    const std::string comment = str(rating, "comment");
    if (!comment.empty()) text_colored(kBody, p.text, comment);
    text_colored(kSmall, p.text_muted, tr("requests.rate.thanks"));
    value("rating", std::to_string(score));
    ui::end_card();
    return;
  }
  value("rating", "");
  ui::muted(tr("requests.rate.subtitle"));
  ui::gap(4);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6, 6));
  for (int i = 1; i <= 5; i++) {
    if (i > 1) ImGui::SameLine();
    const std::string lbl = plural("requests.rate.star", i);
    ImGui::PushID(i);
    const ImGuiID id = ImGui::GetID("star");
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(44, 44);
    ImGui::InvisibleButton("star", size);
    if (ImGui::IsItemClicked() || (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))))
      stars_ = i;
    ui::FontScope f(ui::Font::Heading);
    const char* glyph = i <= stars_ ? icon::kStar : icon::kStarEmpty;
    const ImVec2 ts = ImGui::CalcTextSize(glyph);
    ImGui::GetWindowDrawList()->AddText(pos + (size - ts) * 0.5f,
                                        ImGui::GetColorU32(i <= stars_ ? p.warning : p.text_muted), glyph);
    test_hooks::register_item(id, (lbl + "##rate-star-" + std::to_string(i)).c_str());
    ImGui::PopID();
  }
  ImGui::PopStyleVar();
  multiline_field(tr("requests.rate.comment"), "##rate-comment", rating_comment_, 72, tr("requests.rate.comment_hint"));
  ui::gap(4);
  if (ui::button(label_id("requests.rate.submit", "rate-submit").c_str(), icon::kStar) && !busy_) {
    if (stars_ == 0) ui::toast(tr("requests.err.stars"), ui::ToastKind::Error);
    else
      act(ctx, "POST", "/requests/" + url_encode(id_) + "/rating", {{"score", stars_}, {"comment", rating_comment_}},
          "requests.toast.rated");
  }
  value("stars", std::to_string(stars_));
  ui::end_card();
}

}  // namespace portal::screens::parts
