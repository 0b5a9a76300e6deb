// SQLite commit engine: the writer connection and its group commit, the read-only connection
// pool, and the mapping of a locked / full / failing database to a passing fault (503).
// Design: sqlite_store.h has the full note; the statements are in sqlite_queries.cpp and the row
// mapping in sqlite_rows.cpp, so this file only decides when a transaction begins and ends.
#include "sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>

#include "domain/errors.h"
#include "domain/text.h"
#include "migrations.h"
#include "sqlite_queries.h"
#include "sqlite_db.h"

namespace portal {

using sqlite::Db;
using sqlite::SqliteError;

namespace {

// A locked, full or failing database is a passing fault: the caller gets 503 with Retry-After and
// a code naming it (and nothing of the transaction is kept), never a 500 or a crash.
std::exception_ptr as_unavailable(const SqliteError& e) {
  const int code = e.primary_code();
  const char* name = nullptr;
  const char* message = nullptr;
  long long retry = 5;
  switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      name = "storage_busy";
      message = "the database is busy (locked by another process); nothing was saved; please try again in a moment";
      break;
    case SQLITE_FULL:
      name = "storage_full";
      message = "the server's disk is full; nothing was saved; please try again later";
      retry = 60;
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
    case SQLITE_NOMEM:
      name = "storage_unavailable";
      message = "the database cannot be written right now; nothing was saved; please try again later";
      retry = 30;
      break;
    default: return nullptr;
  }
  PortalError out(ErrorKind::kUnavailable, message, "", name);
  out.retry_after = retry;
  return std::make_exception_ptr(out);
}

std::exception_ptr as_unavailable(const std::exception_ptr& e) {
  if (!e) return nullptr;
  try {
    std::rethrow_exception(e);
  } catch (const SqliteError& s) {
    return as_unavailable(s);
  } catch (const PortalError& p) {
    if (p.kind == ErrorKind::kUnavailable) return e;
  } catch (...) {}
  return nullptr;
}

// The job's error: a passing fault (cause) wins over a generic message.
void runtime_error_to(std::exception_ptr& slot, const std::string& what, const std::exception_ptr& cause = nullptr) {
  if (slot) return;
  if (auto u = as_unavailable(cause)) slot = u;
  else slot = std::make_exception_ptr(std::runtime_error(what));
}

std::string describe(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "unknown error";
  }
}

}  // namespace

// ---- SqliteStore ----

struct SqliteStore::Job {
  const std::function<void(StoreTx&)>* fn = nullptr;
  std::function<void(StoreTx&)> own_fn;  // write_soon: the job owns its fn, nobody waits
  bool detached = false;
  std::string key;
  std::exception_ptr error;
  bool done = false;                // guarded by queue_mutex_
  std::condition_variable done_cv;  // only this job's caller waits on it
};

SqliteStore::SqliteStore(const std::filesystem::path& data_dir) : SqliteStore(data_dir, Options{}) {}

SqliteStore::SqliteStore(const std::filesystem::path& data_dir, Options options) : options_(options) {
  if (options_.max_readers < 1) options_.max_readers = 1;
  std::filesystem::create_directories(data_dir);
  path_ = data_dir / "portal.db";
  writer_ = open_connection(true);
  sqlite::apply_migrations(*writer_);
  sqlite3_commit_hook(writer_->handle(), &SqliteStore::commit_hook, this);
  writer_thread_ = std::thread([this] { writer_loop(); });
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.clear();  // finalizes their statements, closes them
  }
  if (writer_) {
    try {
      writer_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (...) {
      // Not fatal: the WAL is replayed at the next open.
    }
    writer_.reset();
  }
}

int SqliteStore::commit_hook(void* self) {
  return static_cast<SqliteStore*>(self)->fail_next_commit_.exchange(false) ? 1 : 0;
}

std::unique_ptr<Db> SqliteStore::open_connection(bool writer) {
  auto db = std::make_unique<Db>(path_.string(), /*create=*/writer);
  sqlite3_busy_timeout(db->handle(), options_.busy_timeout_ms);
  db->exec("PRAGMA foreign_keys = ON");
  if (writer) {
    {
      auto q = db->query("PRAGMA journal_mode = WAL");
      if (!q->step() || q->text(0) != "wal")
        throw std::runtime_error("sqlite: cannot switch " + path_.string() + " to WAL");
    }
    db->exec("PRAGMA synchronous = FULL");
    db->exec("PRAGMA journal_size_limit = 67108864");
  } else {
    db->exec("PRAGMA query_only = ON");
  }
  sqlite::add_functions(*db);
  return db;
}

