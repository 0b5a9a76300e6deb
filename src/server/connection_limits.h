// Connections per client address (the TCP peer): beyond `per_address` open connections, that
// address's newest connection is refused at accept (RESTinio's ip_blocker), while every other
// address is served. Trusted proxies (which carry many clients) are exempt. The total is capped
// here too (`max_total`): RESTinio 0.6.16's own connection-count limiter leaks a slot for every
// connection an ip_blocker denies, and stops accepting after ~1,000 denials.
//
// Long-lived event streams (Server-Sent Events, GET /api/v1/events) count APART from this cap,
// with an allowance of their own: http_server.cpp calls promote_to_stream(connection_id) before
// it hands a request to EventStreams (event_streams.h); the connection then leaves its address's connection
// count and takes one of the address's `streams_per_address` places until it closes. When it
// returns false the address already holds its allowance: answer 429 with Retry-After instead of
// streaming. The connection id is RESTinio's request_t::connection_id(). Thread-safe.
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace portal {

class ConnectionLimits {
 public:
  ConnectionLimits(unsigned per_address, unsigned streams_per_address, unsigned max_total)
      : per_address_(per_address), streams_per_address_(streams_per_address), max_total_(max_total) {}

  // At accept (before the connection has an id): false refuses it.
  bool admit(const std::string& address, bool exempt);
  // Once the connection has its id (RESTinio's "accepted" notice, after the TLS handshake).
  void accepted(std::uint64_t connection_id, const std::string& address, bool exempt);
  // RESTinio's "closed" notice (also for a connection whose TLS handshake failed: never accepted).
  void closed(std::uint64_t connection_id, const std::string& address, bool exempt);
  // See above: moves an accepted connection into the address's stream allowance.
  bool promote_to_stream(std::uint64_t connection_id);

  unsigned open_connections(const std::string& address) const;
  unsigned per_address() const { return per_address_; }

 private:
  struct PerAddress {
    unsigned connections = 0;  // admitted, not streams
    unsigned streams = 0;
  };
  struct Conn {
    std::string address;
    bool exempt = false;
    bool stream = false;
  };
  void drop_if_empty(const std::string& address);

  const unsigned per_address_;
  const unsigned streams_per_address_;
  const unsigned max_total_;
  unsigned total_ = 0;  // admitted and not yet closed, every address
  mutable std::mutex mutex_;
  std::unordered_map<std::string, PerAddress> addresses_;
  std::unordered_map<std::uint64_t, Conn> connections_;
};

}  // namespace portal
