// The StoreTx of PgStore: every query of the Store interface on one connection inside one
// transaction (opened and finished by PgStore).
//
// Writes from several instances run at the same time (READ COMMITTED), so read-modify-write is
// made safe by the database itself:
//  - in a write transaction, reading one company, customer, agent, request or booking by id locks
//    its row (SELECT ... FOR UPDATE) until the commit: a second writer of the same row waits and
//    then reads the committed result, as with SQLite's single writer;
//  - insert_customer / insert_agent take a transaction advisory lock on the email before checking
//    that neither table has it (unique across both tables);
//  - bookings are decided by the unique index and the exclusion constraint (schema.cpp);
//  - next_sequence is an UPSERT ... RETURNING on the counter's row (locked until the commit).
// A refused insert (duplicate, slot taken) runs under a SAVEPOINT, so the transaction goes on.
#pragma once
#include "domain/store.h"
#include "pg_conn.h"

namespace portal::pg {

class PgTx : public StoreTx {
 public:
  PgTx(Conn& conn, bool writing) : conn_(conn), writing_(writing) {}

  std::int64_t next_sequence(const std::string& name) override;
  std::optional<Company> company(const std::string& id) override;
  void put_company(const Company& company) override;
  std::vector<std::string> company_ids() override;
  std::optional<Customer> customer(const std::string& id) override;
  std::optional<Customer> customer_by_email(const std::string& email) override;
  bool insert_customer(const Customer& customer) override;
  std::vector<Customer> company_customers(const std::string& company_id) override;
  std::optional<Agent> agent(const std::string& id) override;
  std::optional<Agent> agent_by_email(const std::string& email) override;
  bool insert_agent(const Agent& agent) override;
  bool update_agent(const Agent& agent) override;
  std::vector<Agent> agents() override;
  int agent_load(const std::string& agent_id) override;
  void put_session(const Session& session) override;
  std::optional<Session> session(const std::string& token_hash) override;
  void delete_session(const std::string& token_hash) override;
  int delete_sessions_of(const std::string& principal_id) override;
  std::vector<Session> sessions_of(const std::string& principal_id) override;
  void touch_session(const std::string& token_hash, Instant now) override;
  int purge_expired_sessions(Instant now) override;
  bool set_customer_password(const std::string& customer_id, const std::string& password_hash) override;
  std::string keep_secret(const std::string& name, const std::string& fresh) override;
  void insert_request(const Request& request) override;
  void update_request(const Request& request) override;
  std::optional<Request> request(const std::string& id) override;
  RequestPage list_requests(const RequestQuery& query) override;
  std::vector<Request> requests_for_metrics(const std::string& company_id) override;
  bool insert_booking(const Booking& booking) override;
  bool update_booking(const Booking& booking) override;
  std::optional<Booking> booking(const std::string& id) override;
  std::vector<Booking> company_bookings(const std::string& company_id) override;
  std::vector<Booking> agent_bookings(const std::string& agent_id, Instant from, Instant to) override;
  void put_chat(const Chat& chat) override;
  std::optional<Chat> chat(const std::string& id) override;  // locks the row in a write
  std::vector<Chat> list_chats(const ChatQuery& query) override;
  int count_chats(const std::string& status) override;
  void set_agent_available(const std::string& agent_id, bool available) override;
  std::vector<std::string> available_agents() override;

 private:
  // " FOR UPDATE" in a write transaction, "" in a read.
  const char* lock() const { return writing_ ? " FOR UPDATE" : ""; }
  // Runs fn under a savepoint; false (and the savepoint undone) when it fails with one of the
  // given SQLSTATEs, which the transaction survives. Other errors go on.
  template <class Fn>
  bool unless(std::initializer_list<const char*> states, Fn fn);
  void lock_email(const std::string& email);
  bool email_taken(const std::string& email);
  void insert_messages(const Request& r, std::size_t from);

  Conn& conn_;
  bool writing_;
};

}  // namespace portal::pg
