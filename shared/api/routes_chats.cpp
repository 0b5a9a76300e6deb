// Live chat and dedicated chat: customers start, write and end chats; agents set themselves
// available, see the waiting chats they may take (oldest first), accept, reply, hand over, end.
// Every ended chat leaves its transcript on a request, so that it counts in first response, SLA
// and CSI like any other contact.
#include <algorithm>

#include "api/router_impl.h"
#include "api/views.h"
#include "domain/chats.h"
#include "domain/json_values.h"
#include "domain/requests.h"
#include "domain/subscription.h"
#include "sla/schedule.h"
#include "time/iso8601.h"

namespace portal {

using nlohmann::json;

namespace {

HttpResponse refusal(int status, const std::string& code, const std::string& message, const std::string& field,
                     const json& extra = json::object()) {
  json err = extra;
  err["code"] = code;
  err["message"] = message;
  if (!field.empty()) err["field"] = field;
  json out;
  out["error"] = std::move(err);
  return json_response(status, out);
}

json chat_message_json(const Message& m) {
  json j;
  j["id"] = m.id;
  j["author_kind"] = m.author_kind;
  j["author_name"] = m.author_name;
  j["body"] = m.body;
  j["created_at"] = format_instant(m.created_at);
  return j;
}

// A request number as people write it ("1042", "#1042"); 0 when the text is not one.
std::int64_t request_number(const std::string& text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '#') ++i;
  if (i == text.size() || text.size() - i > 15) return 0;
  std::int64_t n = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return 0;
    n = n * 10 + (text[i] - '0');
  }
  return n;
}

// The optional request_id of POST /chats/<id>/end: a string (an id or a number) or a JSON number.
std::string chosen_request_id(const json& body) {
  if (!body.contains("request_id") || body["request_id"].is_null()) return {};
  const json& v = body["request_id"];
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > 0 && v.get<std::uint64_t>() < 1000000000000000ULL)
    return std::to_string(v.get<std::uint64_t>());
  if (!v.is_string()) fail_validation("request_id", "request_id must be a request's id or number");
  std::string id = v.get<std::string>();
  if (id.empty() || id.size() > 64) fail_validation("request_id", "request_id must be a request's id or number");
  return id;
}

bool chat_open(const Chat& c) { return c.status == "waiting" || c.status == "active"; }

// Agents who could take this chat now: available, of its level (or its dedicated agent).
int eligible_available(StoreTx& tx, const Chat& chat) {
  int n = 0;
  for (const std::string& id : tx.available_agents()) {
    auto a = tx.agent(id);
    if (a && agent_may_take(chat, *a)) ++n;
  }
  return n;
}

// The chat in the API's shape; a waiting chat also says its place in line and a wait estimate.
json chat_json(StoreTx& tx, const Chat& c, Instant now) {
  json j;
  j["id"] = c.id;
  j["channel"] = c.channel;
  j["status"] = c.status;
  j["level"] = c.level;
  j["customer"] = id_name_json(c.customer_id, c.customer_name);
  j["agent"] = c.agent_id.empty() ? json(nullptr) : id_name_json(c.agent_id, c.agent_name);
  j["created_at"] = format_instant(c.created_at);
  j["waiting_seconds"] = c.status == "waiting" ? std::max<Instant>(0, now - c.waiting_since) : 0;
  j["request_id"] = text_or_null(c.request_id);
  if (c.status == "waiting") {
    // Place: waiting chats for the same agents (same level, or the same dedicated agent) ahead.
    int place = 1;
    for (const Chat& other : tx.list_chats(ChatQuery{"waiting", "", "", "", kMaxWaitingChats})) {
      if (other.id == c.id) break;
      if (other.level == c.level && other.target_agent_id == c.target_agent_id) ++place;
    }
    const int agents = std::max(1, eligible_available(tx, c));
    j["place"] = place;
    j["estimated_wait_seconds"] = (place * kChatWaitEstimateSeconds + agents - 1) / agents;
  } else {
    j["place"] = nullptr;
    j["estimated_wait_seconds"] = nullptr;
  }
  json msgs = json::array();
  for (const Message& m : c.messages) msgs.push_back(chat_message_json(m));
  j["messages"] = std::move(msgs);
  return j;
}

