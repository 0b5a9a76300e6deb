#include "pg_store_tx.h"

#include <algorithm>

#include "domain/text.h"
#include "pg_chats.h"
#include "pg_rows.h"
#include "request_columns.h"

namespace portal::pg {

namespace {

constexpr const char* kUniqueViolation = "23505";
constexpr const char* kExclusionViolation = "23P01";

const std::string& request_select_sql() {
  static const std::string s = "SELECT " + request_columns() + " FROM requests";
  return s;
}

std::string select_from(const char* columns, const char* table, const char* where) {
  return std::string("SELECT ") + columns + " FROM " + table + " " + where;
}

}  // namespace

template <class Fn>
bool PgTx::unless(std::initializer_list<const char*> states, Fn fn) {
  conn_.exec("SAVEPOINT refusable");
  try {
    fn();
  } catch (const PgError& e) {
    if (e.connection_lost() ||
        std::none_of(states.begin(), states.end(), [&](const char* s) { return e.sqlstate() == s; }))
      throw;
    conn_.exec("ROLLBACK TO SAVEPOINT refusable");
    conn_.exec("RELEASE SAVEPOINT refusable");
    return false;
  }
  conn_.exec("RELEASE SAVEPOINT refusable");
  return true;
}

std::int64_t PgTx::next_sequence(const std::string& name) {
  auto r = conn_.query(
      "INSERT INTO sequences (name, value) VALUES ($1, 1) "
      "ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value",
      Params().bytes(name));
  return r.int64(0, 0);
}

std::optional<Company> PgTx::company(const std::string& id) {
  const std::string sql = select_from(kCompanyColumns, "companies", "WHERE id = $1") + lock();
  auto r = conn_.query(sql, Params().bytes(id));
  if (r.rows() == 0) return std::nullopt;
  Company c = read_company(r, 0);
  auto offers = conn_.query("SELECT kind, offer_id FROM company_offers WHERE company_id = $1 ORDER BY kind, pos",
                            Params().bytes(id));
  for (int i = 0; i < offers.rows(); ++i)
    (offers.bytes(i, 0) == "addon" ? c.addons : c.packages).push_back(offers.bytes(i, 1));
  return c;
}

void PgTx::put_company(const Company& c) {
  static const std::string sql = std::string("INSERT INTO companies (") + kCompanyColumns + ") VALUES (" +
                                 placeholders(1, 11) + ") " + kCompanyUpsertSet;
  Params p;
  add_company(p, c);
  conn_.query(sql, p);
  conn_.query("DELETE FROM company_offers WHERE company_id = $1", Params().bytes(c.id));
  auto insert = [&](const char* kind, const std::vector<std::string>& ids) {
    for (std::size_t i = 0; i < ids.size(); ++i)
      conn_.query("INSERT INTO company_offers (company_id, kind, pos, offer_id) VALUES ($1, $2, $3, $4)",
                  Params().bytes(c.id).bytes(kind).int64(static_cast<std::int64_t>(i)).bytes(ids[i]));
  };
  insert("package", c.packages);
  insert("addon", c.addons);
}

std::optional<Customer> PgTx::customer(const std::string& id) {
  const std::string sql = select_from(kCustomerColumns, "customers", "WHERE id = $1") + lock();
  auto r = conn_.query(sql, Params().bytes(id));
  return first_row(r, read_customer);
}

std::optional<Customer> PgTx::customer_by_email(const std::string& email) {
  static const std::string sql = select_from(kCustomerColumns, "customers", "WHERE email = $1");
  auto r = conn_.query(sql, Params().bytes(ascii_lower(email)));
  return first_row(r, read_customer);
}

void PgTx::lock_email(const std::string& email) {
  conn_.query("SELECT pg_advisory_xact_lock(('x' || substr(md5($1), 1, 16))::bit(64)::bigint)",
              Params().bytes(ascii_lower(email)));
}

bool PgTx::email_taken(const std::string& email) {
  auto r =
      conn_.query("SELECT 1 FROM customers WHERE email = $1 UNION ALL SELECT 1 FROM agents WHERE email = $1 LIMIT 1",
                  Params().bytes(ascii_lower(email)));
  return r.rows() > 0;
}

bool PgTx::insert_customer(const Customer& c) {
  lock_email(c.email);
  if (conn_.query("SELECT 1 FROM customers WHERE id = $1", Params().bytes(c.id)).rows() > 0 || email_taken(c.email))
    return false;
  static const std::string sql =
      std::string("INSERT INTO customers (") + kCustomerColumns + ") VALUES (" + placeholders(1, 6) + ")";
  Params p;
  add_customer(p, c);
  return unless({kUniqueViolation}, [&] { conn_.query(sql, p); });
}

std::vector<Customer> PgTx::company_customers(const std::string& company_id) {
  static const std::string sql = select_from(kCustomerColumns, "customers", "WHERE company_id = $1 ORDER BY id");
  auto r = conn_.query(sql, Params().bytes(company_id));
  return all_rows(r, read_customer);
}

std::optional<Agent> PgTx::agent(const std::string& id) {
  const std::string sql = select_from(kAgentColumns, "agents", "WHERE id = $1") + lock();
  auto r = conn_.query(sql, Params().bytes(id));
  return first_row(r, read_agent);
}

std::optional<Agent> PgTx::agent_by_email(const std::string& email) {
  static const std::string sql = select_from(kAgentColumns, "agents", "WHERE email = $1");
  auto r = conn_.query(sql, Params().bytes(ascii_lower(email)));
  return first_row(r, read_agent);
}

bool PgTx::insert_agent(const Agent& a) {
  lock_email(a.email);
  if (conn_.query("SELECT 1 FROM agents WHERE id = $1", Params().bytes(a.id)).rows() > 0 || email_taken(a.email))
    return false;
  static const std::string sql =
      std::string("INSERT INTO agents (") + kAgentColumns + ") VALUES (" + placeholders(1, 6) + ")";
  Params p;
  add_agent(p, a);
  return unless({kUniqueViolation}, [&] { conn_.query(sql, p); });
}

bool PgTx::update_agent(const Agent& a) {
  auto r = conn_.query("UPDATE agents SET name = $2, level = $3, password_hash = $4 WHERE id = $1 RETURNING 1",
                       Params().bytes(a.id).bytes(a.name).bytes(to_string(a.level)).bytes(a.password_hash));
  return r.rows() > 0;
}

std::vector<std::string> PgTx::company_ids() {
  auto r = conn_.query("SELECT id FROM companies ORDER BY name, id");
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.bytes(i, 0));
  return out;
}

