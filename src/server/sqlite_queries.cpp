// SQLite queries (see sqlite_queries.h for the design note).
#include "sqlite_queries.h"

#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>

#include "domain/errors.h"
#include "domain/text.h"
#include "request_columns.h"
#include "sqlite_rows.h"

namespace portal::sqlite {

namespace {

// ---- The StoreTx on one connection (the writer's, or a reader's) ----

class SqliteTx : public StoreTx {
 public:
  explicit SqliteTx(Db& db) : db_(db) {}

  std::int64_t next_sequence(const std::string& name) override {
    auto q = db_.query(
        "INSERT INTO sequences (name, value) VALUES (?1, 1) "
        "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value");
    q->bind(1, name);
    if (!q->step()) throw std::runtime_error("sqlite: next_sequence returned no row");
    const std::int64_t value = q->int64(0);
    q->run();
    return value;
  }

  std::optional<Company> company(const std::string& id) override {
    Company c;
    {
      static const std::string sql = std::string("SELECT ") + kCompanyColumns + " FROM companies WHERE id = ?1";
      auto q = db_.query(sql);
      q->bind(1, id);
      if (!q->step()) return std::nullopt;
      c = read_company(*q);
    }
    auto q = db_.query("SELECT kind, offer_id FROM company_offers WHERE company_id = ?1 ORDER BY kind, pos");
    q->bind(1, id);
    while (q->step()) {
      const std::string kind = q->text(0);
      (kind == "addon" ? c.addons : c.packages).push_back(q->text(1));
    }
    return c;
  }

  void put_company(const Company& c) override {
    {
      static const std::string sql = std::string("INSERT INTO companies (") + kCompanyColumns + ") VALUES (" +
                                     placeholders(11) + ") " + kCompanyUpsertSet;
      auto q = db_.query(sql);
      bind_company(*q, c);
      q->run();
    }
    {
      auto q = db_.query("DELETE FROM company_offers WHERE company_id = ?1");
      q->bind(1, c.id);
      q->run();
    }
    auto insert = [&](const char* kind, const std::vector<std::string>& ids) {
      for (std::size_t i = 0; i < ids.size(); ++i) {
        auto q = db_.query("INSERT INTO company_offers (company_id, kind, pos, offer_id) VALUES (?1, ?2, ?3, ?4)");
        q->bind(1, c.id).bind(2, kind).bind(3, static_cast<std::int64_t>(i)).bind(4, ids[i]);
        q->run();
      }
    };
    insert("package", c.packages);
    insert("addon", c.addons);
  }

  std::optional<Customer> customer(const std::string& id) override {
    static const std::string sql = std::string("SELECT ") + kCustomerColumns + " FROM customers WHERE id = ?1";
    auto q = db_.query(sql);
    q->bind(1, id);
    return first_row(*q, read_customer);
  }

  std::optional<Customer> customer_by_email(const std::string& email) override {
    static const std::string sql = std::string("SELECT ") + kCustomerColumns + " FROM customers WHERE email = ?1";
    auto q = db_.query(sql);
    q->bind(1, ascii_lower(email));
    return first_row(*q, read_customer);
  }

  bool insert_customer(const Customer& c) override {
    if (exists("SELECT 1 FROM customers WHERE id = ?1", c.id) || email_taken(c.email)) return false;
    static const std::string sql =
        std::string("INSERT INTO customers (") + kCustomerColumns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    auto q = db_.query(sql);
    bind_customer(*q, c);
    return run_unless_duplicate(*q);
  }

  std::vector<Customer> company_customers(const std::string& company_id) override {
    static const std::string sql =
        std::string("SELECT ") + kCustomerColumns + " FROM customers WHERE company_id = ?1 ORDER BY id";
    auto q = db_.query(sql);
    q->bind(1, company_id);
    return all_rows(*q, read_customer);
  }

  std::optional<Agent> agent(const std::string& id) override {
    static const std::string sql = std::string("SELECT ") + kAgentColumns + " FROM agents WHERE id = ?1";
    auto q = db_.query(sql);
    q->bind(1, id);
    return first_row(*q, read_agent);
  }

  std::optional<Agent> agent_by_email(const std::string& email) override {
    static const std::string sql = std::string("SELECT ") + kAgentColumns + " FROM agents WHERE email = ?1";
    auto q = db_.query(sql);
    q->bind(1, ascii_lower(email));
    return first_row(*q, read_agent);
  }

