#include "domain/chats.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "domain/errors.h"
#include "domain/text.h"

namespace portal {

using nlohmann::json;

bool is_chat_channel(const std::string& channel) { return channel == "chat" || channel == "dedicated_chat"; }

bool agent_may_take(const Chat& chat, const Agent& agent) {
  if (chat.status != "waiting") return false;
  if (!chat.target_agent_id.empty()) return chat.target_agent_id == agent.id;
  return chat.level == to_string(agent.level);
}

bool agent_may_read(const Chat& chat, const Agent& agent) {
  if (chat.agent_id == agent.id || chat.target_agent_id == agent.id) return true;
  if (agent_may_take(chat, agent)) return true;
  return std::any_of(chat.messages.begin(), chat.messages.end(),
                     [&](const Message& m) { return m.author_kind == "agent" && m.author_id == agent.id; });
}

void add_chat_message(Chat& chat, Message m) {
  if (chat.status == "ended")
    throw PortalError(ErrorKind::kConflict, "this chat has ended; start a new one", "status", "chat_ended");
  if (!is_valid_utf8(m.body)) fail_validation("body", "body must be valid UTF-8 text");
  const bool blank =
      std::all_of(m.body.begin(), m.body.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
  if (m.body.empty() || blank) fail_validation("body", "body must not be empty");
  if (utf8_length(m.body) > kMaxChatBodyChars)
    fail_validation("body", "body must be at most " + std::to_string(kMaxChatBodyChars) + " characters");
  if (static_cast<int>(chat.messages.size()) >= kMaxChatMessages)
    throw PortalError(
        ErrorKind::kConflict,
        "this chat has reached " + std::to_string(kMaxChatMessages) + " messages; end it and start a new one", "body",
        "chat_full");
  chat.updated_at = m.created_at;
  chat.messages.push_back(std::move(m));
}

std::string chat_transcript_text(const Chat& chat, std::size_t max_chars) {
  std::string out;
  for (const Message& m : chat.messages) {
    std::string who = m.author_kind == "bot" ? "Bot" : m.author_kind == "system" ? "—" : m.author_name;
    std::string line = who + ": " + m.body + "\n";
    if (utf8_length(out) + utf8_length(line) > max_chars) {
      out += "…";
      break;
    }
    out += line;
  }
  if (out.empty()) out = "(empty chat)";
  return out;
}

std::string chat_subject(const Chat& chat) {
  for (const Message& m : chat.messages) {
    if (m.author_kind != "customer") continue;
    std::string first = m.body.substr(0, m.body.find('\n'));
    std::string s = "Chat: " + std::string(utf8_truncate(first, 150));
    return s;
  }
  return "Chat";
}

namespace {

json message_json(const Message& m) {
  json j;
  j["id"] = m.id;
  j["author_kind"] = m.author_kind;
  j["author_id"] = m.author_id;
  j["author_name"] = m.author_name;
  j["body"] = m.body;
  j["created_at"] = m.created_at;
  return j;
}

}  // namespace

std::string chat_to_store_json(const Chat& c) {
  json j;
  j["id"] = c.id;
  j["company_id"] = c.company_id;
  j["customer_id"] = c.customer_id;
  j["customer_name"] = c.customer_name;
  j["channel"] = c.channel;
  j["status"] = c.status;
  j["level"] = c.level;
  j["target_agent_id"] = c.target_agent_id;
  j["agent_id"] = c.agent_id;
  j["agent_name"] = c.agent_name;
  j["request_id"] = c.request_id;
  j["created_at"] = c.created_at;
  j["waiting_since"] = c.waiting_since;
  j["accepted_at"] = c.accepted_at;
  j["ended_at"] = c.ended_at;
  j["updated_at"] = c.updated_at;
  json msgs = json::array();
  for (const Message& m : c.messages) msgs.push_back(message_json(m));
  j["messages"] = std::move(msgs);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Chat chat_from_store_json(std::string_view text) {
  try {
    const json j = json::parse(text);
    Chat c;
    c.id = j.at("id").get<std::string>();
    c.company_id = j.at("company_id").get<std::string>();
    c.customer_id = j.at("customer_id").get<std::string>();
    c.customer_name = j.at("customer_name").get<std::string>();
    c.channel = j.at("channel").get<std::string>();
    c.status = j.at("status").get<std::string>();
    c.level = j.at("level").get<std::string>();
    c.target_agent_id = j.at("target_agent_id").get<std::string>();
    c.agent_id = j.at("agent_id").get<std::string>();
    c.agent_name = j.at("agent_name").get<std::string>();
    c.request_id = j.at("request_id").get<std::string>();
    c.created_at = j.at("created_at").get<Instant>();
    c.waiting_since = j.at("waiting_since").get<Instant>();
    c.accepted_at = j.at("accepted_at").get<Instant>();
    c.ended_at = j.at("ended_at").get<Instant>();
    c.updated_at = j.at("updated_at").get<Instant>();
    for (const json& m : j.at("messages")) {
      Message x;
      x.id = m.at("id").get<std::string>();
      x.author_kind = m.at("author_kind").get<std::string>();
      x.author_id = m.at("author_id").get<std::string>();
      x.author_name = m.at("author_name").get<std::string>();
      x.body = m.at("body").get<std::string>();
      x.created_at = m.at("created_at").get<Instant>();
      c.messages.push_back(std::move(x));
    }
    return c;
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("chat: bad stored JSON: ") + e.what());
  }
}

}  // namespace portal