std::vector<Agent> PgTx::agents() {
  static const std::string sql = select_from(kAgentColumns, "agents", "ORDER BY id");
  auto r = conn_.query(sql);
  return all_rows(r, read_agent);
}

int PgTx::agent_load(const std::string& agent_id) {
  auto r = conn_.query("SELECT count(*) FROM companies WHERE manager_id = $1 OR dedicated_agent_id = $1",
                       Params().bytes(agent_id));
  return r.int32(0, 0);
}

void PgTx::put_session(const Session& s) {
  static const std::string sql = std::string("INSERT INTO sessions (") + kSessionColumns + ") VALUES (" +
                                 placeholders(1, 7) + ") " + kSessionUpsertSet;
  Params p;
  add_session(p, s);
  conn_.query(sql, p);
}

std::optional<Session> PgTx::session(const std::string& token_hash) {
  static const std::string sql = select_from(kSessionColumns, "sessions", "WHERE token_hash = $1");
  auto r = conn_.query(sql, Params().bytes(token_hash));
  return first_row(r, read_session);
}

void PgTx::delete_session(const std::string& token_hash) {
  conn_.query("DELETE FROM sessions WHERE token_hash = $1", Params().bytes(token_hash));
}

int PgTx::delete_sessions_of(const std::string& principal_id) {
  auto r =
      conn_.query("WITH gone AS (DELETE FROM sessions WHERE principal_id = $1 RETURNING 1) SELECT count(*) FROM gone",
                  Params().bytes(principal_id));
  return r.int32(0, 0);
}

