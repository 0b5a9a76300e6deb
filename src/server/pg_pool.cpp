#include "pg_pool.h"

#include "domain/store.h"

namespace portal::pg {

Pool::Pool(std::string url, Options options) : url_(std::move(url)), options_(options) {
  if (options_.size < 1) options_.size = 1;
}

Pool::~Pool() {
  std::lock_guard lock(mutex_);
  idle_.clear();
}

int Pool::open_connections() const {
  std::lock_guard lock(mutex_);
  return open_;
}

std::unique_ptr<Conn> Pool::connect() {
  auto conn = std::make_unique<Conn>(url_);
  // Durable commits (the server default, stated so that no configuration can weaken it), and a
  // bound on every statement, lock waits included.
  conn->exec("SET synchronous_commit = on");
  const std::string timeout = "SET statement_timeout = " + std::to_string(options_.statement_timeout_ms);
  conn->exec(timeout.c_str());
  conn->exec("SET idle_in_transaction_session_timeout = 60000");
  return conn;
}

Pool::Lease Pool::acquire() {
  std::unique_lock lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
  if (!cv_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < options_.size; }))
    throw StoreUnavailable("the database is busy; please try again in a moment");
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(conn));
  }
  const auto now = std::chrono::steady_clock::now();
  if (now < next_attempt_)
    throw StoreUnavailable("the database is unavailable; please try again in a moment (" + last_error_ + ")");
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, connect());
  } catch (const std::exception& e) {
    lock.lock();
    --open_;
    last_error_ = e.what();
    next_attempt_ = std::chrono::steady_clock::now() + options_.retry_interval;
    cv_.notify_one();
    throw StoreUnavailable("the database is unavailable; please try again in a moment (" + last_error_ + ")");
  }
}

void Pool::release(std::unique_ptr<Conn> conn) {
  std::lock_guard lock(mutex_);
  if (conn && conn->idle()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
    conn.reset();
  }
  cv_.notify_one();
}

void Pool::drop_idle() {
  std::vector<std::unique_ptr<Conn>> dropped;
  {
    std::lock_guard lock(mutex_);
    dropped.swap(idle_);
    open_ -= static_cast<int>(dropped.size());
  }
  cv_.notify_all();
}

}  // namespace portal::pg
