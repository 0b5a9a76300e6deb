#include "pg_store.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

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

struct PgStore::Soon {
  std::mutex mutex;
  std::condition_variable cv;
  std::map<std::string, std::function<void(StoreTx&)>> queued;  // by key: the newest replaces
  bool stopping = false;
  std::thread thread;
};

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
  soon_ = std::make_unique<Soon>();
  soon_->thread = std::thread([this] {
    std::unique_lock lock(soon_->mutex);
    for (;;) {
      soon_->cv.wait(lock, [&] { return soon_->stopping || !soon_->queued.empty(); });
      if (soon_->queued.empty()) return;  // stopping, and nothing left to do
      auto jobs = std::exchange(soon_->queued, {});
      lock.unlock();
      try {
        write([&](StoreTx& tx) {
          for (auto& [key, fn] : jobs) fn(tx);
        });
      } catch (...) {
        // Bookkeeping: dropped (asked for again by a later call).
      }
      lock.lock();
    }
  });
}

PgStore::~PgStore() {
  if (soon_ && soon_->thread.joinable()) {
    {
      std::lock_guard lock(soon_->mutex);
      soon_->stopping = true;
    }
    soon_->cv.notify_one();
    soon_->thread.join();
  }
}

void PgStore::write_soon(const std::string& key, std::function<void(StoreTx&)> fn) {
  std::unique_lock lock(soon_->mutex);
  if (soon_->stopping) return;
  auto it = soon_->queued.find(key);
  if (it != soon_->queued.end()) {
    it->second = std::move(fn);  // still queued: the newer write replaces it
    return;
  }
  if (soon_->queued.size() >= kMaxSoonJobs) return;  // bounded: dropped
  soon_->queued.emplace(key, std::move(fn));
  lock.unlock();
  soon_->cv.notify_one();
}

int PgStore::open_connections() const { return pool_->open_connections(); }

namespace {

void rollback_quietly(Conn& conn) {
  try {
    if (conn.ok() && conn.in_transaction()) conn.exec("ROLLBACK");
  } catch (...) {}
}

[[noreturn]] void unavailable(const PgError& e) {
  throw StoreUnavailable(std::string("the database is unavailable: ") + e.what());
}

// A statement failed on the lease's connection (called in the catch handler, rethrows): roll
// back; a broken connection leaves the pool, and so do the idle ones (the same restart likely
// broke them); a transient error becomes StoreUnavailable (503).
[[noreturn]] void after_failure(pg::Pool& pool, pg::Pool::Lease& lease, const PgError& e) {
  rollback_quietly(*lease);
  if (!lease->ok()) {
    lease.discard();
    pool.drop_idle();
  }
  if (e.transient()) unavailable(e);
  throw;
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
      conn.exec("COMMIT");
    } catch (const PgError& e) {
      after_failure(*pool_, lease, e);
    } catch (...) {
      rollback_quietly(conn);
      if (!conn.ok()) lease.discard();
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
    after_failure(*pool_, lease, e);
  }
}

void PgStore::write(const std::function<void(StoreTx&)>& fn) {
  transaction("BEGIN ISOLATION LEVEL READ COMMITTED", true, [&](StoreTx& tx) { fn(tx); });
}

void PgStore::read(const std::function<void(StoreTx&)>& fn) {
  transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", false, [&](StoreTx& tx) { fn(tx); });
}

}  // namespace portal
