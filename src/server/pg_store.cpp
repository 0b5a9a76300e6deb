#include "pg_store.h"

#include "pg_conn.h"
#include "pg_pool.h"
#include "pg_schema.h"
#include "pg_store_tx.h"

namespace portal {

using pg::Conn;
using pg::PgError;

bool is_postgres_url(const std::string& text) {
  return text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0;
}

std::string PgStore::redacted(const std::string& url) {
  // postgresql://user:secret@host/db -> postgresql://user:***@host/db
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

PgStore::PgStore(const std::string& url) : PgStore(url, Options{}) {}

PgStore::PgStore(const std::string& url, Options options) {
  pg::Pool::Options po;
  po.size = options.pool_size;
  po.acquire_timeout = std::chrono::milliseconds(options.acquire_timeout_ms);
  po.statement_timeout_ms = options.statement_timeout_ms;
  pool_ = std::make_unique<pg::Pool>(url, po);
  // Migrations on a connection of their own (the session advisory lock ends with it).
  Conn conn(url);
  pg::apply_pg_migrations(conn);
}

PgStore::~PgStore() = default;

int PgStore::open_connections() const { return pool_->open_connections(); }

namespace {

void rollback_quietly(Conn& conn) {
  try {
    if (conn.ok() && conn.in_transaction()) conn.exec("ROLLBACK");
  } catch (...) {
  }
}

[[noreturn]] void unavailable(const PgError& e) {
  throw StoreUnavailable(std::string("the database is unavailable: ") + e.what());
}

}  // namespace

template <class Body>
void PgStore::transaction(const char* begin, bool writing, Body body) {
  // BEGIN on an idle connection that turns out to be dead (the server restarted since) is safe to
  // try again on a fresh one: nothing of the caller's has run yet.
  for (int attempt = 0;; ++attempt) {
    pg::Pool::Lease lease = pool_->acquire();
    Conn& conn = *lease;
    try {
      conn.exec(begin);
    } catch (const PgError& e) {
      lease.discard();
      pool_->drop_idle();
      if (e.connection_lost() && attempt < 2) continue;
      if (e.transient() || e.connection_lost()) unavailable(e);
      throw;
    }
    pg::PgTx tx(conn, writing);
    try {
      body(tx);
    } catch (const PgError& e) {
      rollback_quietly(conn);
      if (!conn.ok()) {
        lease.discard();
        pool_->drop_idle();
      }
      if (e.transient()) unavailable(e);
      throw;
    } catch (...) {
      rollback_quietly(conn);
      if (!conn.ok()) lease.discard();
      throw;
    }
    try {
      conn.exec("COMMIT");
    } catch (const PgError& e) {
      rollback_quietly(conn);
      if (!conn.ok()) {
        lease.discard();
        pool_->drop_idle();
      }
      if (e.transient()) unavailable(e);
      throw;
    }
    return;
  }
}

void PgStore::run(const std::function<void(Conn&)>& fn) {
  pg::Pool::Lease lease = pool_->acquire();
  try {
    fn(*lease);
  } catch (const PgError& e) {
    rollback_quietly(*lease);
    if (!lease->ok()) {
      lease.discard();
      pool_->drop_idle();
    }
    if (e.transient()) unavailable(e);
    throw;
  }
}

void PgStore::write(const std::function<void(StoreTx&)>& fn) {
  transaction("BEGIN ISOLATION LEVEL READ COMMITTED", true, [&](StoreTx& tx) { fn(tx); });
}

void PgStore::read(const std::function<void(StoreTx&)>& fn) {
  transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", false, [&](StoreTx& tx) { fn(tx); });
}

}  // namespace portal