  bool insert_agent(const Agent& a) override {
    if (exists("SELECT 1 FROM agents WHERE id = ?1", a.id) || email_taken(a.email)) return false;
    static const std::string sql =
        std::string("INSERT INTO agents (") + kAgentColumns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    auto q = db_.query(sql);
    bind_agent(*q, a);
    return run_unless_duplicate(*q);
  }

  bool update_agent(const Agent& a) override {
    auto q = db_.query("UPDATE agents SET name = ?2, level = ?3, password_hash = ?4 WHERE id = ?1");
    q->bind(1, a.id).bind(2, a.name).bind(3, std::string(to_string(a.level))).bind(4, a.password_hash);
    q->run();
    return db_.changes() > 0;
  }

  std::vector<std::string> company_ids() override {
    auto q = db_.query("SELECT id FROM companies ORDER BY name, id");
    std::vector<std::string> out;
    while (q->step()) out.push_back(q->text(0));
    return out;
  }

  std::vector<Agent> agents() override {
    static const std::string sql = std::string("SELECT ") + kAgentColumns + " FROM agents ORDER BY id";
    auto q = db_.query(sql);
    return all_rows(*q, read_agent);
  }

  int agent_load(const std::string& agent_id) override {
    auto q = db_.query("SELECT count(*) FROM companies WHERE manager_id = ?1 OR dedicated_agent_id = ?1");
    q->bind(1, agent_id);
    q->step();
    return q->int32(0);
  }

  void put_session(const Session& s) override {
    static const std::string sql = std::string("INSERT INTO sessions (") + kSessionColumns + ") VALUES (" +
                                   placeholders(7) + ") " + kSessionUpsertSet;
    auto q = db_.query(sql);
    bind_session(*q, s);
    q->run();
  }

  std::optional<Session> session(const std::string& token_hash) override {
    static const std::string sql = std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE token_hash = ?1";
    auto q = db_.query(sql);
    q->bind(1, token_hash);
    return first_row(*q, read_session);
  }

  std::vector<Session> sessions_of(const std::string& principal_id) override {
    static const std::string sql = std::string("SELECT ") + kSessionColumns +
                                   " FROM sessions WHERE principal_id = ?1 ORDER BY created_at, token_hash";
    auto q = db_.query(sql);
    q->bind(1, principal_id);
    return all_rows(*q, read_session);
  }

  void touch_session(const std::string& token_hash, Instant now) override {
    auto q = db_.query("UPDATE sessions SET last_used_at = ?2 WHERE token_hash = ?1");
    q->bind(1, token_hash).bind(2, now);
    q->run();
  }

  int purge_expired_sessions(Instant now) override {
    auto q = db_.query("DELETE FROM sessions WHERE expires_at <= ?1");
    q->bind(1, now);
    q->run();
    return db_.changes();
  }

  std::string keep_secret(const std::string& name, const std::string& fresh) override {
    {
      auto q = db_.query("INSERT INTO secrets (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING");
      q->bind(1, name).bind(2, fresh);
      q->run();
    }
    auto q = db_.query("SELECT value FROM secrets WHERE name = ?1");
    q->bind(1, name);
    q->step();
    return q->text(0);
  }

  bool set_customer_password(const std::string& customer_id, const std::string& password_hash) override {
    auto q = db_.query("UPDATE customers SET password_hash = ?2 WHERE id = ?1");
    q->bind(1, customer_id).bind(2, password_hash);
    q->run();
    return db_.changes() > 0;
  }

  void delete_session(const std::string& token_hash) override {
    auto q = db_.query("DELETE FROM sessions WHERE token_hash = ?1");
    q->bind(1, token_hash);
    q->run();
  }

  int delete_sessions_of(const std::string& principal_id) override {
    auto q = db_.query("DELETE FROM sessions WHERE principal_id = ?1");
    q->bind(1, principal_id);
    q->run();
    return db_.changes();
  }

  void insert_request(const Request& r) override {
    {
      auto q = db_.query(request_insert_sql());
      bind_request(*q, r);
      q->run();
    }
    insert_messages(r, 0);
  }

