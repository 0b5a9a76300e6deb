// The server's Store on PostgreSQL (see shared/domain/store.h for the contract), for running any
// number of portal-server instances over one database.
//
//  - A bounded connection pool per instance (pg_pool.h). While the database cannot be reached,
//    write() and read() throw StoreUnavailable at once or within the pool's acquire timeout
//    (the router answers 503 + Retry-After); the pool reconnects by itself.
//  - write(): one transaction per call (READ COMMITTED; row locks taken by the reads of the
//    transaction, see pg_store_tx.h), COMMIT with synchronous_commit = on: durable on return.
//  - read(): REPEATABLE READ READ ONLY, one consistent snapshot.
//  - write_soon() (bookkeeping nobody waits for, e.g. a session's "last used") goes to a thread of
//    its own that runs everything queued meanwhile in one transaction: coalesced per key while
//    queued, at most kMaxSoonJobs keys (beyond: dropped), failures dropped.
//  - The constructor migrates the schema under an advisory lock (pg_schema.h), so instances may
//    start together.
#pragma once
#include <cstddef>
#include <memory>
#include <string>

#include "domain/store.h"

namespace portal {

namespace pg {
class Conn;
class Pool;
}  // namespace pg

class PgStore : public Store {
 public:
  struct Options {
    int pool_size = 8;
    int acquire_timeout_ms = 2000;
    int statement_timeout_ms = 15000;
  };
  // url: postgresql://USER@HOST:PORT/DB (or a libpq keyword=value string). Connects and migrates;
  // throws std::runtime_error when it cannot.
  explicit PgStore(const std::string& url);
  PgStore(const std::string& url, Options options);
  ~PgStore() override;

  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  void write(const std::function<void(StoreTx&)>& fn) override;
  void read(const std::function<void(StoreTx&)>& fn) override;
  static constexpr std::size_t kMaxSoonJobs = 4096;
  void write_soon(const std::string& key, std::function<void(StoreTx&)> fn) override;

  // Runs fn on a pooled connection outside any Store transaction (each statement commits by
  // itself): for the cluster-wide counters and settings of pg_shared.h. Throws StoreUnavailable
  // as write() does.
  void run(const std::function<void(pg::Conn&)>& fn);

  // The URL without its password, for logs.
  static std::string redacted(const std::string& url);
  int open_connections() const;

 private:
  template <class Body>
  void transaction(const char* begin, bool writing, Body body);

  std::unique_ptr<pg::Pool> pool_;
  struct Soon;
  std::unique_ptr<Soon> soon_;  // write_soon's queue and thread (stopped first by the destructor)
};

// True when the text names a PostgreSQL database (postgresql:// or postgres://).
bool is_postgres_url(const std::string& text);

}  // namespace portal
