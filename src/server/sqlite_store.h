// The server's Store on SQLite (see shared/domain/store.h for the contract).
//
//  - One file, <data_dir>/portal.db, in WAL mode with synchronous=FULL: write() returns only once
//    its transaction is in the WAL on disk. Foreign keys on, busy_timeout set, schema migrated at
//    open (migrations.h).
//  - write() is serialised through ONE writer connection owned by a writer thread, with GROUP
//    COMMIT: callers enqueue their job and wait; the writer takes every queued job, runs them in
//    one transaction (BEGIN IMMEDIATE; per job SAVEPOINT / fn / RELEASE, or ROLLBACK TO when fn
//    threw), COMMITs once (one fsync for the whole batch) and wakes the callers. A job that threw
//    gets its own exception back and leaves nothing behind; the others in the batch never see its
//    writes. If the COMMIT fails, every caller of the batch gets a std::runtime_error.
//  - write_soon() (bookkeeping nobody waits for, e.g. a session's "last used") queues a job the
//    caller does not wait on, coalesced per key while it is still queued; it joins the next
//    group commit. Bounded (kMaxSoonJobs); a failure is dropped.
//  - read() runs on a pool of read-only connections (up to max_readers, created on demand), each
//    in its own read transaction (a consistent snapshot of committed data), in parallel.
//  - Every statement is prepared once per connection and cached; values are always bound.
//  - list_requests filters and orders in SQL; the text filter is the SQL function
//    portal_text_matches(subject, description, query), i.e. portal::text_matches on
//    subject + " " + description, registered on every connection.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/store.h"

namespace portal {

namespace sqlite {
class Db;
}

class SqliteStore : public Store {
 public:
  struct Options {
    int max_readers = 8;         // read connections in the pool
    int busy_timeout_ms = 5000;  // waits for locks held by other processes (e.g. the sqlite3 CLI)
  };

  // Opens or creates <data_dir>/portal.db (creating data_dir if needed) and migrates it.
  // Throws std::runtime_error (SqliteError) when the database cannot be opened or migrated.
  explicit SqliteStore(const std::filesystem::path& data_dir);
  SqliteStore(const std::filesystem::path& data_dir, Options options);
  // Finishes the queued writes, stops the writer thread, checkpoints the WAL, closes everything.
  ~SqliteStore() override;

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  void write(const std::function<void(StoreTx&)>& fn) override;
  void read(const std::function<void(StoreTx&)>& fn) override;
  // Queued to the writer without waiting, coalesced per key while queued (see Store); at most
  // kMaxSoonJobs keys queued at once, beyond that the call is dropped.
  static constexpr std::size_t kMaxSoonJobs = 4096;
  void write_soon(const std::string& key, std::function<void(StoreTx&)> fn) override;

  const std::filesystem::path& db_path() const { return path_; }

  struct Stats {
    std::uint64_t jobs = 0;     // write() calls run
    std::uint64_t commits = 0;  // transactions committed (jobs / commits = mean batch size)
    std::uint64_t max_batch = 0;
    std::uint64_t reader_connections = 0;
  };
  Stats stats() const;

  // Testing aid: makes the next batch's COMMIT fail (as a full disk or an I/O error would).
  void fail_next_commit_for_testing() { fail_next_commit_.store(true); }

 private:
  struct Job;
  class ReaderLease;

  void writer_loop();
  void run_batch(std::vector<Job*>& batch);
  std::unique_ptr<sqlite::Db> open_connection(bool writer);
  std::unique_ptr<sqlite::Db> acquire_reader();
  void release_reader(std::unique_ptr<sqlite::Db> db);
  static int commit_hook(void* self);

  std::filesystem::path path_;
  Options options_;

  // Writer: the connection is touched only by the writer thread (and by the constructor and
  // destructor, when that thread is not running).
  std::unique_ptr<sqlite::Db> writer_;
  std::mutex queue_mutex_;
  std::condition_variable work_cv_;  // the writer waits for jobs (callers wait on their Job's)
  std::deque<Job*> queue_;
  std::map<std::string, Job*> soon_;  // queued write_soon jobs by key (owned; freed once run)
  bool stopping_ = false;
  std::thread writer_thread_;
  std::atomic<bool> fail_next_commit_{false};

  // Readers.
  mutable std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<sqlite::Db>> idle_readers_;
  int open_readers_ = 0;

  std::atomic<std::uint64_t> jobs_{0}, commits_{0}, max_batch_{0};
};

}  // namespace portal
