#include "screens/chat_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "domain/text.h"
#include "screens/common.h"
#include "platform/web_platform.h"
#include "time/iso8601.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

namespace {

std::string s(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

constexpr std::size_t kMaxTargets = 5;  // the customer's most recent requests offered for the transcript

std::string minutes(long long seconds) { return std::to_string(seconds <= 0 ? 0 : (seconds + 59) / 60); }

}  // namespace

std::string ChatPanel::customer_channel(const json& me) {
  if (!me.is_object() || !me.contains("channels") || !me["channels"].is_array()) return {};
  std::string found;
  for (const json& c : me["channels"]) {
    const std::string id = s(c, "id");
    if (id == "chat") return id;  // live chat: the longer hours where a tier has both
    if (id == "dedicated_chat") found = id;
  }
  return found;
}

void ChatPanel::on_event(const json& event) {
  if (s(event, "type") != "chat.updated" && s(event, "type") != "resync") return;
  if (!chat_id_.empty() && (s(event, "id") == chat_id_ || s(event, "type") == "resync")) chat_stale_ = true;
  waiting_stale_ = true;
  platform::request_frame();
}

void ChatPanel::load_chat(app::Context& ctx) {
  chat_stale_ = false;
  const unsigned gen = ++gen_;
  ctx.call("GET", "/chats/" + chat_id_, nullptr, [this, gen](const client::Reply& r) {
    if (gen != gen_) return;
    if (r.ok()) chat_ = r.body;
    platform::request_frame();
  });
}

void ChatPanel::load_waiting(app::Context& ctx) {
  waiting_stale_ = false;
  ctx.call("GET", "/chats?status=waiting", nullptr, [this](const client::Reply& r) {
    if (r.ok() && r.body.contains("chats")) waiting_ = r.body["chats"];
    platform::request_frame();
  });
  if (!availability_known_)
    ctx.call("GET", "/agents/me/availability", nullptr, [this](const client::Reply& r) {
      if (r.ok()) available_ = r.body.value("available", false);
      availability_known_ = true;
    });
}

// A chat call whose reply is the chat (or its error, shown in the panel).
void ChatPanel::act(app::Context& ctx, const std::string& method, const std::string& path, const json& body) {
  busy_ = true;
  error_.clear();
  ctx.call(method, path, body, [this](const client::Reply& r) {
    busy_ = false;
    if (r.ok() && r.body.is_object() && r.body.contains("id")) {
      if (s(chat_, "status").empty()) bot_.clear();  // the bot's conversation is now the chat's
      can_leave_ = false;
      chat_ = r.body;
      chat_id_ = s(r.body, "id");
      if (s(chat_, "status") == "ended") {
        const json& req = r.body.contains("request") ? r.body["request"] : json();
        ui::toast(req.is_object() && req.contains("number")
                      ? trf("chat.ended_on", {{"number", std::to_string(req.value("number", 0))}})
                      : std::string(tr("chat.ended")),
                  ui::ToastKind::Success);
        target_id_.clear();
        targets_for_.clear();
      }
    } else {
      error_ = r.error_message();
      const json& e = r.body.is_object() && r.body.contains("error") ? r.body["error"] : json();
      if (e.is_object() && e.contains("opens_at") && e["opens_at"].is_string())
        if (auto t = parse_instant(e["opens_at"].get<std::string>()))
          error_ = trf("chat.opens_at", {{"when", client::format_when(*t)}});
      if (r.error_code() == "no_agent_available") error_ = tr("chat.nobody");
      can_leave_ = r.error_code() == "no_agent_available" || r.error_code() == "channel_closed";
      if (r.error_code() == "chat_open" && e.contains("chat_id")) {
        chat_id_ = s(e, "chat_id");
        chat_stale_ = true;
        error_.clear();
      }
    }
    waiting_stale_ = true;
    platform::request_frame();
  });
}

// The customer's requests that are not closed, for the agent to put the transcript on.
void ChatPanel::load_targets(app::Context& ctx) {
  targets_for_ = chat_id_;
  targets_ = json::array();
  target_id_.clear();
  targets_open_ = false;
  const json customer =
      chat_.contains("customer") && chat_["customer"].is_object() ? chat_["customer"] : json::object();
  const std::string customer_id = s(customer, "id"), name = s(customer, "name");
  if (customer_id.empty() || name.empty()) return;
  const std::string for_chat = chat_id_;
  ctx.call("GET", "/requests?scope=all&status=new,open,pending,resolved&limit=50&q=" + url_encode(name), nullptr,
           [this, for_chat, customer_id](const client::Reply& r) {
             if (for_chat != chat_id_ || !r.ok() || !r.body.contains("requests") || !r.body["requests"].is_array())
               return;
             json found = json::array();
             for (const json& req : r.body["requests"]) {
               const json& c = req.contains("customer") ? req["customer"] : json();
               if (c.is_object() && s(c, "id") == customer_id) found.push_back(req);
             }
             if (found.size() > kMaxTargets) found.erase(found.begin() + kMaxTargets, found.end());
             targets_ = std::move(found);
             platform::request_frame();
           });
}

// A button that shows the choice and opens the list (plain buttons, so the page's accessibility
// mirror and the tests see each option).
void ChatPanel::draw_target(app::Context& ctx) {
  if (targets_for_ != chat_id_) load_targets(ctx);
  std::string current = tr("chat.new_request");
  for (const json& req : targets_)
    if (s(req, "id") == target_id_)
      current = trf("chat.request_option",
                    {{"number", std::to_string(req.value("number", 0))}, {"subject", s(req, "subject")}});
  test_hooks::set_value("chat.target", target_id_.empty() ? std::string("new") : target_id_);
  test_hooks::set_value("chat.targets", std::to_string(targets_.size()));
  ui::muted(tr("chat.transcript_to"));
  if (ui::button((utf8_truncate(current, 60) + "##chat-target").c_str(), nullptr, ui::ButtonStyle::Secondary))
    targets_open_ = !targets_open_;
  if (!targets_open_) return;
  if (ui::button((std::string(tr("chat.new_request")) + "##chat-target-new").c_str(), nullptr,
                 ui::ButtonStyle::Ghost)) {
    target_id_.clear();
    targets_open_ = false;
  }
  for (const json& req : targets_) {
    const std::string id = s(req, "id");
    const std::string label = trf("chat.request_option",
                                  {{"number", std::to_string(req.value("number", 0))}, {"subject", s(req, "subject")}});
    if (ui::button((utf8_truncate(label, 60) + "##chat-target-" + id).c_str(), nullptr, ui::ButtonStyle::Ghost)) {
      target_id_ = id;
      targets_open_ = false;
    }
  }
}

void ChatPanel::draw(app::Context& ctx) {
  test_hooks::set_value("chat.open", open_ ? "1" : "0");
  if (!open_) return;
  const bool agent = ctx.role() == "agent";
  if (chat_stale_ && !chat_id_.empty()) load_chat(ctx);
  if (agent && waiting_stale_) load_waiting(ctx);

  const ImVec2 view = ImGui::GetMainViewport()->Size;
  const float w = std::min(380.0f, view.x - 24), h = std::min(520.0f, view.y - 24);
  ImGui::SetNextWindowPos(ImVec2(view.x - w - 12, view.y - h - 12));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  ImGui::Begin("##chat-panel", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ui::heading(tr("chat.title"));
  if (ui::button((std::string(tr("chat.close")) + "##chat-close").c_str(), nullptr, ui::ButtonStyle::Ghost))
    open_ = false;
  if (agent) draw_agent(ctx);
  else draw_customer(ctx);
  if (!error_.empty()) ui::note(ui::NoteKind::Warning, error_);
  ImGui::End();
}

void ChatPanel::draw_customer(app::Context& ctx) {
  const std::string status = s(chat_, "status");
  test_hooks::set_value("chat.status", status);
  if (chat_id_.empty() || status == "ended") {
    draw_bot(ctx);
    return;
  }
  if (status == "waiting") {
    const int place = chat_.value("place", 0);
    ui::note(ui::NoteKind::Info, trf("chat.waiting", {{"place", std::to_string(place)},
                                                      {"minutes", minutes(chat_.value("estimated_wait_seconds", 0))}}));
    test_hooks::set_value("chat.place", std::to_string(place));
  }
  draw_conversation(ctx, false);
}

// The bot first: each question is searched in the knowledge base (the whole question, then its
// longer words one by one until one finds an article); "talk to a person" hands the lines over.
void ChatPanel::draw_bot(app::Context& ctx) {
  ui::muted(bot_.empty() ? tr("chat.intro") : tr("chat.bot_intro"));
  int bot_lines = 0;
  for (const Line& l : bot_) {
    ui::text(ui::Font::Small, ui::palette().text_muted, l.bot ? tr("chat.bot") : tr("chat.you"), true);
    ui::body(l.body.c_str());
    bot_lines += l.bot;
  }
  test_hooks::set_value("chat.bot_lines", std::to_string(bot_lines));
  test_hooks::set_value("chat.left", left_number_);
  // Live chat and dedicated chat on one tier: the customer chooses (live chat by default).
  bool both = false;
  if (ctx.me().contains("channels") && ctx.me()["channels"].is_array())
    for (const json& c : ctx.me()["channels"])
      both |= s(c, "id") == "dedicated_chat" && customer_channel(ctx.me()) == "chat";
  if (both) {
    bool dedicated = channel_ == "dedicated_chat";
    if (ui::toggle(tr("chat.dedicated"), &dedicated)) channel_ = dedicated ? "dedicated_chat" : "chat";
  }
  test_hooks::set_value("chat.channel", channel_.empty() ? customer_channel(ctx.me()) : channel_);
  if (bot_busy_) ui::muted(tr("help.chat.thinking"));
  if (can_leave_) {
    if (ui::button((std::string(tr("chat.leave_message")) + "##chat-leave").c_str(), icon::kPlus) && !busy_)
      leave_message(ctx);
    return;
  }
  ui::text_field(nullptr, "##chat-first", input_, sizeof input_, tr("chat.hint"));
  if (ui::button((std::string(tr("chat.ask")) + "##chat-ask").c_str(), icon::kSend) && !bot_busy_ && input_[0]) {
    const std::string q = input_;
    input_[0] = 0;
    ask_bot(ctx, q);
  }
  ImGui::SameLine();
  if (ui::button((std::string(tr("chat.talk_to_person")) + "##chat-start").c_str(), icon::kComments,
                 ui::ButtonStyle::Secondary) &&
      !busy_ && (input_[0] || !bot_.empty()))
    talk_to_person(ctx);
}

void ChatPanel::ask_bot(app::Context& ctx, const std::string& question) {
  if (bot_.size() >= 18) bot_.erase(bot_.begin(), bot_.begin() + 2);  // POST /chats takes 20 lines at most
  bot_.push_back({false, question});
  bot_busy_ = true;
  std::vector<std::string> words{question};
  std::vector<std::string> folded = fold_words(question);
  std::stable_sort(folded.begin(), folded.end(),
                   [](const std::string& a, const std::string& b) { return utf8_length(a) > utf8_length(b); });
  for (const std::string& w : folded)
    if (utf8_length(w) >= 4 && words.size() < 5) words.push_back(w);
  std::reverse(words.begin(), words.end());  // popped from the back: the whole question first
  search_words(ctx, std::move(words));
}

void ChatPanel::search_words(app::Context& ctx, std::vector<std::string> words) {
  const std::string q = words.back();
  words.pop_back();
  const unsigned gen = gen_;
  app::Context* c = &ctx;
  ctx.call("GET", "/kb/search?limit=1&lang=" + i18n::language() + "&q=" + url_encode(q), nullptr,
           [this, c, gen, words](const client::Reply& r) {
             if (gen != gen_) return;
             const json results = r.ok() && r.body.contains("results") ? r.body["results"] : json::array();
             if (results.empty() && !words.empty()) return search_words(*c, words);
             bot_busy_ = false;
             bot_.push_back({true, results.empty() ? std::string(tr("help.chat.none"))
                                                   : std::string(tr("help.chat.found")) + " " + s(results[0], "title") +
                                                         " — " + s(results[0], "snippet")});
             platform::request_frame();
           });
}

void ChatPanel::talk_to_person(app::Context& ctx) {
  json body, lines = json::array();
  for (const Line& l : bot_) lines.push_back({{"from", l.bot ? "bot" : "customer"}, {"body", l.body}});
  pending_ = input_[0] ? std::string(input_) : std::string(tr("chat.person_please"));
  body["channel"] = channel_.empty() ? customer_channel(ctx.me()) : channel_;
  body["body"] = pending_;
  if (!lines.empty()) body["bot"] = lines;
  input_[0] = 0;
  chat_ = json();
  chat_id_.clear();
  act(ctx, "POST", "/chats", body);
}

// Closed or nobody free: the conversation so far becomes a request (a real POST /requests).
void ChatPanel::leave_message(app::Context& ctx) {
  std::string subject, text;
  for (const Line& l : bot_) {
    if (subject.empty() && !l.bot) subject = l.body;
    text += std::string(l.bot ? tr("chat.bot") : tr("chat.you")) + ": " + l.body + "\n";
  }
  text += std::string(tr("chat.you")) + ": " + pending_;
  if (subject.empty()) subject = pending_;
  json body = {
      {"subject", utf8_truncate(subject, 200)}, {"description", text}, {"severity", 3}, {"category", "technical"}};
  busy_ = true;
  ctx.call("POST", "/requests", body, [this](const client::Reply& r) {
    busy_ = false;
    if (r.ok()) {
      left_number_ = std::to_string(r.body.value("number", 0));
      ui::toast(trf("chat.left", {{"number", left_number_}}), ui::ToastKind::Success);
      bot_.clear();
      can_leave_ = false;
      error_.clear();
    } else {
      error_ = r.error_message();
    }
    platform::request_frame();
  });
}

void ChatPanel::draw_agent(app::Context& ctx) {
  bool on = available_;
  if (ui::toggle(tr("chat.available"), &on)) {
    available_ = on;
    json body;
    body["available"] = on;
    ctx.call("PUT", "/agents/me/availability", body, [this](const client::Reply& r) {
      if (r.ok()) available_ = r.body.value("available", false);
      waiting_stale_ = true;
    });
  }
  test_hooks::set_value("chat.available", available_ ? "1" : "0");
  test_hooks::set_value("chat.waiting", std::to_string(waiting_.size()));
  test_hooks::set_value("chat.status", s(chat_, "status"));
  if (!chat_id_.empty() && s(chat_, "status") == "active") {
    draw_conversation(ctx, true);
    return;
  }
  if (waiting_.empty()) ui::muted(tr("chat.none_waiting"));
  for (const json& c : waiting_) {
    const std::string id = s(c, "id");
    const std::string who = c.contains("customer") ? s(c["customer"], "name") : "";
    ui::label(trf("chat.waiting_row", {{"name", who}, {"minutes", minutes(c.value("waiting_seconds", 0))}}).c_str());
    if (c.contains("last_message") && c["last_message"].is_object()) ui::muted(s(c["last_message"], "body").c_str());
    if (ui::button((std::string(tr("chat.accept")) + "##chat-accept-" + id).c_str()) && !busy_) {
      chat_id_ = id;
      act(ctx, "POST", "/chats/" + id + "/accept", nullptr);
    }
  }
}

void ChatPanel::draw_conversation(app::Context& ctx, bool agent) {
  const json& messages = chat_.contains("messages") ? chat_["messages"] : json::array();
  test_hooks::set_value("chat.messages", std::to_string(messages.size()));
  std::string last;
  const float options = agent && targets_open_ ? 40.0f * static_cast<float>(targets_.size() + 1) : 0.0f;
  const float room = ImGui::GetContentRegionAvail().y - (agent ? 175.0f : 120.0f) - options;
  ImGui::BeginChild("##chat-lines", ImVec2(0, room > 80 ? room : 80));
  for (const json& m : messages) {
    const std::string kind = s(m, "author_kind");
    const std::string name = kind == "bot" ? tr("chat.bot") : s(m, "author_name");
    ui::text(ui::Font::Small, ui::palette().text_muted, name.empty() ? std::string("—") : name, true);
    ui::body(s(m, "body").c_str());
    last = s(m, "body");
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  test_hooks::set_value("chat.last", last);
  if (s(chat_, "status") == "ended") return;
  if (agent) draw_target(ctx);
  ui::text_field(nullptr, "##chat-input", input_, sizeof input_, tr("chat.hint"));
  if (ui::button((std::string(tr("chat.send")) + "##chat-send").c_str(), icon::kSend) && !busy_ && input_[0]) {
    json body;
    body["body"] = std::string(input_);
    input_[0] = 0;
    act(ctx, "POST", "/chats/" + chat_id_ + "/messages", body);
  }
  ImGui::SameLine();
  if (agent &&
      ui::button((std::string(tr("chat.handover")) + "##chat-handover").c_str(), nullptr, ui::ButtonStyle::Secondary) &&
      !busy_)
    act(ctx, "POST", "/chats/" + chat_id_ + "/handover", nullptr);
  if (agent) ImGui::SameLine();
  if (ui::button((std::string(tr("chat.end")) + "##chat-end").c_str(), nullptr, ui::ButtonStyle::Danger) && !busy_)
    act(ctx, "POST", "/chats/" + chat_id_ + "/end",
        agent && !target_id_.empty() ? json{{"request_id", target_id_}} : json::object());
}

}  // namespace portal::screens
