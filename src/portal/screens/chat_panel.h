// The chat panel (issue #10): a window over every screen that stays open while the user moves
// between screens. Customers whose tier has live chat or dedicated chat start a chat with a
// person, see their place in line and an estimated wait, then write with the agent. Agents set
// themselves available, see the waiting chats with their wait, accept, reply, hand over, end.
// It refreshes itself on chat.updated events (no polling).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/context.h"

namespace portal::screens {

class ChatPanel {
 public:
  // The chat channel the customer's tier has ("chat" first, then "dedicated_chat"), or "".
  static std::string customer_channel(const nlohmann::json& me);
  bool is_open() const { return open_; }
  void toggle() { open_ = !open_; }
  void draw(app::Context& ctx);
  void on_event(const nlohmann::json& event);
  void reset() { *this = ChatPanel(); }

 private:
  void draw_customer(app::Context& ctx);
  void draw_agent(app::Context& ctx);
  void draw_conversation(app::Context& ctx, bool agent);
  void load_chat(app::Context& ctx);
  void load_waiting(app::Context& ctx);
  // Where the agent ends the chat: a new request (default) or one of the customer's open ones.
  void load_targets(app::Context& ctx);
  void draw_target(app::Context& ctx);
  void act(app::Context& ctx, const std::string& method, const std::string& path, const nlohmann::json& body);
  // The first-line bot (issue #10): answers from the knowledge base before a person is asked.
  void draw_bot(app::Context& ctx);
  void ask_bot(app::Context& ctx, const std::string& question);
  void search_words(app::Context& ctx, std::vector<std::string> words);
  void talk_to_person(app::Context& ctx);
  void leave_message(app::Context& ctx);

  bool open_ = false;
  std::string chat_id_;
  nlohmann::json chat_;  // GET /chats/<id>
  bool chat_stale_ = false;
  bool busy_ = false;
  std::string error_;
  char input_[2001] = {};
  struct Line {
    bool bot;
    std::string body;
  };
  std::vector<Line> bot_;  // the conversation with the bot, handed to the person or the request
  bool bot_busy_ = false;
  std::string pending_;      // the line sent with "talk to a person", kept for "leave a message"
  bool can_leave_ = false;   // closed or nobody available: offer to leave a message
  std::string left_number_;  // the request the last message left became
  std::string channel_;      // the customer's choice where the tier has both chats
  // agents
  bool available_ = false;
  bool availability_known_ = false;
  nlohmann::json waiting_ = nlohmann::json::array();
  bool waiting_stale_ = true;
  unsigned gen_ = 0;
  nlohmann::json targets_ = nlohmann::json::array();  // the customer's open requests (GET /requests)
  std::string targets_for_;                           // the chat they were loaded for
  std::string target_id_;                             // "" = a new request
  bool targets_open_ = false;                         // the list of choices is shown
};

}  // namespace portal::screens
