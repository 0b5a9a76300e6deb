#include "domain/memory_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "domain/text.h"

namespace portal {

namespace {

// Reads and writes MemoryStore::Data; every mutation first records how to undo it, so that a
// transaction that throws leaves nothing behind (Store::write's promise).
class MemoryTx : public StoreTx {
 public:
  explicit MemoryTx(MemoryStore::Data& d) : d_(d) {}

  void rollback() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) (*it)();
    undo_.clear();
  }
  bool wrote() const { return !undo_.empty(); }

  std::int64_t next_sequence(const std::string& name) override {
    remember(d_.sequences, name);
    return ++d_.sequences[name];
  }

  std::optional<Company> company(const std::string& id) override { return find(d_.companies, id); }
  void put_company(const Company& c) override { put(d_.companies, c.id, c); }
  std::vector<std::string> company_ids() override {
    std::vector<const Company*> all;
    for (const auto& [id, c] : d_.companies) all.push_back(&c);
    std::sort(all.begin(), all.end(), [](const Company* a, const Company* b) {
      return a->name != b->name ? a->name < b->name : a->id < b->id;
    });
    std::vector<std::string> ids;
    for (const Company* c : all) ids.push_back(c->id);
    return ids;
  }

  std::optional<Customer> customer(const std::string& id) override { return find(d_.customers, id); }
  std::optional<Customer> customer_by_email(const std::string& email) override {
    return find_by_email(d_.customers, email);
  }
  bool insert_customer(const Customer& c) override { return insert_person(d_.customers, c); }
  std::vector<Customer> company_customers(const std::string& company_id) override {
    std::vector<Customer> out;
    for (const auto& [id, c] : d_.customers)
      if (c.company_id == company_id) out.push_back(c);
    return out;
  }

  std::optional<Agent> agent(const std::string& id) override { return find(d_.agents, id); }
  std::optional<Agent> agent_by_email(const std::string& email) override { return find_by_email(d_.agents, email); }
  bool insert_agent(const Agent& a) override { return insert_person(d_.agents, a); }
  bool update_agent(const Agent& a) override {
    auto old = find(d_.agents, a.id);
    if (!old) return false;
    Agent updated = a;
    updated.email = old->email;
    put(d_.agents, a.id, updated);
    return true;
  }
  std::vector<Agent> agents() override {
    std::vector<Agent> out;
    for (const auto& [id, a] : d_.agents) out.push_back(a);
    return out;
  }
  int agent_load(const std::string& agent_id) override {
    int n = 0;
    for (const auto& [id, c] : d_.companies)
      if (c.manager_id == agent_id || c.dedicated_agent_id == agent_id) ++n;
    return n;
  }

  void put_session(const Session& s) override { put(d_.sessions, s.token_hash, s); }
  std::optional<Session> session(const std::string& token_hash) override { return find(d_.sessions, token_hash); }
  void delete_session(const std::string& token_hash) override { erase(d_.sessions, token_hash); }
  int delete_sessions_of(const std::string& principal_id) override {
    std::vector<std::string> gone;
    for (const auto& [hash, s] : d_.sessions)
      if (s.principal_id == principal_id) gone.push_back(hash);
    for (const std::string& hash : gone) erase(d_.sessions, hash);
    return static_cast<int>(gone.size());
  }
  std::vector<Session> sessions_of(const std::string& principal_id) override {
    std::vector<Session> out;
    for (const auto& [hash, s] : d_.sessions)
      if (s.principal_id == principal_id) out.push_back(s);
    std::sort(out.begin(), out.end(), [](const Session& a, const Session& b) {
      return a.created_at != b.created_at ? a.created_at < b.created_at : a.token_hash < b.token_hash;
    });
    return out;
  }
  void touch_session(const std::string& token_hash, Instant now) override {
    if (auto s = find(d_.sessions, token_hash)) {
      s->last_used_at = now;
      put(d_.sessions, token_hash, *s);
    }
  }
  int purge_expired_sessions(Instant now) override {
    std::vector<std::string> gone;
    for (const auto& [hash, s] : d_.sessions)
      if (s.expires_at <= now) gone.push_back(hash);
    for (const std::string& hash : gone) erase(d_.sessions, hash);
    return static_cast<int>(gone.size());
  }
  std::string keep_secret(const std::string& name, const std::string& fresh) override {
    if (auto s = find(d_.secrets, name)) return *s;
    put(d_.secrets, name, fresh);
    return fresh;
  }
  bool set_customer_password(const std::string& customer_id, const std::string& password_hash) override {
    auto c = find(d_.customers, customer_id);
    if (!c) return false;
    c->password_hash = password_hash;
    put(d_.customers, customer_id, *c);
    return true;
  }