std::vector<Session> PgTx::sessions_of(const std::string& principal_id) {
  static const std::string sql =
      select_from(kSessionColumns, "sessions", "WHERE principal_id = $1 ORDER BY created_at, token_hash");
  auto r = conn_.query(sql, Params().bytes(principal_id));
  return all_rows(r, read_session);
}

void PgTx::touch_session(const std::string& token_hash, Instant now) {
  conn_.query("UPDATE sessions SET last_used_at = $2 WHERE token_hash = $1", Params().bytes(token_hash).int64(now));
}

int PgTx::purge_expired_sessions(Instant now) {
  return conn_
      .query("WITH gone AS (DELETE FROM sessions WHERE expires_at <= $1 RETURNING 1) SELECT count(*) FROM gone",
             Params().int64(now))
      .int32(0, 0);
}

bool PgTx::set_customer_password(const std::string& customer_id, const std::string& password_hash) {
  return conn_
             .query("UPDATE customers SET password_hash = $2 WHERE id = $1 RETURNING 1",
                    Params().bytes(customer_id).bytes(password_hash))
             .rows() > 0;
}

std::string PgTx::keep_secret(const std::string& name, const std::string& fresh) {
  // Shared by every instance: the first one's value wins (shared_settings, migration 2).
  conn_.query("INSERT INTO shared_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
              Params().text(name).bytes(fresh));
  return conn_.query("SELECT value FROM shared_settings WHERE name = $1", Params().text(name)).bytes(0, 0);
}

void PgTx::insert_messages(const Request& r, std::size_t from) {
  for (std::size_t i = from; i < r.messages.size(); ++i) {
    const Message& m = r.messages[i];
    conn_.query(
        "INSERT INTO messages (request_id, seq, id, author_kind, author_id, author_name, body, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        Params()
            .bytes(r.id)
            .int64(static_cast<std::int64_t>(i))
            .bytes(m.id)
            .bytes(m.author_kind)
            .bytes(m.author_id)
            .bytes(m.author_name)
            .bytes(m.body)
            .int64(m.created_at));
  }
}

void PgTx::insert_request(const Request& r) {
  static const std::string sql = "INSERT INTO requests (" + request_columns() + ", search_words) VALUES (" +
                                 placeholders(1, request_column_count() + 1) + ")";
  Params p;
  add_request(p, r);
  conn_.query(sql, p);
  insert_messages(r, 0);
}

void PgTx::update_request(const Request& r) {
  // Insert or replace, in place (the messages stay); messages past the stored ones are new.
  static const std::string sql = [] {
    std::string s = "INSERT INTO requests (" + request_columns() + ", search_words) VALUES (" +
                    placeholders(1, request_column_count() + 1) + ") ON CONFLICT (id) DO UPDATE SET ";
    std::string cols = request_columns() + ", search_words";
    bool first = true;
    std::size_t pos = 0;
    while (pos < cols.size()) {
      std::size_t end = cols.find(", ", pos);
      if (end == std::string::npos) end = cols.size();
      const std::string name = cols.substr(pos, end - pos);
      pos = end + 2;
      if (name == "id") continue;
      if (!first) s += ", ";
      first = false;
      s += name + " = excluded." + name;
    }
    return s;
  }();
  Params p;
  add_request(p, r);
  conn_.query(sql, p);
  const std::int64_t stored =
      conn_.query("SELECT count(*) FROM messages WHERE request_id = $1", Params().bytes(r.id)).int64(0, 0);
  insert_messages(r, static_cast<std::size_t>(stored));
}

