// Help: the knowledge base and FAQ with instant search, and a chat-bot that answers from it and
// hands over to a new request with the conversation attached.
//
//   help.cpp       draw(): loading the list in the current language, search, categories, the list
//   help_view.cpp  one article (with Back), the FAQ as expandable questions, article text layout
//   help_chat.cpp  the chat-bot card: questions, answers from /kb/search, the handover
#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "app/context.h"

namespace portal::screens {

class HelpScreen {
 public:
  void draw(app::Context& ctx);

 private:
  // help.cpp
  void sync_language(app::Context& ctx);
  void draw_search(app::Context& ctx);
  void draw_categories();
  void draw_results(app::Context& ctx);
  void draw_list(app::Context& ctx);
  void run_search(app::Context& ctx);
  bool article_row(const nlohmann::json& a, const std::string& snippet);  // true when clicked

  // help_view.cpp
  void open_article(app::Context& ctx, const std::string& id);
  void draw_article(app::Context& ctx);
  void draw_faq(app::Context& ctx);
  void fetch_body(app::Context& ctx, const std::string& id);

  // help_chat.cpp
  struct Message {
    bool from_user = false;
    std::string text;        // the question, or the bot's sentence
    std::string article_id;  // the matched article ("" when none)
    std::string title, excerpt;
  };
  void draw_chat(app::Context& ctx);
  void ask(app::Context& ctx, const std::string& question);
  void answer(const std::string& question, const nlohmann::json& ranked);
  void hand_over(app::Context& ctx);
  std::string transcript() const;

  // Replies of calls made for another language / query are dropped.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  std::string lang_;         // the language the list was loaded in
  nlohmann::json articles_;  // GET /kb/articles: [{id,title,kind,category}]
  bool loading_ = false;
  bool load_failed_ = false;

  char query_[256] = {};
  std::string searched_;       // the query the shown server results are for
  std::string pending_query_;  // typed, not yet sent (debounce)
  double search_at_ms_ = 0;    // when to send pending_query_
  int search_gen_ = 0;
  nlohmann::json results_ = nlohmann::json::array();  // GET /kb/search results
  std::string category_;                              // "" = all

  std::string open_id_;  // the article shown ("" = the list)
  bool scroll_top_ = false;
  std::map<std::string, nlohmann::json> bodies_;  // id → GET /kb/articles/{id} (current language)
  std::set<std::string> expanded_;                // FAQ questions open

  std::vector<Message> chat_;
  char chat_input_[500] = {};
  bool bot_busy_ = false;
  bool focus_chat_ = false;
};

}  // namespace portal::screens
