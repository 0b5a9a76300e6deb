// The chat-bot card: the customer asks, the bot answers from the knowledge base (the best match's
// title, an excerpt and "Open article"), and "Talk to a person" / "Create a request" hand the
// whole conversation over to a new request.
//
// The server's search wants every word of the query to match; a question in plain words rarely
// does, so when the whole question finds nothing the bot asks again word by word (the longer,
// meaningful words) and takes the article that matches the most of them.

#include <algorithm>
#include <map>

#include "client/i18n.h"
#include "domain/text.h"
#include "platform/web_platform.h"
#include "screens/help.h"
#include "screens/help_parts.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

using help::str;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxWords = 6;

// Words that say nothing about the topic (en, ru, bg), folded.
bool stop_word(const std::string& w) {
  static const char* const words[] = {
      "what",   "does",  "have",  "with",   "that",   "this",  "your",  "from",   "when",  "which", "where", "there",
      "they",   "about", "would", "should", "could",  "will",  "into",  "need",   "want",  "there", "help",  "please",
      "some",   "меня",  "могу",  "можно",  "если",   "какой", "какая", "какие",  "какое", "это",   "нужно", "хочу",
      "почему", "когда", "мога",  "какво",  "когато", "може",  "искам", "трябва", "защо",  "моят",  "моята", "моля"};
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

std::vector<std::string> keywords(const std::string& question) {
  std::vector<std::string> out;
  for (const std::string& w : fold_words(question)) {
    if (utf8_length(w) < 4 || stop_word(w)) continue;
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
    if (out.size() == kMaxWords) break;
  }
  return out;
}

struct Tally {
  int left = 0;
  struct Hit {
    int words = 0;
    double score = 0;
    json result;
  };
  std::map<std::string, Hit> hits;
};

}  // namespace

void HelpScreen::ask(app::Context& ctx, const std::string& question) {
  chat_.push_back({true, question, {}, {}, {}});
  bot_busy_ = true;
  const std::string lang = i18n::language();
  std::weak_ptr<int> alive = alive_;
  auto search = [&ctx, lang](const std::string& q, client::ReplyFn done) {
    ctx.call("GET", "/kb/search?lang=" + lang + "&limit=5&q=" + help::url_encode(q), nullptr, std::move(done));
  };
  app::Context* c = &ctx;
  search(question, [this, alive, question, c, lang](const client::Reply& r) {
    if (alive.expired()) return;
    const json results = r.ok() ? r.body.value("results", json::array()) : json::array();
    if (!results.empty()) {
      answer(question, results);
      return;
    }
    const auto words = keywords(question);
    if (words.empty()) {
      answer(question, json::array());
      return;
    }
    auto tally = std::make_shared<Tally>();
    tally->left = static_cast<int>(words.size());
    for (const std::string& w : words) {
      c->call("GET", "/kb/search?lang=" + lang + "&limit=5&q=" + help::url_encode(w), nullptr,
              [this, alive, question, tally](const client::Reply& wr) {
                if (alive.expired()) return;
                if (wr.ok())
                  for (const json& hit : wr.body.value("results", json::array())) {
                    Tally::Hit& h = tally->hits[str(hit, "id")];
                    h.words++;
                    h.score += hit.value("score", 0.0);
                    if (h.result.is_null()) h.result = hit;
                  }
                if (--tally->left > 0) return;
                // The most words matched wins, then the higher score.
                const Tally::Hit* best = nullptr;
                for (const auto& [id, h] : tally->hits)
                  if (!best || h.words > best->words || (h.words == best->words && h.score > best->score)) best = &h;
                answer(question, best ? json::array({best->result}) : json::array());
              });
    }
  });
}

void HelpScreen::answer(const std::string&, const json& ranked) {
  bot_busy_ = false;
  Message m;
  if (ranked.is_array() && !ranked.empty()) {
    const json& best = ranked[0];
    m.text = tr("help.chat.found");
    m.article_id = str(best, "id");
    m.title = str(best, "title");
    m.excerpt = str(best, "snippet");
  } else {
    m.text = tr("help.chat.none");
  }
  chat_.push_back(m);
  platform::request_frame();
}