EventAudience chat_audience(const Chat& c, const std::string& previous_level = "") {
  EventAudience a;
  a.company_id = c.company_id;
  if (!c.agent_id.empty()) a.agent_ids.push_back(c.agent_id);
  if (!c.target_agent_id.empty()) a.agent_ids.push_back(c.target_agent_id);
  else a.levels.push_back(c.level);  // the waiting list of that level changes too
  if (!previous_level.empty() && previous_level != c.level) a.levels.push_back(previous_level);
  return a;
}

// chat.updated: {"status", "level", "channel", "request_id"?, "message"+"by"+"by_name" for a new line}.
json chat_event(const Chat& c, const std::string* by, const std::string* by_name) {
  json j;
  j["status"] = c.status;
  j["level"] = c.level;
  j["channel"] = c.channel;
  if (!c.request_id.empty()) j["request_id"] = c.request_id;
  if (by) {
    j["message"] = true;
    j["by"] = *by;
  }
  if (by_name) j["by_name"] = *by_name;
  return j;
}

Message system_message(const std::string& id, const std::string& body, Instant now) {
  Message m;
  m.id = id;
  m.author_kind = "system";
  m.body = body;
  m.created_at = now;
  return m;
}

}  // namespace

HttpResponse Router::Impl::post_chat(Call& call) {
  const Principal& who = customer_only(call);
  json body = parse_json_body(call.http);
  BodyReader in(body, {"channel", "body", "bot"});
  const std::string channel = in.text("channel");
  if (!is_chat_channel(channel)) fail_validation("channel", "channel must be chat or dedicated_chat");
  Chat chat;
  chat.id = new_id("chat");
  chat.company_id = who.company.id;
  chat.customer_id = who.customer.id;
  chat.customer_name = who.customer.name;
  chat.channel = channel;
  chat.created_at = chat.waiting_since = chat.updated_at = call.now;
  // The chat-bot's conversation so far: [{"from": "customer" | "bot", "body"}].
  if (body.contains("bot")) {
    const json& bot = body["bot"];
    if (!bot.is_array() || bot.size() > static_cast<std::size_t>(kMaxBotLines))
      fail_validation("bot", "bot must be a list of at most " + std::to_string(kMaxBotLines) + " lines");
    for (const json& line : bot) {
      if (!line.is_object() || !line.contains("from") || !line.contains("body") || !line["from"].is_string() ||
          !line["body"].is_string() || (line["from"] != "customer" && line["from"] != "bot"))
        fail_validation("bot", "each bot line is {\"from\": \"customer\" or \"bot\", \"body\": text}");
      Message m;
      m.id = new_id("cmsg");
      m.author_kind = line["from"].get<std::string>();
      m.author_id = m.author_kind == "customer" ? who.customer.id : "";
      m.author_name = m.author_kind == "customer" ? who.customer.name : "Bot";
      m.body = line["body"].get<std::string>();
      m.created_at = call.now;
      add_chat_message(chat, std::move(m));
    }
  }
  Message first;
  first.id = new_id("cmsg");
  first.author_kind = "customer";
  first.author_id = who.customer.id;
  first.author_name = who.customer.name;
  first.body = in.text("body");
  first.created_at = call.now;
  add_chat_message(chat, std::move(first));

  // The channel must be on the tier, and open now.
  const ChannelAccess* access = nullptr;
  const auto channels = channel_access(catalog, who.company, call.now);
  for (const ChannelAccess& a : channels)
    if (a.channel && a.channel->id == channel) access = &a;
  if (!access || access->locked) {
    json extra = json::object();
    std::string how = "it is not offered on any plan";
    if (access) {
      json& unlock = extra["unlock"];
      unlock["kind"] = access->unlock_kind;
      unlock["id"] = access->unlock_id;
      unlock["price"] = money_json(access->unlock_price_cents, "EUR");
      how = access->unlock_kind == "addon"
                ? "add the " + access->unlock_id + " add-on to unlock it"
                : "move to the " + access->unlock_id + " " + access->unlock_kind + " to unlock it";
    }
    return refusal(
        403, "channel_locked",
        (channel == "chat" ? "live chat" : "dedicated chat") + std::string(" is not part of your plan; ") + how,
        "channel", extra);
  }
  if (const Schedule* schedule = access->channel->schedule; schedule && !is_open(*schedule, call.now)) {
    const auto next = next_open_span(*schedule, call.now);
    json extra;
    extra["time_zone"] = schedule->tz_name;
    extra["opens_at"] = or_null(next, [](const auto& span) { return format_instant(span.begin); });
    return refusal(409, "channel_closed",
                   "this chat is closed now" + (next ? "; it opens at " + format_instant(next->begin) : std::string()) +
                       " (" + schedule->tz_name + "); you may leave a message as a request instead",
                   "channel", extra);
  }

  std::optional<HttpResponse> refused;
  json out;
  store.write([&](StoreTx& tx) {
    Company company = load_company(tx, who, call.now);
    if (channel == "dedicated_chat") {
      if (company.dedicated_agent_id.empty()) {
        refused = refusal(409, "no_dedicated_agent", "your dedicated agent is not assigned yet; please try again later",
                          "channel");
        return;
      }
      chat.target_agent_id = company.dedicated_agent_id;
      if (auto a = tx.agent(company.dedicated_agent_id)) chat.level = to_string(a->level);
    }
    for (const Chat& mine : tx.list_chats(ChatQuery{"", "", who.customer.id, "", 1000}))
      if (chat_open(mine)) {
        json extra;
        extra["chat_id"] = mine.id;
        refused =
            refusal(409, "chat_open", "you already have an open chat; continue it or end it first", "channel", extra);
        return;
      }
    if (tx.count_chats("waiting") >= kMaxWaitingChats) {
      refused =
          refusal(503, "chats_busy", "too many chats are waiting; please try again in a minute or leave a message", "");
      refused->headers.push_back({"Retry-After", "60"});
      return;
    }
    if (eligible_available(tx, chat) == 0) {
      refused = refusal(409, "no_agent_available",
                        channel == "dedicated_chat"
                            ? "your dedicated agent is not available right now; you may leave a message as a request"
                            : "no agent is available right now; you may leave a message as a request",
                        "channel");
      return;
    }
    tx.put_chat(chat);
    out = chat_json(tx, chat, call.now);
  });
  if (refused) return *refused;
  emit("chat.updated", chat.id, chat_audience(chat), call.now, chat_event(chat, nullptr, nullptr));
  return json_response(201, out);
}

