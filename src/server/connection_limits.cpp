#include "connection_limits.h"

namespace portal {

bool ConnectionLimits::admit(const std::string& address, bool exempt) {
  std::lock_guard lock(mutex_);
  if (total_ >= max_total_) return false;
  if (exempt) {
    ++total_;
    return true;
  }
  PerAddress& a = addresses_[address];
  if (a.connections >= per_address_) {
    drop_if_empty(address);
    return false;
  }
  ++a.connections;  // counted from accept: a flood of connections cannot race past the cap
  ++total_;
  return true;
}

void ConnectionLimits::accepted(std::uint64_t connection_id, const std::string& address, bool exempt) {
  std::lock_guard lock(mutex_);
  connections_[connection_id] = Conn{address, exempt, false};
}

void ConnectionLimits::closed(std::uint64_t connection_id, const std::string& address, bool exempt) {
  std::lock_guard lock(mutex_);
  auto it = connections_.find(connection_id);
  if (total_ > 0) --total_;
  if (it == connections_.end()) {  // admitted, never accepted (a failed TLS handshake)
    auto a = addresses_.find(address);
    if (!exempt && a != addresses_.end() && a->second.connections > 0) --a->second.connections;
    if (!exempt) drop_if_empty(address);
    return;
  }
  if (!it->second.exempt) {
    auto a = addresses_.find(it->second.address);
    if (a != addresses_.end()) {
      unsigned& n = it->second.stream ? a->second.streams : a->second.connections;
      if (n > 0) --n;
      drop_if_empty(it->second.address);
    }
  }
  connections_.erase(it);
}

bool ConnectionLimits::promote_to_stream(std::uint64_t connection_id) {
  std::lock_guard lock(mutex_);
  auto it = connections_.find(connection_id);
  if (it == connections_.end()) return false;
  if (it->second.stream) return true;
  if (it->second.exempt) {
    it->second.stream = true;
    return true;
  }
  PerAddress& a = addresses_[it->second.address];
  if (a.streams >= streams_per_address_) return false;
  ++a.streams;
  if (a.connections > 0) --a.connections;
  it->second.stream = true;
  return true;
}

unsigned ConnectionLimits::open_connections(const std::string& address) const {
  std::lock_guard lock(mutex_);
  auto it = addresses_.find(address);
  return it == addresses_.end() ? 0 : it->second.connections;
}

void ConnectionLimits::drop_if_empty(const std::string& address) {
  auto it = addresses_.find(address);
  if (it != addresses_.end() && it->second.connections == 0 && it->second.streams == 0) addresses_.erase(it);
}

}  // namespace portal
