// PgStore: the Store contract on a real PostgreSQL, plus what several instances over one database
// need: migrations safe when instances start together, booking races and overlapping bookings
// decided by the database, unique numbers across instances, and 503-style failures (never a hang)
// while the server is down, then recovery by itself.
//
// Run through scripts/pg-throwaway (CTest does), which starts a throw-away cluster and sets
// PORTAL_TEST_DATABASE_URL and PORTAL_TEST_PG_DIR.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <latch>
#include <set>
#include <thread>

#include "core/store_contract.h"
#include "pg_conn.h"
#include "pg_schema.h"
#include "pg_shared.h"
#include "pg_store.h"

using namespace portal;
using namespace std::chrono_literals;

namespace {

std::string database_url() {
  const char* url = std::getenv("PORTAL_TEST_DATABASE_URL");
  REQUIRE_MESSAGE((url && *url), "PORTAL_TEST_DATABASE_URL is not set: run through scripts/pg-throwaway run -- ...");
  return url;
}

// An empty database: the public schema dropped and made again (extensions included).
void reset_database() {
  pg::Conn conn(database_url());
  conn.exec("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  conn.exec("DROP TABLE IF EXISTS schema_version");
}

std::int64_t count(const std::string& sql) {
  pg::Conn conn(database_url());
  return conn.query(sql).int64(0, 0);
}

}  // namespace

TEST_CASE("PgStore meets the Store contract") {
  contract::check_store_contract([] {
    reset_database();
    return std::make_unique<PgStore>(database_url());
  });
}

TEST_CASE("PgStore: migrations are versioned; instances starting together migrate once") {
  reset_database();
  constexpr int kInstances = 4;
  std::latch start(kInstances);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kInstances; ++i)
    threads.emplace_back([&] {
      start.arrive_and_wait();
      try {
        PgStore store(database_url());
      } catch (const std::exception& e) {
        MESSAGE(std::string(e.what()));
        failures.fetch_add(1);
      }
    });
  for (auto& t : threads) t.join();
  CHECK(failures.load() == 0);
  CHECK(count("SELECT count(*) FROM schema_version") == static_cast<std::int64_t>(pg::pg_migrations().size()));
  CHECK(count("SELECT max(version) FROM schema_version") == pg::pg_latest_schema_version());
  int expected = 1;
  for (const auto& m : pg::pg_migrations()) CHECK(m.version == expected++);
  // A database written by a newer program is refused, not damaged.
  {
    pg::Conn conn(database_url());
    conn.exec("INSERT INTO schema_version (version, name) VALUES (9999, 'future')");
  }
  CHECK_THROWS_AS(PgStore{database_url()}, std::runtime_error);
}