HttpResponse Router::Impl::get_chats(Call& call) {
  const Principal& who = *call.who;
  const std::string status = call.query.get("status", who.is_agent() ? "waiting" : "");
  if (!status.empty() && status != "waiting" && status != "active" && status != "ended")
    throw PortalError(ErrorKind::kBadRequest, "status must be waiting, active or ended", "status");
  json list = json::array();
  store.read([&](StoreTx& tx) {
    ChatQuery q{status, "", "", "", 100};
    if (!who.is_agent()) q.customer_id = who.customer.id;
    else if (status != "waiting") q.agent_id = who.agent.id;
    for (const Chat& c : tx.list_chats(q)) {
      if (who.is_agent() && status == "waiting" && !agent_may_take(c, who.agent)) continue;
      json j = chat_json(tx, c, call.now);
      j.erase("messages");
      j["last_message"] = c.messages.empty() ? json(nullptr) : chat_message_json(c.messages.back());
      list.push_back(std::move(j));
    }
  });
  json out;
  out["chats"] = std::move(list);
  return json_response(200, out);
}

namespace {

Chat visible_chat(StoreTx& tx, const Principal& who, const std::string& id) {
  auto c = tx.chat(id);
  const bool ok = c && (who.is_agent() ? agent_may_read(*c, who.agent) : c->customer_id == who.customer.id);
  if (!ok) throw PortalError(ErrorKind::kNotFound, "no chat " + id, "id");
  return *c;
}

}  // namespace

HttpResponse Router::Impl::get_chat(Call& call) {
  json out;
  store.read([&](StoreTx& tx) { out = chat_json(tx, visible_chat(tx, *call.who, call.params[0]), call.now); });
  return json_response(200, out);
}

HttpResponse Router::Impl::post_chat_message(Call& call) {
  const Principal& who = *call.who;
  json body = parse_json_body(call.http);
  BodyReader in(body, {"body"});
  std::string id = new_id("cmsg");
  const Message m = message_by(who, std::move(id), in.text("body"), call.now);
  Chat chat;
  json out;
  store.write([&](StoreTx& tx) {
    chat = visible_chat(tx, who, call.params[0]);
    if (who.is_agent() && chat.agent_id != who.agent.id)
      throw PortalError(ErrorKind::kConflict, "accept this chat before you write in it", "id", "not_your_chat");
    add_chat_message(chat, m);
    tx.put_chat(chat);
    out = chat_json(tx, chat, call.now);
  });
  emit("chat.updated", chat.id, chat_audience(chat), call.now, chat_event(chat, &m.author_kind, &m.author_name));
  out["message"] = out["messages"].back();
  return json_response(201, out);
}

