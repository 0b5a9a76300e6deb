// GET /api/v1/events as Server-Sent Events on RESTinio (issue #10). No thread per stream: each
// stream is a chunked response whose writes are posted to its connection (asio, async); one
// timer sends the heartbeats of all streams. Bounded: streams in total and per user (beyond:
// 503 / 429 with Retry-After), and unsent writes per stream (a reader that does not read is
// closed; it reconnects with Last-Event-ID).
//
// Included only by RESTinio translation units (http_server.cpp, event_streams.cpp).
#pragma once
#include <restinio/all.hpp>

#include <memory>
#include <optional>

#include "api/router.h"
#include "domain/events.h"

namespace portal {

struct EventStreamLimits {
  std::size_t max_streams = 4000;
  std::size_t max_per_user = 8;  // tabs of one person
  std::chrono::seconds heartbeat{15};
  int max_pending_writes = 256;  // writes not yet on the wire, per stream
};

class EventStreams {
 public:
  EventStreams(EventBus& bus, Router& router, asio::io_context& io, EventStreamLimits limits = {});
  ~EventStreams();
  EventStreams(const EventStreams&) = delete;
  EventStreams& operator=(const EventStreams&) = delete;

  static bool is_events_request(const restinio::request_t& req);

  // On a worker (authentication reads the store). Starts the stream and returns nullopt, or
  // returns the refusal (401, 429, 503) for the caller to send like any answer.
  std::optional<HttpResponse> open(const restinio::request_handle_t& req);

  // Ends every stream (shutdown) and stops the heartbeat.
  void close_all();
  std::size_t count() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace portal