std::string HelpScreen::transcript() const {
  std::string out;
  for (const Message& m : chat_) {
    if (!out.empty()) out += "\n";
    if (m.from_user) {
      out += std::string(tr("help.chat.you")) + ": " + m.text;
    } else {
      out += std::string(tr("help.chat.bot")) + ": " + m.text;
      if (!m.title.empty()) out += " " + m.title + " — " + m.excerpt;
    }
  }
  return out;
}

void HelpScreen::hand_over(app::Context& ctx) {
  if (ctx.role().empty()) {  // the conversation stays here until the customer comes back signed in
    ui::toast(tr("help.chat.sign_in_first"), ui::ToastKind::Info);
    ctx.go("sign_in");
    return;
  }
  std::string first;
  for (const Message& m : chat_)
    if (m.from_user) {
      first = m.text;
      break;
    }
  const json draft = {{"subject", utf8_truncate(first, 200)}, {"description", transcript()}, {"category", "technical"}};
  test_hooks::set_value("help.chat.handover", draft.dump());
  ctx.new_request(draft);
}

void HelpScreen::draw_chat(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  ui::begin_card("help-chat");
  help::icon_tile(icon::kComments, p.on_brand, p.brand, 40);
  ImGui::SameLine(0, 12);
  ImGui::BeginGroup();
  help::text(ui::Font::Heading, p.text, tr("help.chat.title"));
  help::text(ui::Font::Small, p.text_muted, tr("help.chat.subtitle"));
  ImGui::EndGroup();
  ui::gap(6);

  const float avail = ImGui::GetContentRegionAvail().x;
  const float bubble_max = std::min(avail * 0.85f, 560.0f);
  static ImDrawListSplitter splitter;  // one bubble at a time: background behind its contents
  std::string last_article, last_text;
  for (std::size_t i = 0; i < chat_.size(); i++) {
    const Message& m = chat_[i];
    ImGui::PushID(static_cast<int>(i));
    if (m.from_user) {
      ImFont* f = ui::font(ui::Font::Body);
      const float fs = f->FontSize * ImGui::GetIO().FontGlobalScale;
      const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, bubble_max - 28, m.text.c_str());
      const ImVec2 size(ts.x + 28, ts.y + 18);
      const ImVec2 pos = ImGui::GetCursorScreenPos() + ImVec2(avail - size.x, 0);
      ImDrawList* dl = ImGui::GetWindowDrawList();
      dl->AddRectFilled(pos, pos + size, ImGui::GetColorU32(p.brand), 14,
                        ImDrawFlags_RoundCornersAll & ~ImDrawFlags_RoundCornersBottomRight);
      dl->AddText(f, fs, pos + ImVec2(14, 9), ImGui::GetColorU32(p.on_brand), m.text.c_str(), nullptr, bubble_max - 28);
      ImGui::Dummy(ImVec2(avail, size.y));
    } else {
      splitter.Split(ImGui::GetWindowDrawList(), 2);
      splitter.SetCurrentChannel(ImGui::GetWindowDrawList(), 1);
      const ImVec2 start = ImGui::GetCursorScreenPos();
      ImGui::SetCursorScreenPos(start + ImVec2(14, 10));
      ImGui::BeginGroup();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + bubble_max - 28);
      help::text(ui::Font::Body, p.text, m.text);
      if (!m.article_id.empty()) {
        ui::gap(2);
        help::text(ui::Font::Strong, p.text, std::string(icon::kBook) + "  " + m.title);
        help::text(ui::Font::Small, p.text_muted, m.excerpt);
        ui::gap(2);
        if (ui::button(help::with_id(tr("help.chat.open_article"), "chat-open-" + std::to_string(i)).c_str(),
                       icon::kChevronRight, ui::ButtonStyle::Secondary))
          open_article(ctx, m.article_id);
      }
      ImGui::PopTextWrapPos();
      ImGui::EndGroup();
      const ImVec2 end = ImGui::GetItemRectMax() + ImVec2(14, 10);
      splitter.SetCurrentChannel(ImGui::GetWindowDrawList(), 0);
      ImGui::GetWindowDrawList()->AddRectFilled(start, ImVec2(std::max(end.x, start.x + 60), end.y),
                                                ImGui::GetColorU32(p.surface_alt), 14,
                                                ImDrawFlags_RoundCornersAll & ~ImDrawFlags_RoundCornersBottomLeft);
      splitter.Merge(ImGui::GetWindowDrawList());
      ImGui::SetCursorScreenPos(ImVec2(start.x, end.y));
      ImGui::Dummy(ImVec2(1, 0));
      last_article = m.article_id;
      last_text = m.text;
    }
    ImGui::PopID();
    ui::gap(2);
  }
  if (chat_.empty()) help::text(ui::Font::Body, p.text_muted, tr("help.chat.empty"));
  if (bot_busy_) help::text(ui::Font::Small, p.text_muted, tr("help.chat.thinking"));
  ui::gap(4);

  // The question field and Send (Enter sends too).
  const std::string send = help::with_id(tr("help.chat.send"), "chat-send");
  const float send_w = ui::button_width(send.c_str(), icon::kSend);
  ImGui::PushItemWidth(-1);
  const float field_w = ImGui::GetContentRegionAvail().x - send_w - 10;
  ImGui::BeginGroup();
  {
    bool enter = false;
    {
      const ui::Column column(ImGui::GetCursorScreenPos().x + field_w);
      if (focus_chat_) {
        ImGui::SetKeyboardFocusHere();
        focus_chat_ = false;
      }
      enter = ui::text_field(tr("help.chat.input_label"), "##chat-input", chat_input_, sizeof chat_input_,
                             tr("help.chat.hint"), ImGuiInputTextFlags_EnterReturnsTrue);
    }
    ImGui::EndGroup();
    ImGui::PopItemWidth();
    ImGui::SameLine(0, 10);
    const bool clicked = ui::button(send.c_str(), icon::kSend);
    std::string q = chat_input_;
    while (!q.empty() && (q.back() == ' ' || q.back() == '\n')) q.pop_back();
    while (!q.empty() && q.front() == ' ') q.erase(0, 1);
    if ((enter || clicked) && !q.empty() && !bot_busy_) {
      chat_input_[0] = 0;
      focus_chat_ = enter;
      ask(ctx, q);
    }
  }
  test_hooks::set_value("help.chat.input", chat_input_);

  // The handover, once there is something to hand over.
  const bool has_question = std::any_of(chat_.begin(), chat_.end(), [](const Message& m) { return m.from_user; });
  if (has_question && ctx.role() != "agent") {
    ui::gap(6);
    ui::separator();
    ui::gap(4);
    help::text(ui::Font::Small, p.text_muted, tr("help.chat.handover_note"));
    ui::gap(2);
    const std::string person = help::with_id(tr("help.chat.person"), "chat-person");
    const std::string request = help::with_id(tr("help.chat.create_request"), "chat-request");
    if (ui::button(person.c_str(), icon::kHeadphones, ui::ButtonStyle::Secondary)) hand_over(ctx);
    const float rw = ui::button_width(request.c_str(), icon::kPlus);
    ImGui::SameLine(0, 8);
    if (ImGui::GetCursorScreenPos().x + rw > ui::content_right()) ImGui::NewLine();
    if (ui::button(request.c_str(), icon::kPlus, ui::ButtonStyle::Ghost)) hand_over(ctx);
  }
  int answers = 0;
  for (const Message& m : chat_) answers += !m.from_user;
  test_hooks::set_value("help.chat.count", std::to_string(chat_.size()));
  test_hooks::set_value("help.chat.answers", std::to_string(answers));
  test_hooks::set_value("help.chat.last_article", last_article);
  test_hooks::set_value("help.chat.busy", bot_busy_ ? "1" : "");
  ui::end_card();
}

}  // namespace portal::screens
