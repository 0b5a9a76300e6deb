// Where the portal's data lives. The router talks only to this interface; the core has an
// in-memory implementation (memory_store.h, used by tests and the offline demo) and the server a
// SQLite one (src/server/sqlite_store.*).
#pragma once
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/chats.h"
#include "domain/model.h"

namespace portal {

// Thrown by a Store whose database cannot be reached or is saturated right now: the caller may try
// again later (the router answers 503 with Retry-After). A write that throws it was not
// acknowledged (it may or may not have been kept, when the connection broke during its commit).
struct StoreUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RequestQuery {
  std::string company_id;  // customers: their company's requests
  std::string agent_id;    // agents' queue: level == agent_level or assignee == agent_id
  Level agent_level = Level::kL1;
  bool queue_order = false;             // order by next_due (earliest first, none last), else newest first
  std::vector<RequestStatus> statuses;  // empty: any
  std::string text;                     // case-insensitive match in subject or description (folded, see text.h)
  // The agents' queue filters and search (all optional, combined with AND):
  std::string assignee_id;            // only requests assigned to this agent ("mine")
  bool unassigned = false;            // only requests without an assignee
  std::optional<Level> level;         // only this level
  std::optional<Instant> due_before;  // next_due < due_before (breached: now; due soon: now + 4 h)
  std::optional<Instant> due_from;    // next_due >= due_from (due soon but not breached: now)
  std::int64_t number = 0;            // > 0: text also matches the request with this number
  bool text_in_names = false;         // text also matches the customer's and the company's names
  int offset = 0;
  int limit = 50;
};

struct RequestPage {
  std::vector<Request> requests;  // without messages
  std::int64_t total = 0;         // matches before paging
};

// Chats by status and owner; every set field must match. Oldest waiting first (waiting_since, id).
struct ChatQuery {
  std::string status;  // empty: any
  std::string company_id;
  std::string customer_id;
  std::string agent_id;  // the agent in the chat
  int limit = 100;
};

// One transaction's view of the data. Reads see the transaction's own writes.
class StoreTx {
 public:
  virtual ~StoreTx() = default;

  // A named counter, +1 per call, starting at 1 (request numbers). Part of the transaction.
  virtual std::int64_t next_sequence(const std::string& name) = 0;

  virtual std::optional<Company> company(const std::string& id) = 0;
  virtual void put_company(const Company& company) = 0;  // insert or replace
  // Every company's id, ordered by name (bytes) then id: for operator listings.
  virtual std::vector<std::string> company_ids() = 0;

  virtual std::optional<Customer> customer(const std::string& id) = 0;
  virtual std::optional<Customer> customer_by_email(const std::string& email) = 0;
  // False when the email is already used by a customer or an agent.
  virtual bool insert_customer(const Customer& customer) = 0;
  virtual std::vector<Customer> company_customers(const std::string& company_id) = 0;

  virtual std::optional<Agent> agent(const std::string& id) = 0;
  virtual std::optional<Agent> agent_by_email(const std::string& email) = 0;
  virtual bool insert_agent(const Agent& agent) = 0;  // false when the email is taken
  // Name, level and password of an existing agent (by id; the email stays). False: no such agent.
  virtual bool update_agent(const Agent& agent) = 0;
  virtual std::vector<Agent> agents() = 0;
  // How many companies have this agent as manager / dedicated agent (to balance assignments).
  virtual int agent_load(const std::string& agent_id) = 0;

  virtual void put_session(const Session& session) = 0;
  virtual std::optional<Session> session(const std::string& token_hash) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  // Signs a customer or agent out everywhere (e.g. after a password reset); returns how many.
  virtual int delete_sessions_of(const std::string& principal_id) = 0;
  // The sessions of a customer or agent (expired ones included until purged), oldest first.
  virtual std::vector<Session> sessions_of(const std::string& principal_id) = 0;
  // Sets a session's last_used_at (nothing when it is gone).
  virtual void touch_session(const std::string& token_hash, Instant now) = 0;
  // Deletes every session with expires_at <= now; returns how many.
  virtual int purge_expired_sessions(Instant now) = 0;
  // A customer's new password hash (by id). False: no such customer.
  virtual bool set_customer_password(const std::string& customer_id, const std::string& password_hash) = 0;
  // A server-wide secret (e.g. the key that signs device cookies), shared by every server
  // instance on the store: the stored value, after storing `fresh` when there was none.
  virtual std::string keep_secret(const std::string& name, const std::string& fresh) = 0;

  virtual void insert_request(const Request& request) = 0;            // with its messages
  virtual void update_request(const Request& request) = 0;            // fields; messages added since are inserted
  virtual std::optional<Request> request(const std::string& id) = 0;  // with messages
  virtual RequestPage list_requests(const RequestQuery& query) = 0;
  // Every request of a company (or, with an empty id, all), messages omitted: for metrics.
  virtual std::vector<Request> requests_for_metrics(const std::string& company_id) = 0;

  // False when the agent already has an active booking starting at that instant. Enforced by the
  // store itself (a unique constraint), so that of two racing bookings exactly one wins.
  virtual bool insert_booking(const Booking& booking) = 0;
  // Same check for a moved booking (reschedule); cancelling frees the slot.
  virtual bool update_booking(const Booking& booking) = 0;
  virtual std::optional<Booking> booking(const std::string& id) = 0;
  virtual std::vector<Booking> company_bookings(const std::string& company_id) = 0;
  // Active bookings of an agent overlapping [from, to).
  virtual std::vector<Booking> agent_bookings(const std::string& agent_id, Instant from, Instant to) = 0;

  // Chats (with their messages): insert or replace.
  virtual void put_chat(const Chat& chat) = 0;
  virtual std::optional<Chat> chat(const std::string& id) = 0;
  virtual std::vector<Chat> list_chats(const ChatQuery& query) = 0;
  virtual int count_chats(const std::string& status) = 0;
  // Agents who set themselves available for chats (PUT /agents/me/availability).
  virtual void set_agent_available(const std::string& agent_id, bool available) = 0;
  virtual std::vector<std::string> available_agents() = 0;  // sorted ids
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs fn as one transaction: if fn throws, none of its writes are kept (the exception goes on).
  // Returns only once the writes are durable. fn may run on another thread than the caller's.
  virtual void write(const std::function<void(StoreTx&)>& fn) = 0;
  // Runs fn against a consistent view; fn must not write.
  virtual void read(const std::function<void(StoreTx&)>& fn) = 0;
  // A write nobody waits for (bookkeeping such as a session's "last used"): queued, and while one
  // with the same key is still queued the newer fn replaces it (one write per key per batch).
  // Failures are dropped. A store without a writer lane runs it at once (the default).
  virtual void write_soon(const std::string& key, std::function<void(StoreTx&)> fn) {
    (void)key;
    try {
      write(fn);
    } catch (...) {}
  }
};

}  // namespace portal
