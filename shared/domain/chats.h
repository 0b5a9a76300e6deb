// Live chat and dedicated chat (issue #10): the chat record, who may take a waiting chat, the
// bounds, and the transcript that every ended chat leaves on a request. Pure functions.
#pragma once
#include <string>
#include <vector>

#include "domain/model.h"

namespace portal {

struct Chat {
  std::string id;
  std::string company_id;
  std::string customer_id;
  std::string customer_name;
  std::string channel = "chat";    // "chat" (live chat, first line) or "dedicated_chat"
  std::string status = "waiting";  // waiting, active, ended
  std::string level = "L1";        // who may take it while waiting (a hand-over raises it)
  std::string target_agent_id;     // dedicated chat: the only agent who may take it
  std::string agent_id;            // active: the agent in the chat
  std::string agent_name;
  std::string request_id;  // ended: the request holding the transcript
  Instant created_at = 0;
  Instant waiting_since = 0;  // place in line: oldest first
  Instant accepted_at = 0;    // 0: never accepted
  Instant ended_at = 0;
  Instant updated_at = 0;
  std::vector<Message> messages;  // author_kind: customer, agent, bot, system
};

// Bounds (api: refusals name them).
constexpr int kMaxChatMessages = 200;
constexpr std::size_t kMaxChatBodyChars = 2000;
constexpr int kMaxBotLines = 20;       // the chat-bot conversation handed over at start
constexpr int kMaxWaitingChats = 200;  // over all channels: beyond, 503 with Retry-After
constexpr int kMaxActiveChatsPerAgent = 3;
constexpr Instant kChatWaitEstimateSeconds = 180;  // one chat ahead ≈ 3 minutes of one agent

bool is_chat_channel(const std::string& channel);
// A waiting chat this agent may take: dedicated chats only by their agent, live chats by the
// chat's level.
bool agent_may_take(const Chat& chat, const Agent& agent);
// An agent may read a chat they may take or are (were) in.
bool agent_may_read(const Chat& chat, const Agent& agent);

// Adds a message; throws PortalError: conflict when ended or full, validation ("body").
void add_chat_message(Chat& chat, Message message);

// The transcript as plain text (for a request's description), bounded to max_chars.
std::string chat_transcript_text(const Chat& chat, std::size_t max_chars);
// The subject of the request made from a chat: "Chat: " and the customer's first line.
std::string chat_subject(const Chat& chat);

// The JSON of a Chat for the stores (the API's shape is chat_json in api/).
std::string chat_to_store_json(const Chat& chat);
Chat chat_from_store_json(std::string_view text);  // throws std::runtime_error on bad input

}  // namespace portal