  void insert_request(const Request& r) override { put(d_.requests, r.id, r); }
  void update_request(const Request& r) override { put(d_.requests, r.id, r); }
  std::optional<Request> request(const std::string& id) override { return find(d_.requests, id); }

  RequestPage list_requests(const RequestQuery& q) override {
    std::vector<const Request*> hits;
    for (const auto& [id, r] : d_.requests) {
      if (!q.company_id.empty() && r.company_id != q.company_id) continue;
      if (!q.agent_id.empty() && r.level != q.agent_level && r.assignee_id != q.agent_id) continue;
      if (!q.statuses.empty() && std::find(q.statuses.begin(), q.statuses.end(), r.status) == q.statuses.end())
        continue;
      if (!q.assignee_id.empty() && r.assignee_id != q.assignee_id) continue;
      if (q.unassigned && !r.assignee_id.empty()) continue;
      if (q.level && r.level != *q.level) continue;
      if (q.due_before || q.due_from) {
        const auto due = r.next_due();
        if (!due || (q.due_before && *due >= *q.due_before) || (q.due_from && *due < *q.due_from)) continue;
      }
      if (!q.text.empty() && !(q.number > 0 && r.number == q.number)) {
        std::string text = r.subject + " " + r.description;
        if (q.text_in_names) {
          if (auto c = find(d_.customers, r.customer_id)) text += " " + c->name;
          if (auto c = find(d_.companies, r.company_id)) text += " " + c->name;
        }
        if (!text_matches(text, q.text)) continue;
      }
      hits.push_back(&r);
    }
    if (q.queue_order) {
      std::sort(hits.begin(), hits.end(), [](const Request* a, const Request* b) {
        auto da = a->next_due(), db = b->next_due();
        if (da.has_value() != db.has_value()) return da.has_value();
        if (da && *da != *db) return *da < *db;
        return a->number < b->number;
      });
    } else {
      std::sort(hits.begin(), hits.end(), [](const Request* a, const Request* b) {
        if (a->created_at != b->created_at) return a->created_at > b->created_at;
        return a->number > b->number;
      });
    }
    RequestPage page;
    page.total = static_cast<std::int64_t>(hits.size());
    const std::size_t from = std::min<std::size_t>(std::max(q.offset, 0), hits.size());
    const std::size_t to = std::min<std::size_t>(from + std::max(q.limit, 0), hits.size());
    for (std::size_t i = from; i < to; ++i) {
      page.requests.push_back(*hits[i]);
      page.requests.back().messages.clear();
    }
    return page;
  }
  std::vector<Request> requests_for_metrics(const std::string& company_id) override {
    std::vector<Request> out;
    for (const auto& [id, r] : d_.requests) {
      if (!company_id.empty() && r.company_id != company_id) continue;
      out.push_back(r);
      out.back().messages.clear();
    }
    return out;
  }

  bool insert_booking(const Booking& b) override {
    if (slot_taken(b)) return false;
    put(d_.bookings, b.id, b);
    return true;
  }
  bool update_booking(const Booking& b) override {
    if (b.status == "booked" && slot_taken(b)) return false;
    put(d_.bookings, b.id, b);
    return true;
  }
  std::optional<Booking> booking(const std::string& id) override { return find(d_.bookings, id); }
  std::vector<Booking> company_bookings(const std::string& company_id) override {
    std::vector<Booking> out;
    for (const auto& [id, b] : d_.bookings)
      if (b.company_id == company_id) out.push_back(b);
    std::sort(out.begin(), out.end(), [](const Booking& a, const Booking& b) { return a.start < b.start; });
    return out;
  }
  std::vector<Booking> agent_bookings(const std::string& agent_id, Instant from, Instant to) override {
    std::vector<Booking> out;
    for (const auto& [id, b] : d_.bookings)
      if (b.agent_id == agent_id && b.status == "booked" && b.start < to && b.end > from) out.push_back(b);
    return out;
  }