// ---- write: group commit ----

void SqliteStore::write(const std::function<void(StoreTx&)>& fn) {
  if (std::this_thread::get_id() == writer_thread_.get_id())
    throw std::logic_error("SqliteStore::write called inside a write transaction");
  Job job;
  job.fn = &fn;
  std::unique_lock lock(queue_mutex_);
  if (stopping_) throw std::runtime_error("SqliteStore: the store is closing");
  queue_.push_back(&job);
  lock.unlock();
  work_cv_.notify_one();
  lock.lock();
  job.done_cv.wait(lock, [&] { return job.done; });
  lock.unlock();
  if (job.error) {
    if (auto u = as_unavailable(job.error)) std::rethrow_exception(u);
    std::rethrow_exception(job.error);
  }
}

void SqliteStore::write_soon(const std::string& key, std::function<void(StoreTx&)> fn) {
  std::unique_lock lock(queue_mutex_);
  if (stopping_) return;
  if (auto it = soon_.find(key); it != soon_.end()) {
    it->second->own_fn = std::move(fn);  // still queued: the newer write replaces it
    return;
  }
  if (soon_.size() >= kMaxSoonJobs) return;  // bounded: dropped (bookkeeping; asked for again later)
  auto job = std::make_unique<Job>();
  job->own_fn = std::move(fn);
  job->fn = &job->own_fn;
  job->detached = true;
  job->key = key;
  soon_[key] = job.get();
  queue_.push_back(job.release());
  lock.unlock();
  work_cv_.notify_one();
}

void SqliteStore::writer_loop() {
  std::vector<Job*> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      work_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      batch.assign(queue_.begin(), queue_.end());
      queue_.clear();
      for (Job* job : batch)
        if (job->detached) soon_.erase(job->key);  // taken: a later write_soon queues anew
    }
    try {
      run_batch(batch);
    } catch (...) {
      // run_batch handles its errors; this is a last resort (e.g. bad_alloc): nobody may hang.
      for (Job* job : batch)
        runtime_error_to(job->error, "SqliteStore: write failed: " + describe(std::current_exception()));
    }
    std::vector<std::unique_ptr<Job>> detached;  // write_soon jobs: nobody waits; failures dropped
    {
      // Notified under the lock: a caller cannot return (and destroy its job) before that. After
      // the notification a waited-for job may be gone already: it is not touched again.
      std::lock_guard lock(queue_mutex_);
      for (Job* job : batch) {
        if (job->detached) {
          detached.emplace_back(job);
          continue;
        }
        job->done = true;
        job->done_cv.notify_one();
      }
    }
    batch.clear();
  }
}

