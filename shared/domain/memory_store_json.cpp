// MemoryStore's whole state as JSON: how the offline demo keeps its data across page reloads.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "domain/json_values.h"
#include "domain/memory_store.h"

namespace portal {

using nlohmann::json;

namespace {

constexpr int kFormatVersion = 1;
// The writers below assign field by field: nlohmann's {{"key", value}, ...} initializer lists
// compile to several times the code, and this file is part of the browser's download.

json clock_to(const SlaClock& c) {
  json j;
  j["started_at"] = c.started_at;
  j["due"] = c.due;
  j["met_at"] = or_null(c.met_at);
  j["policy"] = c.policy_id;
  j["minutes"] = c.target.minutes;
  j["business"] = c.target.clock == Clock::kBusiness;
  return j;
}
SlaClock clock_from(const json& j) {
  SlaClock c;
  c.started_at = j.at("started_at").get<Instant>();
  c.due = j.at("due").get<Instant>();
  c.met_at = from_nullable<Instant>(j.at("met_at"));
  c.policy_id = j.at("policy").get<std::string>();
  c.target.minutes = j.at("minutes").get<int>();
  c.target.clock = j.at("business").get<bool>() ? Clock::kBusiness : Clock::kCalendar;
  return c;
}

json to(const Company& c) {
  json j;
  j["id"] = c.id;
  j["name"] = c.name;
  j["plan"] = c.plan;
  j["packages"] = c.packages;
  j["addons"] = c.addons;
  j["pending_plan"] = c.pending_plan;
  j["period_start"] = c.period_start;
  j["period_end"] = c.period_end;
  j["category"] = c.category;
  j["customer_since"] = c.customer_since;
  j["volume"] = c.monthly_volume_cents;
  j["manager"] = c.manager_id;
  j["dedicated"] = c.dedicated_agent_id;
  return j;
}
Company company_from(const json& j) {
  Company c;
  c.id = j.at("id");
  c.name = j.at("name");
  c.plan = j.at("plan");
  c.packages = j.at("packages").get<std::vector<std::string>>();
  c.addons = j.at("addons").get<std::vector<std::string>>();
  c.pending_plan = j.at("pending_plan");
  c.period_start = j.at("period_start");
  c.period_end = j.at("period_end");
  c.category = j.at("category");
  c.customer_since = j.at("customer_since");
  c.monthly_volume_cents = j.at("volume");
  c.manager_id = j.at("manager");
  c.dedicated_agent_id = j.at("dedicated");
  return c;
}

json to(const Customer& c) {
  json j;
  j["id"] = c.id;
  j["company"] = c.company_id;
  j["email"] = c.email;
  j["name"] = c.name;
  j["hash"] = c.password_hash;
  j["created_at"] = c.created_at;
  return j;
}
Customer customer_from(const json& j) {
  return Customer{j.at("id"), j.at("company"), j.at("email"), j.at("name"), j.at("hash"), j.at("created_at")};
}

json to(const Agent& a) {
  json j;
  j["id"] = a.id;
  j["email"] = a.email;
  j["name"] = a.name;
  j["level"] = a.level;
  j["hash"] = a.password_hash;
  j["created_at"] = a.created_at;
  return j;
}
Agent agent_from(const json& j) {
  return Agent{j.at("id"), j.at("email"), j.at("name"), j.at("level"), j.at("hash"), j.at("created_at")};
}

json to(const Session& s) {
  json j;
  j["token_hash"] = s.token_hash;
  j["agent"] = s.kind == PrincipalKind::kAgent;
  j["principal"] = s.principal_id;
  j["created_at"] = s.created_at;
  j["expires_at"] = s.expires_at;
  j["last_used_at"] = s.last_used_at;
  j["user_agent"] = s.user_agent;
  return j;
}
Session session_from(const json& j) {
  Session s{j.at("token_hash"), j.at("agent").get<bool>() ? PrincipalKind::kAgent : PrincipalKind::kCustomer,
            j.at("principal"), j.at("created_at"), j.at("expires_at")};
  s.last_used_at = j.value("last_used_at", s.created_at);  // saved states from before these fields
  s.user_agent = j.value("user_agent", std::string());
  return s;
}

json to(const Request& r) {
  json j;
  j["id"] = r.id;
  j["number"] = r.number;
  j["company"] = r.company_id;
  j["customer"] = r.customer_id;
  j["subject"] = r.subject;
  j["description"] = r.description;
  j["severity"] = r.severity;
  j["category"] = r.category;
  j["address"] = r.address;
  j["status"] = r.status;
  j["level"] = r.level;
  j["assignee"] = r.assignee_id;
  j["created_at"] = r.created_at;
  j["updated_at"] = r.updated_at;
  j["resolved_at"] = or_null(r.resolved_at);
  j["closed_at"] = or_null(r.closed_at);
  j["first_response"] = clock_to(r.first_response);
  j["follow_up"] = or_null(r.follow_up, clock_to);
  j["fu_met"] = r.follow_ups_met;
  j["fu_breached"] = r.follow_ups_breached;
  json& rating = j["rating"];  // null without a rating
  if (r.rating) {
    rating["score"] = r.rating->score;
    rating["comment"] = r.rating->comment;
    rating["at"] = r.rating->created_at;
  }
  json& messages = j["messages"] = json::array();
  for (const Message& m : r.messages) {
    json& msg = messages.emplace_back();
    msg["id"] = m.id;
    msg["kind"] = m.author_kind;
    msg["author"] = m.author_id;
    msg["name"] = m.author_name;
    msg["body"] = m.body;
    msg["at"] = m.created_at;
  }
  return j;
}
Request request_from(const json& j) {
  Request r;
  r.id = j.at("id");
  r.number = j.at("number");
  r.company_id = j.at("company");
  r.customer_id = j.at("customer");
  r.subject = j.at("subject");
  r.description = j.at("description");
  r.severity = j.at("severity");
  r.category = j.at("category");
  r.address = j.at("address");
  r.status = j.at("status");
  r.level = j.at("level");
  r.assignee_id = j.at("assignee");
  r.created_at = j.at("created_at");
  r.updated_at = j.at("updated_at");
  r.resolved_at = from_nullable<Instant>(j.at("resolved_at"));
  r.closed_at = from_nullable<Instant>(j.at("closed_at"));
  r.first_response = clock_from(j.at("first_response"));
  r.follow_up = from_nullable<SlaClock>(j.at("follow_up"), clock_from);
  r.follow_ups_met = j.at("fu_met");
  r.follow_ups_breached = j.at("fu_breached");
  r.rating = from_nullable<Rating>(j.at("rating"), [](const json& x) {
    return Rating{x.at("score"), x.at("comment"), x.at("at")};
  });
  for (const json& m : j.at("messages"))
    r.messages.push_back(Message{m.at("id"), m.at("kind"), m.at("author"), m.at("name"), m.at("body"), m.at("at")});
  return r;
}

json to(const Booking& b) {
  json j;
  j["id"] = b.id;
  j["company"] = b.company_id;
  j["customer"] = b.customer_id;
  j["agent"] = b.agent_id;
  j["start"] = b.start;
  j["end"] = b.end;
  j["topic"] = b.topic;
  j["note"] = b.note;
  j["status"] = b.status;
  j["sequence"] = b.sequence;
  j["created_at"] = b.created_at;
  j["updated_at"] = b.updated_at;
  return j;
}
Booking booking_from(const json& j) {
  return Booking{j.at("id"),     j.at("company"),  j.at("customer"),   j.at("agent"),
                 j.at("start"),  j.at("end"),      j.at("topic"),      j.at("note"),
                 j.at("status"), j.at("sequence"), j.at("created_at"), j.at("updated_at")};
}

template <class Map>
json list_of(const Map& m) {
  json out = json::array();
  for (const auto& [key, value] : m) out.push_back(to(value));
  return out;
}

// Back: each item of `list` read by `read` into `into`, under its `key` member.
template <class Map, class Read, class Key>
void read_list(const json& list, Map& into, Read read, Key key) {
  for (const json& x : list) {
    auto value = read(x);
    const std::string k = value.*key;
    into[k] = std::move(value);
  }
}

}  // namespace

std::string MemoryStore::to_json() const {
  std::lock_guard lock(mutex_);
  json j;
  j["format"] = kFormatVersion;
  j["sequences"] = data_.sequences;
  j["companies"] = list_of(data_.companies);
  j["customers"] = list_of(data_.customers);
  j["agents"] = list_of(data_.agents);
  j["sessions"] = list_of(data_.sessions);
  j["requests"] = list_of(data_.requests);
  j["bookings"] = list_of(data_.bookings);
  j["secrets"] = data_.secrets;
  json chats = json::array();  // stored as the stores' chat JSON text (one codec for both stores)
  for (const auto& [id, c] : data_.chats) chats.push_back(chat_to_store_json(c));
  j["chats"] = std::move(chats);
  json available = json::array();
  for (const auto& [id, on] : data_.available_agents) available.push_back(id);
  j["available_agents"] = std::move(available);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void MemoryStore::from_json(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw std::runtime_error("saved state is not a JSON object");
  if (j.value("format", 0) != kFormatVersion) throw std::runtime_error("saved state has an unknown format version");
  Data d;
  try {
    d.sequences = j.at("sequences").get<std::map<std::string, std::int64_t>>();
    read_list(j.at("companies"), d.companies, company_from, &Company::id);
    read_list(j.at("customers"), d.customers, customer_from, &Customer::id);
    read_list(j.at("agents"), d.agents, agent_from, &Agent::id);
    read_list(j.at("sessions"), d.sessions, session_from, &Session::token_hash);
    read_list(j.at("requests"), d.requests, request_from, &Request::id);
    read_list(j.at("bookings"), d.bookings, booking_from, &Booking::id);
    if (j.contains("secrets")) d.secrets = j.at("secrets").get<std::map<std::string, std::string>>();
    // Saved before chats existed: none.
    if (j.contains("chats"))
      read_list(
          j.at("chats"), d.chats, [](const json& x) { return chat_from_store_json(x.get<std::string>()); }, &Chat::id);
    if (j.contains("available_agents"))
      for (const json& x : j.at("available_agents")) d.available_agents[x.get<std::string>()] = true;
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("saved state is damaged: ") + e.what());
  }
  std::lock_guard lock(mutex_);
  data_ = std::move(d);
  ++revision_;
}

}  // namespace portal