  void put_chat(const Chat& c) override { put(d_.chats, c.id, c); }
  std::optional<Chat> chat(const std::string& id) override { return find(d_.chats, id); }
  std::vector<Chat> list_chats(const ChatQuery& q) override {
    std::vector<Chat> out;
    for (const auto& [id, c] : d_.chats) {
      if ((!q.status.empty() && c.status != q.status) || (!q.company_id.empty() && c.company_id != q.company_id) ||
          (!q.customer_id.empty() && c.customer_id != q.customer_id) ||
          (!q.agent_id.empty() && c.agent_id != q.agent_id))
        continue;
      out.push_back(c);
    }
    std::sort(out.begin(), out.end(), [](const Chat& a, const Chat& b) {
      return a.waiting_since != b.waiting_since ? a.waiting_since < b.waiting_since : a.id < b.id;
    });
    if (static_cast<int>(out.size()) > std::max(q.limit, 0)) out.resize(static_cast<std::size_t>(std::max(q.limit, 0)));
    return out;
  }
  int count_chats(const std::string& status) override {
    int n = 0;
    for (const auto& [id, c] : d_.chats) n += c.status == status;
    return n;
  }
  void set_agent_available(const std::string& agent_id, bool available) override {
    if (available) put(d_.available_agents, agent_id, true);
    else if (d_.available_agents.count(agent_id)) erase(d_.available_agents, agent_id);
  }
  std::vector<std::string> available_agents() override {
    std::vector<std::string> out;
    for (const auto& [id, on] : d_.available_agents) out.push_back(id);
    return out;
  }

 private:
  bool email_taken(const std::string& email) {
    return customer_by_email(email).has_value() || agent_by_email(email).has_value();
  }
  // Customers and agents: by email (stored lower-case), and a new one unless its id or email is taken.
  template <class Map>
  static std::optional<typename Map::mapped_type> find_by_email(const Map& m, const std::string& email) {
    const std::string e = ascii_lower(email);
    for (const auto& [id, person] : m)
      if (person.email == e) return person;
    return std::nullopt;
  }
  template <class Map>
  bool insert_person(Map& m, const typename Map::mapped_type& person) {
    if (m.count(person.id) || email_taken(person.email)) return false;
    put(m, person.id, person);
    return true;
  }
  // The same agent and start among other active bookings (the slot's unique key).
  bool slot_taken(const Booking& b) {
    for (const auto& [id, other] : d_.bookings)
      if (id != b.id && other.status == "booked" && other.agent_id == b.agent_id && other.start == b.start) return true;
    return false;
  }

  template <class Map>
  static std::optional<typename Map::mapped_type> find(const Map& m, const std::string& key) {
    auto it = m.find(key);
    if (it == m.end()) return std::nullopt;
    return it->second;
  }
  template <class Map>
  void remember(Map& m, const std::string& key) {
    auto it = m.find(key);
    if (it == m.end()) undo_.push_back([&m, key] { m.erase(key); });
    else undo_.push_back([&m, key, old = it->second] { m[key] = old; });
  }
  template <class Map, class V>
  void put(Map& m, const std::string& key, const V& value) {
    remember(m, key);
    m[key] = value;
  }
  template <class Map>
  void erase(Map& m, const std::string& key) {
    remember(m, key);
    m.erase(key);
  }

  MemoryStore::Data& d_;
  std::vector<std::function<void()>> undo_;
};

}  // namespace

void MemoryStore::write(const std::function<void(StoreTx&)>& fn) {
  std::lock_guard lock(mutex_);
  MemoryTx tx(data_);
  try {
    fn(tx);
  } catch (...) {
    tx.rollback();
    throw;
  }
  if (tx.wrote()) ++revision_;
}

void MemoryStore::read(const std::function<void(StoreTx&)>& fn) {
  std::lock_guard lock(mutex_);
  MemoryTx tx(data_);
  fn(tx);
}

std::uint64_t MemoryStore::revision() const {
  std::lock_guard lock(mutex_);
  return revision_;
}

}  // namespace portal
