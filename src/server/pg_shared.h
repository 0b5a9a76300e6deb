// What several portal-server instances over one PostgreSQL database share beyond the Store
// interface: rate counters (the sign-in and registration throttles count every instance's
// attempts together) and settings made once for the whole cluster (first writer wins).
#pragma once
#include <atomic>
#include <cstdint>
#include <string>

#include "api/rate_limiter.h"
#include "pg_store.h"

namespace portal {

class PgSharedCounters {
 public:
  struct Entry {
    int count = 0;
    std::int64_t window_start = 0;
    std::int64_t last = 0;
  };
  explicit PgSharedCounters(PgStore& store) : store_(store) {}

  // The key's events in its current window (count 0 when none or expired).
  Entry get(const std::string& key, std::int64_t window, std::int64_t now);
  // Counts one event (a new window starts when the last one is over); the entry after it.
  // Atomic across instances (one UPSERT). Now and then deletes expired rows.
  Entry hit(const std::string& key, std::int64_t window, std::int64_t now);
  void clear(const std::string& key);

 private:
  PgStore& store_;
  std::atomic<std::uint64_t> hits_{0};  // for the occasional clean-up
};

// The sign-in and registration throttles (api/rate_limiter.h) on PgSharedCounters.
class PgRateCounters final : public RateLimiter::Shared {
 public:
  explicit PgRateCounters(PgStore& store) : counters_(store) {}
  RateLimiter::Entry get(const std::string& key, Instant window, Instant now) override {
    return to(counters_.get(key, window, now));
  }
  RateLimiter::Entry hit(const std::string& key, Instant window, Instant now) override {
    return to(counters_.hit(key, window, now));
  }
  void clear(const std::string& key) override { counters_.clear(key); }

 private:
  static RateLimiter::Entry to(const PgSharedCounters::Entry& e) { return {e.count, e.window_start, e.last}; }
  PgSharedCounters counters_;
};

// The cluster's value of `name`: `candidate` if nobody set it before, else the stored one.
std::string pg_shared_setting(PgStore& store, const std::string& name, const std::string& candidate);

}  // namespace portal
