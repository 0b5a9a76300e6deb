// The chat queries of PgTx (live chat, issue #10): chats as a JSON document plus the columns the
// queries filter on, and the agents available for chats. In a write transaction chat(id) locks
// the row, so of two instances accepting one waiting chat the second sees it taken.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/chats.h"
#include "domain/store.h"
#include "pg_conn.h"

namespace portal::pg {

void put_chat(Conn& conn, const Chat& chat);
std::optional<Chat> get_chat(Conn& conn, const std::string& id, bool lock);
std::vector<Chat> list_chats(Conn& conn, const ChatQuery& query);
int count_chats(Conn& conn, const std::string& status);
void set_agent_available(Conn& conn, const std::string& agent_id, bool available);
std::vector<std::string> available_agents(Conn& conn);

}  // namespace portal::pg