TEST_CASE("PgStore: overlapping bookings of an agent are refused whatever their starts") {
  reset_database();
  PgStore store(database_url());
  store.write([&](StoreTx& tx) {
    CHECK(tx.insert_booking(contract::make_booking("b1", "agA", 10'000)));        // [10000, 11800)
    CHECK_FALSE(tx.insert_booking(contract::make_booking("b2", "agA", 10'900)));  // overlaps
    CHECK_FALSE(tx.insert_booking(contract::make_booking("b3", "agA", 8'300)));   // ends inside
    CHECK(tx.insert_booking(contract::make_booking("b4", "agA", 8'200)));         // ends at its start
    CHECK(tx.insert_booking(contract::make_booking("b5", "agB", 10'900)));        // another agent
  });
  // A move into an overlap is refused too; a cancelled booking frees its range.
  Booking moved = contract::make_booking("b4", "agA", 9'000);
  store.write([&](StoreTx& tx) { CHECK_FALSE(tx.update_booking(moved)); });
  Booking cancelled = contract::make_booking("b1", "agA", 10'000);
  cancelled.status = "cancelled";
  store.write([&](StoreTx& tx) {
    CHECK(tx.update_booking(cancelled));
    CHECK(tx.insert_booking(contract::make_booking("b6", "agA", 10'900)));
  });
}

namespace {

// Writes as a client would: a StoreUnavailable (the pool could not open a connection in time, as
// on a loaded machine) is answered 503 + Retry-After, and the client tries again.
void write_retrying(Store& store, const std::function<void(StoreTx&)>& fn) {
  for (int attempt = 0;; ++attempt) {
    try {
      store.write(fn);
      return;
    } catch (const StoreUnavailable& e) {
      if (attempt >= 20) throw;
      MESSAGE("retrying after: " << e.what());
      std::this_thread::sleep_for(std::chrono::milliseconds(600));
    }
  }
}

}  // namespace

TEST_CASE("PgStore: two instances racing for one slot, numbering requests, signing up one email") {
  reset_database();
  PgStore a(database_url());
  PgStore b(database_url());
  constexpr int kThreads = 8;
  std::latch start(kThreads);
  std::atomic<int> booked{0}, signed_up{0}, errors{0};
  std::vector<std::int64_t> numbers(kThreads * 10);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      Store& store = t % 2 ? static_cast<Store&>(a) : static_cast<Store&>(b);
      start.arrive_and_wait();
      try {
        // Different starts, all overlapping [10000, 11800): exactly one may win.
        write_retrying(store, [&](StoreTx& tx) {
          if (tx.insert_booking(contract::make_booking("bk" + std::to_string(t), "agA", 10'000 + t * 60)))
            booked.fetch_add(1);
        });
        write_retrying(store, [&](StoreTx& tx) {
          if (tx.insert_customer(contract::make_customer("cu" + std::to_string(t), "co1", "Same@Example.com")))
            signed_up.fetch_add(1);
        });
        for (int i = 0; i < 10; ++i)
          write_retrying(store, [&](StoreTx& tx) {
            numbers[static_cast<std::size_t>(t * 10 + i)] = tx.next_sequence("requests");
          });
      } catch (const std::exception& e) {
        MESSAGE(std::string(e.what()));
        errors.fetch_add(1);
      }
    });
  for (auto& th : threads) th.join();
  CHECK(errors.load() == 0);
  CHECK(booked.load() == 1);
  CHECK(signed_up.load() == 1);
  std::set<std::int64_t> unique(numbers.begin(), numbers.end());
  CHECK(unique.size() == numbers.size());
  CHECK(*unique.begin() == 1);
  CHECK(*unique.rbegin() == static_cast<std::int64_t>(numbers.size()));
}

TEST_CASE("PgStore: concurrent replies to one request through two instances are all kept") {
  reset_database();
  PgStore a(database_url());
  PgStore b(database_url());
  const Request original = contract::make_request("rq", 1, "co1", 100, "Subject", "Body");
  a.write([&](StoreTx& tx) { tx.insert_request(original); });
  constexpr int kThreads = 6, kReplies = 10;
  std::latch start(kThreads);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      Store& store = t % 2 ? static_cast<Store&>(a) : static_cast<Store&>(b);
      start.arrive_and_wait();
      for (int i = 0; i < kReplies; ++i) {
        try {
          store.write([&](StoreTx& tx) {
            auto r = tx.request("rq");  // locks the row: the read-modify-write is not lost
            r->messages.push_back(
                contract::make_message("m" + std::to_string(t) + "-" + std::to_string(i), "agent", "hi", 200));
            r->updated_at += 1;
            tx.update_request(*r);
          });
        } catch (const std::exception& e) {
          MESSAGE(std::string(e.what()));
          errors.fetch_add(1);
        }
      }
    });
  for (auto& th : threads) th.join();
  CHECK(errors.load() == 0);
  a.read([&](StoreTx& tx) {
    auto r = tx.request("rq");
    REQUIRE(r.has_value());
    CHECK(r->messages.size() == original.messages.size() + static_cast<std::size_t>(kThreads * kReplies));
    CHECK(r->updated_at == original.updated_at + kThreads * kReplies);
  });
}

TEST_CASE("PgStore: an unreachable database is a quick StoreUnavailable, and the store recovers") {
  // No server on that port: the constructor fails at once.
  CHECK_THROWS(PgStore{"postgresql://portal@127.0.0.1:1/portal"});

  reset_database();
  PgStore store(database_url());
  store.write([&](StoreTx& tx) { CHECK(tx.next_sequence("n") == 1); });

  const char* dir = std::getenv("PORTAL_TEST_PG_DIR");
  REQUIRE(dir);
  const std::string script = std::string(PORTAL_ROOT) + "/scripts/pg-throwaway";
  REQUIRE(std::system((script + " stop " + dir).c_str()) == 0);
  for (int i = 0; i < 5; ++i) {
    const auto started = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(store.write([&](StoreTx& tx) { tx.next_sequence("n"); }), StoreUnavailable);
    CHECK_THROWS_AS(store.read([&](StoreTx& tx) { tx.agents(); }), StoreUnavailable);
    // Bounded: never a hang (a generous bound, not a timing goal).
    CHECK(std::chrono::steady_clock::now() - started < 20s);
  }
  REQUIRE(std::system((script + " start " + dir + " >/dev/null").c_str()) == 0);
  // Back by itself: the pool drops dead connections and reconnects (after its retry interval).
  std::int64_t value = 0;
  for (int i = 0; i < 200 && value == 0; ++i) {
    try {
      store.write([&](StoreTx& tx) { value = tx.next_sequence("n"); });
    } catch (const StoreUnavailable&) {
      std::this_thread::sleep_for(50ms);
    }
  }
  CHECK(value == 2);  // the acknowledged write before the outage was kept; failed ones were not
}

TEST_CASE("PgSharedCounters and shared settings: every instance counts and sees the same") {
  reset_database();
  PgStore a(database_url());
  PgStore b(database_url());
  PgSharedCounters ca(a), cb(b);
  CHECK(ca.get("k", 900, 1000).count == 0);
  CHECK(ca.hit("k", 900, 1000).count == 1);
  CHECK(cb.hit("k", 900, 1001).count == 2);
  auto e = ca.get("k", 900, 1002);
  CHECK(e.count == 2);
  CHECK(e.window_start == 1000);
  CHECK(e.last == 1001);
  CHECK(cb.hit("k", 900, 1900).count == 1);  // the window is over: a new one
  CHECK(cb.get("k", 900, 1901).window_start == 1900);
  ca.clear("k");
  CHECK(cb.get("k", 900, 1902).count == 0);
  // Concurrent hits from both instances are all counted.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) (t % 2 ? ca : cb).hit("race", 900, 5000);
    });
  for (auto& th : threads) th.join();
  CHECK(ca.get("race", 900, 5001).count == 100);

  CHECK(pg_shared_setting(a, "device_key", "from-a") == "from-a");
  CHECK(pg_shared_setting(b, "device_key", "from-b") == "from-a");
}

TEST_CASE("PgStore: write_soon runs queued bookkeeping in the background, coalesced per key, bounded") {
  reset_database();
  auto store = std::make_unique<PgStore>(database_url());
  // Hold the background thread inside a job, so that the calls below queue up behind it.
  std::promise<void> started, release;
  std::shared_future<void> go = release.get_future().share();
  store->write_soon("block", [&](StoreTx&) {
    started.set_value();
    go.wait();
  });
  started.get_future().wait();
  for (int i = 1; i <= 3; ++i)
    store->write_soon("touch:a", [i](StoreTx& tx) { tx.next_sequence("a" + std::to_string(i)); });
  store->write_soon("touch:b", [](StoreTx& tx) { tx.next_sequence("b"); });
  for (std::size_t i = 0; i < PgStore::kMaxSoonJobs + 50; ++i)  // 2 keys queued already
    store->write_soon("k" + std::to_string(i), [](StoreTx& tx) { tx.next_sequence("many"); });
  release.set_value();
  store.reset();  // the destructor runs what is still queued
  PgStore again(database_url());
  again.write([](StoreTx& tx) {
    CHECK(tx.next_sequence("a1") == 1);  // replaced while queued: never ran
    CHECK(tx.next_sequence("a2") == 1);
    CHECK(tx.next_sequence("a3") == 2);  // the newest one ran, once
    CHECK(tx.next_sequence("b") == 2);
    CHECK(tx.next_sequence("many") == static_cast<std::int64_t>(PgStore::kMaxSoonJobs) - 2 + 1);  // the rest dropped
  });
}
