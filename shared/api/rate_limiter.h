// Bounded counters of events per key over a fixed window (failed sign-ins, registrations per
// address): each entry expires with its window, and the table never holds more than
// `max_entries` (the oldest window goes first), so a flood of distinct keys (a million failing
// emails) leaves memory flat. Keys should be short digests (the router passes BLAKE2b prefixes).
// Thread-safe. Process-local: a fast path; several server instances each count their own share.
// (A std::map, swept when full: the portal's wasm has no hash-table or list code to pull in.)
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "time/civil.h"

namespace portal {

class RateLimiter {
 public:
  struct Entry {
    int count = 0;
    Instant window_start = 0;
    Instant last = 0;  // the latest event
  };

  RateLimiter(Instant window_seconds, std::size_t max_entries) : window_(window_seconds), max_entries_(max_entries) {}

  // Counters kept for every server instance together (PostgreSQL: src/server/pg_shared.h). When
  // shared, get/hit/clear go there (keys must then be distinct across limiters) and the local
  // table stays empty. Set before use.
  struct Shared {
    virtual ~Shared() = default;
    virtual Entry get(const std::string& key, Instant window, Instant now) = 0;
    virtual Entry hit(const std::string& key, Instant window, Instant now) = 0;
    virtual void clear(const std::string& key) = 0;
  };
  void share(std::shared_ptr<Shared> shared) { shared_ = std::move(shared); }

  // The key's events in the current window (count 0 when none or expired).
  Entry get(const std::string& key, Instant now);
  // Counts one event; returns the entry after it.
  Entry hit(const std::string& key, Instant now);
  void clear(const std::string& key);
  // Seconds until the key's window ends (at least 1).
  Instant until_reset(const Entry& e, Instant now) const {
    return e.window_start + window_ > now ? e.window_start + window_ - now : 1;
  }

  std::size_t size() const;
  Instant window() const { return window_; }

 private:
  // Full: drops the expired entries, and if still full the oldest tenth (caller holds the mutex).
  void make_room(Instant now);

  const Instant window_;
  const std::size_t max_entries_;
  std::shared_ptr<Shared> shared_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> slots_;
};

}  // namespace portal
