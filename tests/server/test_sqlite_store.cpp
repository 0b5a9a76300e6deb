// SqliteStore: the Store contract, plus what only a database on disk has to promise — data that
// survives a restart and a kill -9, migrations, parallel readers, one serialised (group-committing)
// writer, and the database deciding booking races.
#include <doctest/doctest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <latch>
#include <set>
#include <thread>

#include "core/store_contract.h"
#include "migrations.h"
#include "sqlite_db.h"
#include "sqlite_store.h"

namespace fs = std::filesystem;
using namespace portal;
using namespace std::chrono_literals;

namespace {

// A fresh folder under $TMPDIR (or /tmp), removed with everything in it.
struct TempDir {
  fs::path path;
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/portal-store-XXXXXX";
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Holds the store's writer inside a write until finish(), so that the writes offered meanwhile queue up behind it.
struct BusyWriter {
  std::promise<void> started, release;
  std::shared_future<void> go = release.get_future().share();
  std::thread thread;
  explicit BusyWriter(SqliteStore& store)
      : thread([this, &store] {
          store.write([this](StoreTx&) {
            started.set_value();
            go.wait();
          });
        }) {
    started.get_future().wait();
  }
  void finish() {
    if (!thread.joinable()) return;
    release.set_value();
    thread.join();
  }
  ~BusyWriter() { finish(); }
};

Request small_request(const std::string& id, std::int64_t number) {
  Request r = contract::make_request(id, number, "co1", 1'790'000'000 + number, "Subject " + id, "Description " + id);
  r.messages = {contract::make_message(id + "-m", "customer", "Body of " + id, r.created_at)};
  return r;
}

std::int64_t count_requests(Store& store) {
  std::int64_t n = 0;
  store.read([&](StoreTx& tx) { n = tx.list_requests(RequestQuery{}).total; });
  return n;
}

}  // namespace

TEST_CASE("SqliteStore meets the Store contract") {
  TempDir dir;
  int n = 0;
  contract::check_store_contract(
      [&] { return std::make_unique<SqliteStore>(dir.path / ("db" + std::to_string(n++))); });
}

TEST_CASE("SqliteStore: data survives closing and reopening") {
  TempDir dir;
  const Request r = small_request("req-1", 1);
  {
    SqliteStore store(dir.path);
    CHECK(fs::exists(dir.path / "portal.db"));
    store.write([&](StoreTx& tx) {
      CHECK(tx.next_sequence("requests") == 1);
      tx.put_company(contract::make_company("co1", "ag1"));
      CHECK(tx.insert_agent(contract::make_agent("ag1", "ag1@example.com")));
      CHECK(tx.insert_customer(contract::make_customer("cu1", "co1", "cu1@example.com")));
      tx.insert_request(r);
      CHECK(tx.insert_booking(contract::make_booking("b1", "ag1", 10'000)));
      tx.put_session(Session{"tok", PrincipalKind::kCustomer, "cu1", 1, 2});
    });
  }
  {
    SqliteStore store(dir.path);
    store.read([&](StoreTx& tx) {
      auto got = tx.request("req-1");
      REQUIRE(got.has_value());
      contract::check_same_request(*got, r);
      CHECK(tx.company("co1")->packages == std::vector<std::string>{"pkg_a", "pkg_b"});
      CHECK(tx.agent_load("ag1") == 1);
      CHECK(tx.customer_by_email("cu1@example.com")->id == "cu1");
      CHECK(tx.session("tok")->principal_id == "cu1");
      CHECK(tx.agent_bookings("ag1", 0, 100'000).size() == 1);
    });
    store.write([&](StoreTx& tx) {
      CHECK(tx.next_sequence("requests") == 2);
      CHECK_FALSE(tx.insert_booking(contract::make_booking("b2", "ag1", 10'000)));
    });
  }
  // A clean close checkpoints the WAL into the database file.
  std::error_code ec;
  const auto wal_size = fs::file_size(dir.path / "portal.db-wal", ec);
  CHECK((ec || wal_size == 0));
}

TEST_CASE("SqliteStore: migrations are versioned and idempotent") {
  TempDir dir;
  { SqliteStore store(dir.path); }
  { SqliteStore store(dir.path); }  // the second open finds the schema up to date
  sqlite::Db db((dir.path / "portal.db").string(), false);
  CHECK(sqlite::schema_version(db) == sqlite::latest_schema_version());
  CHECK(sqlite::apply_migrations(db) == sqlite::latest_schema_version());  // nothing left to do
  {
    auto q = db.query("SELECT count(*) FROM schema_version");
    q->step();
    CHECK(q->int64(0) == static_cast<std::int64_t>(sqlite::migrations().size()));
  }
  {
    auto q = db.query("PRAGMA journal_mode");
    REQUIRE(q->step());
    CHECK(q->text(0) == "wal");
  }
  {
    auto q = db.query("SELECT count(*) FROM sqlite_schema WHERE name = 'bookings_active_slot'");
    q->step();
    CHECK(q->int64(0) == 1);
  }
  // Versions are consecutive from 1.
  int expected = 1;
  for (const auto& m : sqlite::migrations()) CHECK(m.version == expected++);

  // A database written by a newer program is refused, not damaged.
  db.exec("INSERT INTO schema_version (version, applied_at) VALUES (9999, 0)");
  CHECK_THROWS_AS(SqliteStore{dir.path}, std::runtime_error);
}

namespace {

// The schema as SQLite keeps it: every table and index with its SQL, comments and spacing aside.
std::vector<std::string> schema_of(sqlite::Db& db) {
  std::vector<std::string> out;
  auto q = db.query("SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name");
  while (q->step()) {
    std::string sql, word;
    bool comment = false;
    for (std::size_t i = 0; i < q->text(2).size(); ++i) {
      const char c = q->text(2)[i];
      if (comment) comment = c != '\n';
      else if (c == '-' && i + 1 < q->text(2).size() && q->text(2)[i + 1] == '-') comment = true;
      else if (c != ' ' && c != '\n') sql += c;
    }
    out.push_back(q->text(0) + " " + q->text(1) + " " + sql);
  }
  return out;
}

}  // namespace

TEST_CASE("schema: one neutral DDL, spelled per dialect") {
  using schema::Dialect;
  const std::string neutral =
      "CREATE TABLE t (\n  id $str $key,\n  n $int NOT NULL\n@pg   , w TEXT NOT NULL\n)$norowid;\n"
      "@sqlite CREATE INDEX t_n ON t(n) WHERE id = 'x'$bytes;\n";
  CHECK(schema::ddl(neutral, Dialect::kSqlite) ==
        "CREATE TABLE t (\n  id TEXT PRIMARY KEY NOT NULL,\n  n INTEGER NOT NULL\n) WITHOUT ROWID;\n"
        "CREATE INDEX t_n ON t(n) WHERE id = 'x';\n");
  CHECK(schema::ddl(neutral, Dialect::kPostgres) ==
        "CREATE TABLE t (\n  id BYTEA PRIMARY KEY,\n  n BIGINT NOT NULL\n  , w TEXT NOT NULL\n);\n");
  // No neutral word is left in any step of either dialect.
  for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres})
    for (const schema::Step& step : schema::steps(d)) {
      CHECK(step.sql.find('$') == std::string::npos);
      CHECK(step.sql.find("\n@") == std::string::npos);
    }
}

TEST_CASE("SqliteStore: a database left at any earlier version migrates to the fresh schema") {
  TempDir dir;
  const auto fresh_path = (dir.path / "fresh.db").string();
  sqlite::Db fresh(fresh_path);
  sqlite::apply_migrations(fresh);
  const auto want = schema_of(fresh);
  REQUIRE(want.size() > 20);
  for (int stop = 1; stop < sqlite::latest_schema_version(); ++stop) {
    CAPTURE(stop);
    sqlite::Db db((dir.path / ("at" + std::to_string(stop) + ".db")).string());
    db.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY NOT NULL, applied_at INTEGER NOT NULL)");
    for (const auto& m : sqlite::migrations())
      if (m.version <= stop) {
        db.exec(m.sql.c_str());
        db.exec(("INSERT INTO schema_version VALUES (" + std::to_string(m.version) + ", 0)").c_str());
      }
    CHECK(sqlite::apply_migrations(db) == stop);
    CHECK(schema_of(db) == want);
  }
}

TEST_CASE("SqliteStore: concurrent writes are all kept, reads run alongside") {
  TempDir dir;
  SqliteStore store(dir.path);
  constexpr int kThreads = 8;
  constexpr int kWrites = 200;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::atomic<int> reads{0};
  std::atomic<bool> went_back{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&] {
      std::int64_t last = 0;
      while (writing.load()) {
        const std::int64_t now = count_requests(store);
        if (now < last) went_back = true;
        last = now;
        ++reads;
      }
    });
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        try {
          store.write([&](StoreTx& tx) {
            const std::int64_t number = tx.next_sequence("requests");
            tx.insert_request(small_request("t" + std::to_string(t) + "-" + std::to_string(i), number));
          });
        } catch (...) {
          ++failures;
        }
      }
    });
  for (auto& w : writers) w.join();
  writing = false;
  for (auto& r : readers) r.join();
  CHECK(failures.load() == 0);
  CHECK_FALSE(went_back.load());
  CHECK(reads.load() > 0);
  CHECK(count_requests(store) == kThreads * kWrites);
  store.write([&](StoreTx& tx) { CHECK(tx.next_sequence("requests") == kThreads * kWrites + 1); });
  store.read([&](StoreTx& tx) {
    std::set<std::int64_t> numbers;
    for (const Request& r : tx.requests_for_metrics("")) numbers.insert(r.number);
    CHECK(numbers.size() == static_cast<std::size_t>(kThreads * kWrites));
    CHECK(*numbers.begin() == 1);
    CHECK(*numbers.rbegin() == kThreads * kWrites);
    CHECK(tx.request("t7-199")->messages.size() == 1);
  });
  const auto stats = store.stats();
  CHECK(stats.jobs == static_cast<std::uint64_t>(kThreads * kWrites + 1));
  CHECK(stats.commits <= stats.jobs);
  MESSAGE("8x200 writes: ", stats.commits, " commits, largest batch ", stats.max_batch, ", ", stats.reader_connections,
          " reader connections");
}

TEST_CASE("SqliteStore: of 20 racing bookings of one slot exactly one wins") {
  TempDir dir;
  SqliteStore store(dir.path);
  constexpr int kThreads = 20;
  for (int round = 0; round < 5; ++round) {
    const Instant start = 100'000 + round * 1800;
    std::latch go(kThreads);
    std::atomic<int> wins{0}, errors{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        const Booking b = contract::make_booking("r" + std::to_string(round) + "-" + std::to_string(t), "agA", start);
        go.arrive_and_wait();
        try {
          bool ok = false;
          store.write([&](StoreTx& tx) { ok = tx.insert_booking(b); });
          if (ok) ++wins;
        } catch (...) {
          ++errors;
        }
      });
    for (auto& t : threads) t.join();
    CHECK(wins.load() == 1);
    CHECK(errors.load() == 0);
    store.read([&](StoreTx& tx) { CHECK(tx.agent_bookings("agA", start, start + 1).size() == 1); });
  }
}

TEST_CASE("SqliteStore: jobs of one batch are isolated from each other's failures") {
  TempDir dir;
  SqliteStore store(dir.path);
  // A slow job holds the writer; the jobs queued meanwhile are committed together, in one batch.
  std::atomic<bool> slow_started{false};
  std::thread slow([&] {
    store.write([&](StoreTx& tx) {
      tx.put_company(contract::make_company("slow"));
      slow_started = true;
      std::this_thread::sleep_for(300ms);
    });
  });
  while (!slow_started.load()) std::this_thread::sleep_for(1ms);
  const auto before = store.stats();

  constexpr int kJobs = 10;
  std::atomic<int> aborted{0}, ok{0}, saw_rolled_back{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kJobs; ++i)
    threads.emplace_back([&, i] {
      const bool bad = i % 2 == 1;
      try {
        store.write([&](StoreTx& tx) {
          const std::int64_t n = tx.next_sequence("x");
          // The bad jobs' increments are rolled back: the good jobs draw 1..5 between them.
          if (!bad && n > kJobs / 2) ++saw_rolled_back;
          for (int j = 0; j < kJobs; ++j)
            if (j % 2 == 1 && tx.company("bad" + std::to_string(j))) ++saw_rolled_back;
          tx.put_company(contract::make_company((bad ? "bad" : "good") + std::to_string(i)));
          if (bad) throw contract::Abort{};
        });
        ++ok;
      } catch (const contract::Abort&) {
        ++aborted;
      }
    });
  // The read sees committed data only: not the slow job's company, still uncommitted.
  store.read([&](StoreTx& tx) { CHECK_FALSE(tx.company("slow").has_value()); });
  for (auto& t : threads) t.join();
  slow.join();
  CHECK(ok.load() == kJobs / 2);
  CHECK(aborted.load() == kJobs / 2);
  CHECK(saw_rolled_back.load() == 0);
  store.read([&](StoreTx& tx) {
    CHECK(tx.company("slow").has_value());
    for (int i = 0; i < kJobs; ++i)
      CHECK(tx.company((i % 2 ? "bad" : "good") + std::to_string(i)).has_value() == (i % 2 == 0));
  });
  store.write([&](StoreTx& tx) { CHECK(tx.next_sequence("x") == kJobs / 2 + 1); });
  const auto after = store.stats();
  // 11 jobs (+1 check) in far fewer commits: the queued ones were grouped.
  CHECK(after.max_batch >= 2);
  CHECK(after.commits - before.commits < after.jobs - before.jobs);
}

TEST_CASE("SqliteStore: a failed COMMIT fails every caller of the batch") {
  TempDir dir;
  SqliteStore store(dir.path);
  // One job alone.
  CHECK_THROWS_AS(store.write([&](StoreTx& tx) {
    tx.put_company(contract::make_company("lost"));
    store.fail_next_commit_for_testing();
  }),
                  std::runtime_error);
  store.read([&](StoreTx& tx) { CHECK_FALSE(tx.company("lost").has_value()); });

  // A batch of three behind a slow job: the good ones get runtime_error, the throwing one its own.
  std::atomic<bool> slow_started{false};
  std::thread slow([&] {
    store.write([&](StoreTx& tx) {
      slow_started = true;
      std::this_thread::sleep_for(300ms);
      tx.put_company(contract::make_company("slow"));
    });
  });
  while (!slow_started.load()) std::this_thread::sleep_for(1ms);
  std::atomic<int> runtime_errors{0}, aborts{0}, ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&, i] {
      try {
        store.write([&](StoreTx& tx) {
          tx.put_company(contract::make_company("batch" + std::to_string(i)));
          if (i == 1) throw contract::Abort{};
          if (i == 2) store.fail_next_commit_for_testing();
        });
        ++ok;
      } catch (const contract::Abort&) {
        ++aborts;
      } catch (const std::runtime_error&) {
        ++runtime_errors;
      }
    });
  for (auto& t : threads) t.join();
  slow.join();
  CHECK(ok.load() == 0);
  CHECK(aborts.load() == 1);
  CHECK(runtime_errors.load() == 2);
  store.read([&](StoreTx& tx) {
    CHECK(tx.company("slow").has_value());
    for (int i = 0; i < 3; ++i) CHECK_FALSE(tx.company("batch" + std::to_string(i)).has_value());
  });
  // And the store goes on.
  store.write([&](StoreTx& tx) { tx.put_company(contract::make_company("after")); });
  store.read([&](StoreTx& tx) { CHECK(tx.company("after").has_value()); });
}