HttpResponse Router::Impl::post_chat_accept(Call& call) {
  const Principal& who = agent_only(call);
  Chat chat;
  json out;
  std::string previous_level;
  store.write([&](StoreTx& tx) {
    chat = visible_chat(tx, who, call.params[0]);
    if (chat.status != "waiting")
      throw PortalError(
          ErrorKind::kConflict,
          chat.agent_id == who.agent.id ? "you have already accepted this chat" : "this chat is no longer waiting",
          "id", "not_waiting");
    if (!agent_may_take(chat, who.agent)) throw PortalError(ErrorKind::kNotFound, "no chat " + chat.id, "id");
    const auto available = tx.available_agents();
    if (std::find(available.begin(), available.end(), who.agent.id) == available.end())
      throw PortalError(ErrorKind::kConflict, "set yourself available for chats first", "available", "not_available");
    if (static_cast<int>(tx.list_chats(ChatQuery{"active", "", "", who.agent.id, 100}).size()) >=
        kMaxActiveChatsPerAgent)
      throw PortalError(
          ErrorKind::kConflict,
          "you already have " + std::to_string(kMaxActiveChatsPerAgent) + " chats; end one before accepting another",
          "id", "too_many_chats");
    previous_level = chat.level;
    chat.status = "active";
    chat.agent_id = who.agent.id;
    chat.agent_name = who.agent.name;
    chat.accepted_at = call.now;
    if (static_cast<int>(chat.messages.size()) < kMaxChatMessages)
      add_chat_message(chat, system_message(new_id("cmsg"), who.agent.name + " joined the chat", call.now));
    tx.put_chat(chat);
    out = chat_json(tx, chat, call.now);
  });
  emit("chat.updated", chat.id, chat_audience(chat, previous_level), call.now,
       chat_event(chat, nullptr, &who.agent.name));
  return json_response(200, out);
}

HttpResponse Router::Impl::post_chat_handover(Call& call) {
  const Principal& who = agent_only(call);
  if (!call.http.body.empty()) BodyReader(parse_json_body(call.http), {"reason"});
  Chat chat;
  json out;
  std::string previous_agent;
  store.write([&](StoreTx& tx) {
    chat = visible_chat(tx, who, call.params[0]);
    if (chat.status != "active" || chat.agent_id != who.agent.id)
      throw PortalError(ErrorKind::kConflict, "only the agent in an active chat can hand it over", "id",
                        "not_your_chat");
    if (chat.level == "L3")
      throw PortalError(ErrorKind::kConflict, "this chat is already with the third line", "id", "top_level");
    chat.level = chat.level == "L1" ? "L2" : "L3";
    chat.target_agent_id.clear();  // a hand-over goes to the next line, whoever is free there
    previous_agent = chat.agent_id;
    chat.agent_id.clear();
    chat.agent_name.clear();
    chat.status = "waiting";
    chat.waiting_since = call.now;
    if (static_cast<int>(chat.messages.size()) < kMaxChatMessages)
      add_chat_message(
          chat, system_message(new_id("cmsg"), who.agent.name + " handed the chat over to " + chat.level, call.now));
    tx.put_chat(chat);
    out = chat_json(tx, chat, call.now);
  });
  EventAudience audience = chat_audience(chat);
  audience.agent_ids.push_back(previous_agent);
  emit("chat.updated", chat.id, std::move(audience), call.now, chat_event(chat, nullptr, nullptr));
  return json_response(200, out);
}

