#include "api/rate_limiter.h"

#include <algorithm>
#include <vector>

namespace portal {

void RateLimiter::make_room(Instant now) {
  for (auto it = slots_.begin(); it != slots_.end();)
    it = it->second.window_start + window_ <= now ? slots_.erase(it) : std::next(it);
  if (slots_.size() < max_entries_) return;
  // Every entry is live: the oldest tenth of the windows go (one sweep per tenth of the cap).
  std::vector<Instant> starts;
  starts.reserve(slots_.size());
  for (const auto& [key, e] : slots_) starts.push_back(e.window_start);
  const std::size_t drop = std::max<std::size_t>(1, slots_.size() / 10);
  std::nth_element(starts.begin(), starts.begin() + static_cast<std::ptrdiff_t>(drop - 1), starts.end());
  const Instant cutoff = starts[drop - 1];
  for (auto it = slots_.begin(); it != slots_.end();)
    it = it->second.window_start <= cutoff ? slots_.erase(it) : std::next(it);
}

RateLimiter::Entry RateLimiter::get(const std::string& key, Instant now) {
  if (shared_) return shared_->get(key, window_, now);
  std::lock_guard lock(mutex_);
  auto it = slots_.find(key);
  if (it == slots_.end() || it->second.window_start + window_ <= now) return {};
  return it->second;
}

RateLimiter::Entry RateLimiter::hit(const std::string& key, Instant now) {
  if (shared_) return shared_->hit(key, window_, now);
  std::lock_guard lock(mutex_);
  auto it = slots_.find(key);
  if (it == slots_.end()) {
    if (slots_.size() >= max_entries_) make_room(now);
    it = slots_.emplace(key, Entry{0, now, now}).first;
  } else if (it->second.window_start + window_ <= now) {  // expired, not swept yet: a new window
    it->second = Entry{0, now, now};
  }
  ++it->second.count;
  it->second.last = now;
  return it->second;
}

void RateLimiter::clear(const std::string& key) {
  if (shared_) return shared_->clear(key);
  std::lock_guard lock(mutex_);
  slots_.erase(key);
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return slots_.size();
}

}  // namespace portal