TEST_CASE("SqliteStore: write inside write is refused, reads run in parallel") {
  TempDir dir;
  SqliteStore store(dir.path, SqliteStore::Options{4, 5000});
  CHECK_THROWS_AS(store.write([&](StoreTx&) { store.write([](StoreTx&) {}); }), std::logic_error);

  // Four reads at once: each waits inside read() until all four are in (or gives up after 5 s).
  std::atomic<int> inside{0};
  std::atomic<int> met{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      store.read([&](StoreTx& tx) {
        tx.company("x");
        ++inside;
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (inside.load() < 4 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
        if (inside.load() >= 4) ++met;
      });
    });
  for (auto& t : threads) t.join();
  CHECK(met.load() == 4);
  CHECK(store.stats().reader_connections == 4);
  // A read that tries to write is refused by its read-only connection.
  CHECK_THROWS(store.read([&](StoreTx& tx) { tx.put_company(contract::make_company("nope")); }));
  store.read([&](StoreTx& tx) { CHECK_FALSE(tx.company("nope").has_value()); });
}

TEST_CASE("SqliteStore: every acknowledged write survives kill -9") {
  TempDir dir;
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // Child: 4 writer threads; an id goes to the pipe only once write() has returned.
    close(fds[0]);
    {
      SqliteStore store(dir.path);
      std::vector<std::thread> threads;
      for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
          for (int i = 0; i < 1'000'000; ++i) {
            const std::string id = "k" + std::to_string(t) + "-" + std::to_string(i);
            try {
              store.write([&](StoreTx& tx) { tx.insert_request(small_request(id, tx.next_sequence("n"))); });
            } catch (...) {
              _exit(3);
            }
            const std::string line = id + "\n";  // < PIPE_BUF: written atomically
            if (::write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(4);
          }
        });
      for (auto& th : threads) th.join();
    }
    _exit(0);
  }
  close(fds[1]);
  std::vector<std::string> acked;
  std::string buffer;
  char chunk[4096];
  bool killed = false;
  for (;;) {
    const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
    if (n <= 0) break;  // EOF once the child is gone
    buffer.append(chunk, static_cast<std::size_t>(n));
    std::size_t pos;
    while ((pos = buffer.find('\n')) != std::string::npos) {
      acked.push_back(buffer.substr(0, pos));
      buffer.erase(0, pos + 1);
    }
    if (!killed && acked.size() >= 500) {
      kill(pid, SIGKILL);  // mid-way: the child is writing as fast as it can
      killed = true;
    }
  }
  close(fds[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(killed);
  CHECK(WIFSIGNALED(status));
  MESSAGE(acked.size(), " writes acknowledged before kill -9");

  SqliteStore store(dir.path);
  std::int64_t stored = 0;
  int missing = 0;
  store.read([&](StoreTx& tx) {
    for (const std::string& id : acked) {
      auto r = tx.request(id);
      if (!r || r->messages.size() != 1) ++missing;
    }
    stored = tx.list_requests(RequestQuery{}).total;
  });
  CHECK(missing == 0);
  CHECK(stored >= static_cast<std::int64_t>(acked.size()));
  sqlite::Db db(store.db_path().string(), false);
  auto q = db.query("PRAGMA integrity_check");
  REQUIRE(q->step());
  CHECK(q->text(0) == "ok");
}

TEST_CASE("SqliteStore: write_soon is queued without waiting and coalesced per key while queued") {
  TempDir dir;
  SqliteStore store(dir.path);
  BusyWriter busy(store);       // the write_soon calls below queue up behind it
  for (int i = 1; i <= 3; ++i)  // returns at once although the writer is busy
    store.write_soon("touch:a", [i](StoreTx& tx) { tx.next_sequence("a" + std::to_string(i)); });
  store.write_soon("touch:b", [](StoreTx& tx) { tx.next_sequence("b"); });
  busy.finish();
  store.write([](StoreTx&) {});  // queued after them: once it returns, they have run
  store.write_soon("touch:a", [](StoreTx& tx) { tx.next_sequence("a4"); });  // taken: queued anew
  store.write([](StoreTx&) {});
  store.write([](StoreTx& tx) {
    CHECK(tx.next_sequence("a1") == 1);  // replaced while queued: never ran
    CHECK(tx.next_sequence("a2") == 1);
    CHECK(tx.next_sequence("a3") == 2);  // the newest one ran, once
    CHECK(tx.next_sequence("b") == 2);   // another key is its own job
    CHECK(tx.next_sequence("a4") == 2);
  });
}

TEST_CASE("SqliteStore: write_soon is bounded: keys beyond kMaxSoonJobs queued at once are dropped") {
  TempDir dir;
  SqliteStore store(dir.path);
  BusyWriter busy(store);
  const std::size_t offered = SqliteStore::kMaxSoonJobs + 50;
  for (std::size_t i = 0; i < offered; ++i)
    store.write_soon("k" + std::to_string(i), [](StoreTx& tx) { tx.next_sequence("ran"); });
  busy.finish();
  store.write([](StoreTx&) {});
  store.write_soon("after", [](StoreTx& tx) { tx.next_sequence("ran"); });  // room again once taken
  store.write([](StoreTx&) {});
  store.write(
      [](StoreTx& tx) { CHECK(tx.next_sequence("ran") == static_cast<std::int64_t>(SqliteStore::kMaxSoonJobs) + 2); });
}