std::optional<Request> PgTx::request(const std::string& id) {
  const std::string sql = request_select_sql() + " WHERE id = $1" + lock();
  auto q = conn_.query(sql, Params().bytes(id));
  if (q.rows() == 0) return std::nullopt;
  Request r = read_request(q, 0);
  static const std::string messages =
      std::string("SELECT ") + kMessageColumns + " FROM messages WHERE request_id = $1 ORDER BY seq";
  auto m = conn_.query(messages, Params().bytes(id));
  for (int i = 0; i < m.rows(); ++i) r.messages.push_back(read_message(m, i));
  return r;
}

RequestPage PgTx::list_requests(const RequestQuery& query) {
  // The SQL depends only on the query's shape; every value is bound. Common shapes are prepared
  // and cached per connection, odd ones (many statuses or words) prepared for one use.
  std::string where = " WHERE true";
  Params p;
  int n = 0;
  auto next = [&] { return "$" + std::to_string(++n); };
  if (!query.company_id.empty()) {
    where += " AND company_id = " + next();
    p.bytes(query.company_id);
  }
  if (!query.agent_id.empty()) {
    where += " AND (level = " + next();
    where += " OR assignee_id = " + next() + ")";
    p.bytes(to_string(query.agent_level)).bytes(query.agent_id);
  }
  const std::vector<std::string> statuses = status_filter(query.statuses);
  if (!statuses.empty()) {
    where += " AND status IN (";
    for (std::size_t i = 0; i < statuses.size(); ++i) {
      where += (i ? ", " : "") + next();
      p.bytes(statuses[i]);
    }
    where += ")";
  }
  // The agents' queue filters.
  if (!query.assignee_id.empty()) {
    where += " AND assignee_id = " + next();
    p.bytes(query.assignee_id);
  }
  if (query.unassigned) where += " AND assignee_id = ''::bytea";
  if (query.level) {
    where += " AND level = " + next();
    p.bytes(to_string(*query.level));
  }
  if (query.due_before) {
    where += " AND next_due < " + next();
    p.int64(*query.due_before);
  }
  if (query.due_from) {
    where += " AND next_due >= " + next();
    p.int64(*query.due_from);
  }
  // text_matches: every folded word of the query is a prefix of some folded word of the text
  // (search_words). With text_in_names a word may also start a word of the customer's or the
  // company's name (lower-cased by PostgreSQL, not folded as text.h does: ё/е differ there).
  const std::vector<std::string> words = query.text.empty() ? std::vector<std::string>{} : fold_words(query.text);
  if (!query.text.empty()) {
    where += " AND (";
    if (query.number > 0) {
      where += "number = " + next() + " OR ";
      p.int64(query.number);
    }
    where += "(true";
    for (const std::string& w : words) {
      const std::string word_param = next();
      p.text(" " + w);
      if (query.text_in_names) {
        where += " AND (strpos(search_words, " + word_param +
                 ") > 0"
                 " OR strpos(' ' || lower(convert_from((SELECT name FROM customers WHERE customers.id = "
                 "requests.customer_id), 'UTF8') COLLATE \"und-x-icu\"), " +
                 word_param +
                 ") > 0"
                 " OR strpos(' ' || lower(convert_from((SELECT name FROM companies WHERE companies.id = "
                 "requests.company_id), 'UTF8') COLLATE \"und-x-icu\"), " +
                 word_param + ") > 0)";
      } else {
        where += " AND strpos(search_words, " + word_param + ") > 0";
      }
    }
    where += "))";
  }
  const bool cache = statuses.size() <= 8 && words.size() <= 4;
  auto run = [&](const std::string& sql, const Params& params) {
    return cache ? conn_.query(sql, params) : conn_.query_once(sql, params);
  };

  RequestPage page;
  page.total = run("SELECT count(*) FROM requests" + where, p).int64(0, 0);
  const std::string order =
      query.queue_order ? " ORDER BY next_due ASC NULLS LAST, number" : " ORDER BY created_at DESC, number DESC";
  const std::string limit = " LIMIT " + next();
  const std::string offset = " OFFSET " + next();
  p.int64(std::max(query.limit, 0)).int64(std::max(query.offset, 0));
  auto r = run(request_select_sql() + where + order + limit + offset, p);
  for (int i = 0; i < r.rows(); ++i) page.requests.push_back(read_request(r, i));
  return page;
}