  void update_request(const Request& r) override {
    {
      auto q = db_.query(request_upsert_sql());
      bind_request(*q, r);
      q->run();
    }
    std::int64_t stored = 0;
    {
      auto q = db_.query("SELECT count(*) FROM messages WHERE request_id = ?1");
      q->bind(1, r.id);
      q->step();
      stored = q->int64(0);
    }
    // Messages are append-only: those past the stored ones are new. (A request read without its
    // messages, e.g. from list_requests, never deletes any.)
    insert_messages(r, static_cast<std::size_t>(stored));
  }

  std::optional<Request> request(const std::string& id) override {
    Request r;
    {
      static const std::string sql = request_select_sql() + " WHERE id = ?1";
      auto q = db_.query(sql);
      q->bind(1, id);
      if (!q->step()) return std::nullopt;
      r = read_request(*q);
    }
    static const std::string sql =
        std::string("SELECT ") + kMessageColumns + " FROM messages WHERE request_id = ?1 ORDER BY seq";
    auto q = db_.query(sql);
    q->bind(1, id);
    while (q->step()) r.messages.push_back(read_message(*q));
    return r;
  }

  RequestPage list_requests(const RequestQuery& query) override {
    // The SQL depends only on the query's shape (which filters, how many statuses): every value is
    // bound. Shapes are few, so their statements are cached like the others.
    std::string where = " WHERE 1 = 1";
    std::vector<const std::string*> params;
    const std::string agent_level = to_string(query.agent_level);
    const std::string level = query.level ? to_string(*query.level) : "";
    if (!query.company_id.empty()) {
      where += " AND company_id = ?";
      params.push_back(&query.company_id);
    }
    if (!query.agent_id.empty()) {
      where += " AND (level = ? OR assignee_id = ?)";
      params.push_back(&agent_level);
      params.push_back(&query.agent_id);
    }
    const std::vector<std::string> statuses = status_filter(query.statuses);
    if (!statuses.empty()) {
      where += " AND status IN (";
      for (std::size_t i = 0; i < statuses.size(); ++i) {
        where += i ? ", ?" : "?";
        params.push_back(&statuses[i]);
      }
      where += ")";
    }
    if (!query.assignee_id.empty()) {
      where += " AND assignee_id = ?";
      params.push_back(&query.assignee_id);
    }
    if (query.unassigned) where += " AND assignee_id = ''";
    if (query.level) {
      where += " AND level = ?";
      params.push_back(&level);
    }
    // Values bound as text: SQLite compares them to the INTEGER columns as numbers.
    const std::string due_before = query.due_before ? std::to_string(*query.due_before) : "";
    const std::string due_from = query.due_from ? std::to_string(*query.due_from) : "";
    const std::string number = std::to_string(query.number);
    if (query.due_before) {
      where += " AND next_due < ?";
      params.push_back(&due_before);
    }
    if (query.due_from) {
      where += " AND next_due >= ?";
      params.push_back(&due_from);
    }
    if (!query.text.empty()) {
      where += " AND (";
      if (query.number > 0) {
        where += "number = ? OR ";
        params.push_back(&number);
      }
      if (query.text_in_names) {
        // The customer's and the company's names too (agents search by who asked).
        where +=
            "portal_text_matches(subject, description || ' ' || "
            "coalesce((SELECT name FROM customers WHERE customers.id = requests.customer_id), '') || ' ' || "
            "coalesce((SELECT name FROM companies WHERE companies.id = requests.company_id), ''), ?))";
      } else {
        where += "portal_text_matches(subject, description, ?))";
      }
      params.push_back(&query.text);
    }
    // Odd queries with many distinct statuses are prepared for one use, not cached.
    const bool cache = statuses.size() <= 8;
    auto prepare = [&](const std::string& sql) { return cache ? db_.query(sql) : db_.query_uncached(sql); };
    auto bind_params = [&](Stmt& s) {
      int i = 0;
      for (const std::string* p : params) s.bind(++i, *p);
      return i;
    };

    RequestPage page;
    {
      auto q = prepare("SELECT count(*) FROM requests" + where);
      bind_params(*q);
      q->step();
      page.total = q->int64(0);
    }
    const std::string order =
        query.queue_order ? " ORDER BY next_due IS NULL, next_due, number" : " ORDER BY created_at DESC, number DESC";
    auto q = prepare(request_select_sql() + where + order + " LIMIT ? OFFSET ?");
    const int n = bind_params(*q);
    q->bind(n + 1, std::max(query.limit, 0));
    q->bind(n + 2, std::max(query.offset, 0));
    while (q->step()) page.requests.push_back(read_request(*q));
    return page;
  }

