// The HTTP front of portal-server, on RESTinio (kept to http_server.cpp alone: it compiles
// slowly). A thin adapter: every /api/v1/* request goes to Router::handle, other paths to the
// static portal; it adds the security headers, gzip, the access log and the limits.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "api/router.h"

namespace portal {

class StaticFiles;

struct HttpServerConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port
  unsigned io_threads = 0;     // 0: std::thread::hardware_concurrency()
  unsigned workers = 0;        // 0: max(8, 4 × hardware threads): API calls block on the database
  unsigned hash_threads = 0;   // 0: hardware threads; the password-hashing lane (login, register)
  bool access_log = true;      // one line per request on stderr
  // SIGTERM: GET /api/v1/health fails at once; the listener stays open this long more (so a load
  // balancer polling health moves away first), then closes and running requests finish.
  unsigned drain_seconds = 0;
  // Peers whose X-Forwarded-For is believed (client_address.h); CIDRs or addresses.
  std::vector<std::string> trusted_proxies;
  // HTTPS when both are set (PEM files): RESTinio's TLS over OpenSSL, and HSTS on every answer.
  std::string tls_cert, tls_key;
  unsigned max_connections_per_address = 64;     // connection_limits.h
  unsigned streams_per_address = 16;             // long-lived event streams, apart from the above
  unsigned request_deadline_seconds = 10;        // a whole request (head and body) must arrive in it
  unsigned tls_handshake_deadline_seconds = 10;  // HTTPS: the TLS handshake must end in it
  EventBus* events = nullptr;  // GET /api/v1/events streams from this bus (null: the router's finite answer)
  // Called once the server accepts connections, with the actual port.
  std::function<void(unsigned short port)> on_listening;
};

// Serves until SIGTERM or SIGINT, then marks the router draining (health 503), stops accepting, lets running requests
// finish and returns 0. `web` (the static portal) and `assets` (for /api/v1/openapi.json) may be null. Throws
// std::runtime_error when it cannot listen.
int run_http_server(const HttpServerConfig& config, Router& router, StaticFiles* web, StaticFiles* assets);

}  // namespace portal
