#include "api/rate_limiter.h"

namespace portal {

void RateLimiter::expire(Instant now) {
  while (!order_.empty()) {
    auto it = slots_.find(order_.front());
    if (it != slots_.end() && it->second.entry.window_start + window_ > now) break;
    if (it != slots_.end()) slots_.erase(it);
    order_.pop_front();
  }
}

RateLimiter::Entry RateLimiter::get(const std::string& key, Instant now) {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(key);
  if (it == slots_.end() || it->second.entry.window_start + window_ <= now) return {};
  return it->second.entry;
}

RateLimiter::Entry RateLimiter::hit(const std::string& key, Instant now) {
  std::lock_guard lock(mutex_);
  expire(now);
  auto it = slots_.find(key);
  if (it == slots_.end()) {
    if (slots_.size() >= max_entries_) {  // full of live entries: the oldest window goes
      slots_.erase(order_.front());
      order_.pop_front();
    }
    order_.push_back(key);
    it = slots_.emplace(key, Slot{Entry{0, now, now}, std::prev(order_.end())}).first;
  } else if (it->second.entry.window_start + window_ <= now) {  // expired but not swept yet
    it->second.entry = Entry{0, now, now};
    order_.splice(order_.end(), order_, it->second.order);  // now the newest window
  }
  ++it->second.entry.count;
  it->second.entry.last = now;
  return it->second.entry;
}

void RateLimiter::clear(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(key);
  if (it == slots_.end()) return;
  order_.erase(it->second.order);
  slots_.erase(it);
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return slots_.size();
}

}  // namespace portal