  std::vector<Request> requests_for_metrics(const std::string& company_id) override {
    static const std::string all_sql = request_select_sql() + " ORDER BY created_at, number";
    static const std::string company_sql = request_select_sql() + " WHERE company_id = ?1 ORDER BY created_at, number";
    auto q = db_.query(company_id.empty() ? all_sql : company_sql);
    if (!company_id.empty()) q->bind(1, company_id);
    return all_rows(*q, read_request);
  }

  bool insert_booking(const Booking& b) override {
    static const std::string sql = std::string("INSERT INTO bookings (") + kBookingColumns +
                                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
    auto q = db_.query(sql);
    bind_booking(*q, b);
    return run_unless_slot_taken(*q);
  }

  bool update_booking(const Booking& b) override {
    static const std::string sql =
        std::string("INSERT INTO bookings (") + kBookingColumns +
        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
        "ON CONFLICT (id) DO UPDATE SET company_id = excluded.company_id, customer_id = excluded.customer_id, "
        "agent_id = excluded.agent_id, start_at = excluded.start_at, end_at = excluded.end_at, "
        "topic = excluded.topic, note = excluded.note, status = excluded.status, sequence = excluded.sequence, "
        "created_at = excluded.created_at, updated_at = excluded.updated_at";
    auto q = db_.query(sql);
    bind_booking(*q, b);
    return run_unless_slot_taken(*q);
  }

  std::optional<Booking> booking(const std::string& id) override {
    static const std::string sql = std::string("SELECT ") + kBookingColumns + " FROM bookings WHERE id = ?1";
    auto q = db_.query(sql);
    q->bind(1, id);
    return first_row(*q, read_booking);
  }

  std::vector<Booking> company_bookings(const std::string& company_id) override {
    static const std::string sql =
        std::string("SELECT ") + kBookingColumns + " FROM bookings WHERE company_id = ?1 ORDER BY start_at, id";
    auto q = db_.query(sql);
    q->bind(1, company_id);
    return all_rows(*q, read_booking);
  }

  std::vector<Booking> agent_bookings(const std::string& agent_id, Instant from, Instant to) override {
    // start_at < to bounds the index range; end_at > from is checked per row.
    static const std::string sql = std::string("SELECT ") + kBookingColumns +
                                   " FROM bookings WHERE agent_id = ?1 AND status = 'booked' "
                                   "AND start_at < ?3 AND end_at > ?2 ORDER BY start_at, id";
    auto q = db_.query(sql);
    q->bind(1, agent_id).bind(2, from).bind(3, to);
    return all_rows(*q, read_booking);
  }

  void put_chat(const Chat& c) override {
    auto q = db_.query(
        "INSERT INTO chats (id, company_id, customer_id, agent_id, status, waiting_since, doc) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO UPDATE SET company_id = excluded.company_id, "
        "customer_id = excluded.customer_id, agent_id = excluded.agent_id, status = excluded.status, "
        "waiting_since = excluded.waiting_since, doc = excluded.doc");
    q->bind(1, c.id).bind(2, c.company_id).bind(3, c.customer_id).bind(4, c.agent_id).bind(5, c.status);
    q->bind(6, c.waiting_since).bind(7, chat_to_store_json(c));
    q->run();
  }

  std::optional<Chat> chat(const std::string& id) override {
    auto q = db_.query("SELECT doc FROM chats WHERE id = ?1");
    q->bind(1, id);
    if (!q->step()) return std::nullopt;
    return chat_from_store_json(q->text(0));
  }

  std::vector<Chat> list_chats(const ChatQuery& query) override {
    // Empty filters match everything ("?1 = ''"): one statement, cached.
    auto q = db_.query(
        "SELECT doc FROM chats WHERE (?1 = '' OR status = ?1) AND (?2 = '' OR company_id = ?2) "
        "AND (?3 = '' OR customer_id = ?3) AND (?4 = '' OR agent_id = ?4) ORDER BY waiting_since, id LIMIT ?5");
    q->bind(1, query.status).bind(2, query.company_id).bind(3, query.customer_id).bind(4, query.agent_id);
    q->bind(5, std::max(query.limit, 0));
    std::vector<Chat> out;
    while (q->step()) out.push_back(chat_from_store_json(q->text(0)));
    return out;
  }

