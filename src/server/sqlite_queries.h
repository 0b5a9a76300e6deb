// SQLite queries: the StoreTx over one connection (the writer's inside its group-commit
// transaction, or a reader's inside its snapshot), and the SQL function portal_text_matches that
// list_requests filters with.
// Design: every statement is prepared once per connection (Db caches it) with bound values; rows
// are mapped by sqlite_rows.*; transactions, connections and retries belong to sqlite_store.cpp.
#pragma once
#include <memory>

#include "domain/store.h"
#include "sqlite_db.h"

namespace portal::sqlite {

// A StoreTx running its statements on `db` (the caller has begun the transaction).
std::unique_ptr<StoreTx> make_tx(Db& db);
// Registers portal_text_matches(subject, description, query) on the connection.
void add_functions(Db& db);

}  // namespace portal::sqlite