HttpResponse Router::Impl::post_chat_end(Call& call) {
  const Principal& who = *call.who;
  json body = parse_json_body(call.http);
  BodyReader in(body, {"request_id"});
  const std::string request_id = chosen_request_id(body);
  Chat chat;
  Request request, before;
  bool created = false;
  json out;
  std::string previous_level;
  store.write([&](StoreTx& tx) {
    chat = visible_chat(tx, who, call.params[0]);
    if (chat.status == "ended")
      throw PortalError(ErrorKind::kConflict, "this chat has already ended", "id", "chat_ended");
    if (who.is_agent() && chat.agent_id != who.agent.id)
      throw PortalError(ErrorKind::kConflict, "only the agent in the chat can end it", "id", "not_your_chat");
    previous_level = chat.level;
    Company company = *tx.company(chat.company_id);
    roll_period(catalog, company, call.now);
    const auto policies = applicable_policies(catalog, company, call.now);
    const bool agent_spoke = std::any_of(chat.messages.begin(), chat.messages.end(),
                                         [](const Message& m) { return m.author_kind == "agent"; });

    // The transcript: replayed onto the request message by message with the chat's own times,
    // so the first agent line meets the first-response clock as it did in the chat.
    if (!request_id.empty()) {
      // An id or the number people see ("1042", "#1042"); another company's answers like a missing one.
      std::optional<Request> r;
      if (const std::int64_t number = request_number(request_id)) {
        RequestQuery q;
        q.number = number;
        q.text = "#" + std::to_string(number);
        q.company_id = chat.company_id;
        q.limit = 200;
        for (const Request& found : tx.list_requests(q).requests)
          if (found.number == number) r = tx.request(found.id);
      } else {
        r = tx.request(request_id);
      }
      if (!r || r->company_id != chat.company_id)
        fail_validation("request_id", "no request " + request_id + " of this customer's company");
      if (r->status == RequestStatus::kClosed)
        throw PortalError(
            ErrorKind::kConflict,
            "request " + std::to_string(r->number) + " is closed; end the chat without request_id to open a new one",
            "request_id", "request_closed");
      request = before = *r;
    } else {
      NewRequest input;
      input.subject = chat_subject(chat);
      input.description = chat_transcript_text(chat, 20000);
      input.severity = 3;
      input.category = "technical";
      request = open_request(input, company, policies, chat.created_at);
      request.id = new_id("req");
      request.number = tx.next_sequence("request");
      request.customer_id = chat.customer_id;
      created = true;
    }
    bool first_customer_line = created;  // a new request's description already is the first line
    // On a chosen request the transcript follows what is already there: a line older than the
    // request's last entry counts from that entry, so no clock is met before the request existed.
    Instant floor = request.created_at;
    for (const Message& m : request.messages) floor = std::max(floor, m.created_at);
    for (const Message& m : chat.messages) {
      if (m.author_kind != "agent" && m.author_kind != "customer") continue;
      if (first_customer_line && m.author_kind == "customer") {
        first_customer_line = false;
        continue;
      }
      Message copy = m;
      copy.id = new_id("msg");
      if (!created) copy.created_at = std::max(copy.created_at, floor);
      if (request.messages.size() >= 1000) break;
      add_message(request, copy, policies);
    }
    if (agent_spoke && request.status != RequestStatus::kResolved)
      change_status(request, RequestStatus::kResolved, true, call.now);
    if (created) tx.insert_request(request);
    else tx.update_request(request);

    chat.status = "ended";
    chat.ended_at = call.now;
    chat.request_id = request.id;
    chat.updated_at = call.now;
    if (static_cast<int>(chat.messages.size()) < kMaxChatMessages) {
      const std::string by = who.is_agent() ? who.agent.name : who.customer.name;
      chat.messages.push_back(system_message(new_id("cmsg"), by + " ended the chat", call.now));
    }
    tx.put_chat(chat);
    out = chat_json(tx, chat, call.now);
  });
  EventAudience audience = chat_audience(chat, previous_level);
  emit("chat.updated", chat.id, std::move(audience), call.now, chat_event(chat, nullptr, nullptr));
  if (created) emit_request_created(request, call.now);
  else emit_request_change(before, request, who, call.now);
  out["request"] = request_json(request, catalog, call.now, false);
  return json_response(200, out);
}

HttpResponse Router::Impl::put_availability(Call& call) {
  const Principal& who = agent_only(call);
  json body = parse_json_body(call.http);
  BodyReader in(body, {"available"});
  if (!body.contains("available") || !body["available"].is_boolean())
    fail_validation("available", "available must be true or false");
  const bool available = body["available"].get<bool>();
  store.write([&](StoreTx& tx) { tx.set_agent_available(who.agent.id, available); });
  return get_availability(call);
}

HttpResponse Router::Impl::get_availability(Call& call) {
  const Principal& who = agent_only(call);
  json out;
  store.read([&](StoreTx& tx) {
    const auto ids = tx.available_agents();
    out["available"] = std::find(ids.begin(), ids.end(), who.agent.id) != ids.end();
    out["active_chats"] = tx.list_chats(ChatQuery{"active", "", "", who.agent.id, 100}).size();
    out["max_active_chats"] = kMaxActiveChatsPerAgent;
  });
  return json_response(200, out);
}

}  // namespace portal
