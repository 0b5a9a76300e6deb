#include "pg_chats.h"

#include <algorithm>

namespace portal::pg {

void put_chat(Conn& conn, const Chat& c) {
  conn.query(
      "INSERT INTO chats (id, company_id, customer_id, agent_id, status, waiting_since, doc) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET company_id = excluded.company_id, "
      "customer_id = excluded.customer_id, agent_id = excluded.agent_id, status = excluded.status, "
      "waiting_since = excluded.waiting_since, doc = excluded.doc",
      Params()
          .bytes(c.id)
          .bytes(c.company_id)
          .bytes(c.customer_id)
          .bytes(c.agent_id)
          .bytes(c.status)
          .int64(c.waiting_since)
          .bytes(chat_to_store_json(c)));
}

std::optional<Chat> get_chat(Conn& conn, const std::string& id, bool lock) {
  auto r = conn.query(lock ? "SELECT doc FROM chats WHERE id = $1 FOR UPDATE" : "SELECT doc FROM chats WHERE id = $1",
                      Params().bytes(id));
  if (r.rows() == 0) return std::nullopt;
  return chat_from_store_json(r.bytes(0, 0));
}

std::vector<Chat> list_chats(Conn& conn, const ChatQuery& q) {
  // Empty filters match everything: one statement, prepared once.
  auto r = conn.query(
      "SELECT doc FROM chats WHERE ($1 = ''::bytea OR status = $1) AND ($2 = ''::bytea OR company_id = $2) "
      "AND ($3 = ''::bytea OR customer_id = $3) AND ($4 = ''::bytea OR agent_id = $4) "
      "ORDER BY waiting_since, id LIMIT $5",
      Params().bytes(q.status).bytes(q.company_id).bytes(q.customer_id).bytes(q.agent_id).int64(std::max(q.limit, 0)));
  std::vector<Chat> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(chat_from_store_json(r.bytes(i, 0)));
  return out;
}

int count_chats(Conn& conn, const std::string& status) {
  return conn.query("SELECT count(*) FROM chats WHERE status = $1", Params().bytes(status)).int32(0, 0);
}

void set_agent_available(Conn& conn, const std::string& agent_id, bool available) {
  conn.query(available ? "INSERT INTO agent_availability (agent_id) VALUES ($1) ON CONFLICT DO NOTHING"
                       : "DELETE FROM agent_availability WHERE agent_id = $1",
             Params().bytes(agent_id));
}

std::vector<std::string> available_agents(Conn& conn) {
  auto r = conn.query("SELECT agent_id FROM agent_availability ORDER BY agent_id");
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.bytes(i, 0));
  return out;
}

}  // namespace portal::pg