void SqliteStore::run_batch(std::vector<Job*>& batch) {
  Db& db = *writer_;
  const std::unique_ptr<StoreTx> tx_owner = sqlite::make_tx(db);
  StoreTx& tx = *tx_owner;
  auto rollback_quietly = [&] {
    if (!db.in_transaction()) return;
    try {
      db.query("ROLLBACK")->run();
    } catch (...) {}
  };
  auto fail = [](const std::vector<Job*>& jobs, const std::string& what, const std::exception_ptr& cause = nullptr) {
    for (Job* job : jobs) runtime_error_to(job->error, what, cause);
  };

  std::size_t next = 0;
  while (next < batch.size()) {
    rollback_quietly();  // never left open by the code below; a safety net against a stuck connection
    try {
      db.query("BEGIN IMMEDIATE")->run();
    } catch (const std::exception& e) {
      fail(std::vector<Job*>(batch.begin() + static_cast<std::ptrdiff_t>(next), batch.end()),
           std::string("SqliteStore: cannot begin a write: ") + e.what(), std::current_exception());
      return;
    }
    std::vector<Job*> ran;  // jobs whose writes are in this transaction, so far
    bool lost = false;      // the transaction is gone (SQLite rolled it back): start a new one
    // A savepoint statement failed: the job fails, and so does the transaction with every job in it so far.
    auto savepoint_failed = [&](Job* job, const std::exception& e) {
      runtime_error_to(job->error, std::string("SqliteStore: savepoint failed: ") + e.what(), std::current_exception());
      rollback_quietly();
      fail(ran, "SqliteStore: transaction aborted: " + std::string(e.what()), std::current_exception());
      lost = true;
    };
    for (; next < batch.size() && !lost; ++next) {
      Job* job = batch[next];
      try {
        db.query("SAVEPOINT job")->run();
      } catch (const std::exception& e) {
        savepoint_failed(job, e);
        continue;
      }
      try {
        (*job->fn)(tx);
      } catch (...) {
        job->error = std::current_exception();
      }
      if (!db.in_transaction()) {
        // Some errors (I/O, full disk, ...) make SQLite roll back the whole transaction.
        runtime_error_to(job->error, "SqliteStore: the transaction was rolled back by SQLite");
        fail(ran, "SqliteStore: transaction aborted by another write's error: " + describe(job->error), job->error);
        lost = true;
        continue;
      }
      try {
        if (job->error) db.query("ROLLBACK TO job")->run();
        db.query("RELEASE job")->run();
        if (!job->error) ran.push_back(job);
      } catch (const std::exception& e) {
        savepoint_failed(job, e);
      }
    }
    if (lost) continue;
    try {
      db.query("COMMIT")->run();
      commits_.fetch_add(1, std::memory_order_relaxed);
    } catch (const std::exception& e) {
      const std::exception_ptr cause = std::current_exception();
      rollback_quietly();
      fail(ran, std::string("SqliteStore: commit failed: ") + e.what(), cause);
    }
  }
  jobs_.fetch_add(batch.size(), std::memory_order_relaxed);
  std::uint64_t seen = max_batch_.load(std::memory_order_relaxed);
  while (batch.size() > seen && !max_batch_.compare_exchange_weak(seen, batch.size())) {}
}

// ---- read: pool of read-only connections ----

std::unique_ptr<Db> SqliteStore::acquire_reader() {
  std::unique_lock lock(readers_mutex_);
  readers_cv_.wait(lock, [&] { return !idle_readers_.empty() || open_readers_ < options_.max_readers; });
  if (!idle_readers_.empty()) {
    auto db = std::move(idle_readers_.back());
    idle_readers_.pop_back();
    return db;
  }
  ++open_readers_;
  lock.unlock();
  try {
    return open_connection(false);
  } catch (...) {
    lock.lock();
    --open_readers_;
    readers_cv_.notify_one();
    throw;
  }
}

void SqliteStore::release_reader(std::unique_ptr<Db> db) {
  if (db && db->in_transaction()) {
    try {
      db->query("ROLLBACK")->run();
    } catch (...) {}
  }
  std::lock_guard lock(readers_mutex_);
  if (db && !db->in_transaction()) {
    idle_readers_.push_back(std::move(db));
  } else {
    --open_readers_;  // a connection in an unknown state is dropped
    db.reset();
  }
  readers_cv_.notify_one();
}

void SqliteStore::read(const std::function<void(StoreTx&)>& fn) {
  struct Lease {
    SqliteStore& store;
    std::unique_ptr<Db> db;
    ~Lease() { store.release_reader(std::move(db)); }
  };
  try {
    Lease lease{*this, acquire_reader()};
    Db& db = *lease.db;
    // One read transaction: every statement of fn sees the same committed snapshot.
    db.query("BEGIN")->run();
    const std::unique_ptr<StoreTx> tx = sqlite::make_tx(db);
    fn(*tx);  // on an exception, the lease rolls back
    db.query("COMMIT")->run();
  } catch (const SqliteError& e) {
    if (auto u = as_unavailable(e)) std::rethrow_exception(u);
    throw;
  }
}

SqliteStore::Stats SqliteStore::stats() const {
  Stats s;
  s.jobs = jobs_.load();
  s.commits = commits_.load();
  s.max_batch = max_batch_.load();
  std::lock_guard lock(readers_mutex_);
  s.reader_connections = static_cast<std::uint64_t>(open_readers_);
  return s;
}

}  // namespace portal
