// A bounded pool of libpq connections for one portal-server instance.
//
//  - At most `size` connections; a caller waits at most `acquire_timeout` for one, then gets
//    StoreUnavailable (503 + Retry-After), never an unbounded wait.
//  - Connections are made on demand. While the server cannot be reached, new attempts are made
//    at most every `retry_interval`; in between callers fail at once (StoreUnavailable), so a
//    PostgreSQL outage costs no worker more than one connect timeout, and the pool recovers by
//    itself once the server is back.
//  - A lease gives the connection back only when it is healthy and outside any transaction;
//    otherwise it is closed (a new one is made next time).
#pragma once
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pg_conn.h"

namespace portal::pg {

class Pool {
 public:
  struct Options {
    int size = 8;
    std::chrono::milliseconds acquire_timeout{2000};
    std::chrono::milliseconds retry_interval{500};
    int statement_timeout_ms = 15000;  // bounds lock waits too
  };
  Pool(std::string url, Options options);
  ~Pool();

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Conn> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(std::move(other.conn_)), owner_(other.owner_) {
      other.owner_ = false;
    }
    ~Lease() {
      if (owner_) pool_.release(std::move(conn_));
    }
    Conn& operator*() const { return *conn_; }
    Conn* operator->() const { return conn_.get(); }
    void discard() { conn_.reset(); }  // the connection is in an unknown state: close it

   private:
    Pool& pool_;
    std::unique_ptr<Conn> conn_;
    bool owner_ = true;  // false once moved from
  };

  // A connection, idle or new. Throws StoreUnavailable.
  Lease acquire();
  // Drops every idle connection (after a failure suggesting the server restarted).
  void drop_idle();

  const std::string& url() const { return url_; }
  int open_connections() const;

 private:
  void release(std::unique_ptr<Conn> conn);
  std::unique_ptr<Conn> connect();

  std::string url_;
  Options options_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;
  int open_ = 0;
  std::chrono::steady_clock::time_point next_attempt_{};
  std::string last_error_;
};

}  // namespace portal::pg