  int count_chats(const std::string& status) override {
    auto q = db_.query("SELECT count(*) FROM chats WHERE status = ?1");
    q->bind(1, status);
    q->step();
    return q->int32(0);
  }

  void set_agent_available(const std::string& agent_id, bool available) override {
    auto q = db_.query(available ? "INSERT INTO agent_availability (agent_id) VALUES (?1) ON CONFLICT DO NOTHING"
                                 : "DELETE FROM agent_availability WHERE agent_id = ?1");
    q->bind(1, agent_id);
    q->run();
  }

  std::vector<std::string> available_agents() override {
    auto q = db_.query("SELECT agent_id FROM agent_availability ORDER BY agent_id");
    std::vector<std::string> out;
    while (q->step()) out.push_back(q->text(0));
    return out;
  }

 private:
  bool exists(const char* sql, const std::string& value) {
    auto q = db_.query(sql);
    q->bind(1, value);
    return q->step();
  }

  bool email_taken(const std::string& email) {
    auto q =
        db_.query("SELECT 1 FROM customers WHERE email = ?1 UNION ALL SELECT 1 FROM agents WHERE email = ?1 LIMIT 1");
    q->bind(1, ascii_lower(email));
    return q->step();
  }

  // Runs an INSERT; false on a UNIQUE violation (the statement's changes are undone by SQLite,
  // the transaction goes on).
  static bool run_unless_duplicate(Stmt& s) {
    try {
      s.run();
      return true;
    } catch (const SqliteError& e) {
      if (e.primary_code() == SQLITE_CONSTRAINT) return false;
      throw;
    }
  }

  // False only when the partial unique index on active slots refuses the row; a duplicate id is a
  // caller's bug and throws.
  static bool run_unless_slot_taken(Stmt& s) {
    try {
      s.run();
      return true;
    } catch (const SqliteError& e) {
      if (is_constraint(e, SQLITE_CONSTRAINT_UNIQUE)) return false;
      throw;
    }
  }

  void insert_messages(const Request& r, std::size_t from) {
    for (std::size_t i = from; i < r.messages.size(); ++i) {
      const Message& m = r.messages[i];
      auto q = db_.query(
          "INSERT INTO messages (request_id, seq, id, author_kind, author_id, author_name, body, created_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      q->bind(1, r.id).bind(2, static_cast<std::int64_t>(i)).bind(3, m.id).bind(4, m.author_kind);
      q->bind(5, m.author_id).bind(6, m.author_name).bind(7, m.body).bind(8, m.created_at);
      q->run();
    }
  }

  Db& db_;
};

// ---- portal_text_matches(subject, description, query) ----

std::string_view value_bytes(sqlite3_value* v) {
  const void* data = sqlite3_value_blob(v);  // the stored bytes, unconverted
  const int size = sqlite3_value_bytes(v);
  if (!data || size <= 0) return {};
  return std::string_view(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

void sql_text_matches(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  try {
    if (argc != 3) {
      sqlite3_result_error(ctx, "portal_text_matches takes 3 arguments", -1);
      return;
    }
    const std::string_view subject = value_bytes(argv[0]);
    const std::string_view description = value_bytes(argv[1]);
    const std::string_view query = value_bytes(argv[2]);
    std::string text;
    text.reserve(subject.size() + 1 + description.size());
    text.append(subject).append(" ").append(description);
    sqlite3_result_int(ctx, text_matches(text, query) ? 1 : 0);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
  } catch (...) {
    sqlite3_result_error(ctx, "portal_text_matches failed", -1);
  }
}

}  // namespace

std::unique_ptr<StoreTx> make_tx(Db& db) { return std::make_unique<SqliteTx>(db); }

void add_functions(Db& db) {
  const int rc = sqlite3_create_function_v2(db.handle(), "portal_text_matches", 3,
                                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                            &sql_text_matches, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw_error(db.handle(), rc, "create_function portal_text_matches");
}

}  // namespace portal::sqlite
