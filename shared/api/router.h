// THE API: one function, (method, path, query, headers, body) → (status, headers, body), that
// implements every endpoint and error of the REST contract (assets/openapi.json, explained in
// shared/api/README.md) over a Store. The native server and the offline portal both call exactly
// this; nothing of the contract is implemented twice.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "api/http.h"
#include "api/rate_limiter.h"
#include "catalog/catalog.h"
#include "domain/env.h"
#include "domain/events.h"
#include "domain/kb.h"
#include "domain/store.h"

namespace portal {

struct RouteInfo {
  std::string method;
  std::string pattern;  // OpenAPI style: "/api/v1/requests/{id}"
  bool auth = true;
};

class Router {
 public:
  Router(const Catalog& catalog, const KnowledgeBase& kb, Store& store, Env& env);
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Thread-safe: the server calls it from several worker threads at once.
  HttpResponse handle(const HttpRequest& request);

  // From now on GET /health answers 503 (the server is shutting down: load balancers move away).
  void set_draining(bool draining);
  // The key that signs device cookies (sign_in_guard.h); by default random per process. The
  // server keeps one in its data folder so that cookies outlive a restart. Call before serving.
  void set_device_secret(const std::string& secret);
  // Sign-in and registration throttles counted with every other instance (PostgreSQL). Before serving.
  void set_shared_counters(std::shared_ptr<RateLimiter::Shared> shared);

  // Change events: the router publishes to this bus after every committed change (null: none).
  void set_event_bus(EventBus* bus);

  // For a streaming GET /api/v1/events: authenticates the request like every call. On success
  // `reader` says what the caller may hear and `refusal` is empty (status 0); else `refusal` is
  // the error answer to send.
  struct EventsStart {
    HttpResponse refusal;
    EventReader reader;
    std::string user_key;  // one per customer or agent (for per-user stream caps)
  };
  EventsStart start_events(const HttpRequest& request);

  // Every route the router serves (for the OpenAPI document test).
  static std::vector<RouteInfo> routes();

  struct Impl;  // opaque: defined in api/router_impl.h, private to the router's sources

 private:
  std::unique_ptr<Impl> impl_;
};

// The start of an events stream: "retry:", then the events after Last-Event-ID that the reader
// may read, or `resync` when they have left the log, or (no Last-Event-ID) a `hello` whose id
// marks where the stream begins. One SSE frame: "id: N\ndata: {...}\n\n".
std::string events_replay_text(const EventBus* bus, const EventReader& reader, std::string_view last_event_id);
std::string sse_frame(const Event& event);

}  // namespace portal