std::vector<Request> PgTx::requests_for_metrics(const std::string& company_id) {
  static const std::string all_sql = request_select_sql() + " ORDER BY created_at, number";
  static const std::string company_sql = request_select_sql() + " WHERE company_id = $1 ORDER BY created_at, number";
  auto r = company_id.empty() ? conn_.query(all_sql) : conn_.query(company_sql, Params().bytes(company_id));
  return all_rows(r, read_request);
}

bool PgTx::insert_booking(const Booking& b) {
  static const std::string sql =
      std::string("INSERT INTO bookings (") + kBookingColumns + ") VALUES (" + placeholders(1, 12) + ")";
  Params p;
  add_booking(p, b);
  // A duplicate id is a caller's bug: only the slot constraints refuse quietly.
  return unless({kUniqueViolation, kExclusionViolation}, [&] {
    try {
      conn_.query(sql, p);
    } catch (const PgError& e) {
      if (e.sqlstate() == kUniqueViolation && std::string(e.what()).find("bookings_pkey") != std::string::npos)
        throw PgError(std::string("pg: duplicate booking id: ") + e.what(), "dup", false);
      throw;
    }
  });
}

bool PgTx::update_booking(const Booking& b) {
  static const std::string sql =
      std::string("INSERT INTO bookings (") + kBookingColumns + ") VALUES (" + placeholders(1, 12) +
      ") ON CONFLICT (id) DO UPDATE SET company_id = excluded.company_id, customer_id = excluded.customer_id, "
      "agent_id = excluded.agent_id, start_at = excluded.start_at, end_at = excluded.end_at, "
      "topic = excluded.topic, note = excluded.note, status = excluded.status, sequence = excluded.sequence, "
      "created_at = excluded.created_at, updated_at = excluded.updated_at";
  Params p;
  add_booking(p, b);
  return unless({kUniqueViolation, kExclusionViolation}, [&] { conn_.query(sql, p); });
}

std::optional<Booking> PgTx::booking(const std::string& id) {
  const std::string sql = select_from(kBookingColumns, "bookings", "WHERE id = $1") + lock();
  auto r = conn_.query(sql, Params().bytes(id));
  return first_row(r, read_booking);
}

std::vector<Booking> PgTx::company_bookings(const std::string& company_id) {
  static const std::string sql =
      select_from(kBookingColumns, "bookings", "WHERE company_id = $1 ORDER BY start_at, id");
  auto r = conn_.query(sql, Params().bytes(company_id));
  return all_rows(r, read_booking);
}

std::vector<Booking> PgTx::agent_bookings(const std::string& agent_id, Instant from, Instant to) {
  static const std::string sql = select_from(
      kBookingColumns, "bookings",
      "WHERE agent_id = $1 AND status = 'booked'::bytea AND start_at < $3 AND end_at > $2 ORDER BY start_at, id");
  auto r = conn_.query(sql, Params().bytes(agent_id).int64(from).int64(to));
  return all_rows(r, read_booking);
}

// ---- chats (pg_chats.h) ----

void PgTx::put_chat(const Chat& chat) { pg::put_chat(conn_, chat); }
std::optional<Chat> PgTx::chat(const std::string& id) { return pg::get_chat(conn_, id, writing_); }
std::vector<Chat> PgTx::list_chats(const ChatQuery& query) { return pg::list_chats(conn_, query); }
int PgTx::count_chats(const std::string& status) { return pg::count_chats(conn_, status); }
void PgTx::set_agent_available(const std::string& agent_id, bool available) {
  pg::set_agent_available(conn_, agent_id, available);
}
std::vector<std::string> PgTx::available_agents() { return pg::available_agents(conn_); }

}  // namespace portal::pg
