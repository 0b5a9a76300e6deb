#include "event_streams.h"

#include <cstdio>
#include <map>
#include <mutex>

#include "api/input.h"
#include "static_files.h"

namespace portal {

namespace {

using Builder = restinio::response_builder_t<restinio::chunked_output_t>;

HttpResponse refusal(int status, const char* code, const std::string& message, const char* retry_after) {
  HttpResponse r;
  r.status = status;
  r.headers = {
      {"Content-Type", "application/json; charset=utf-8"}, {"Cache-Control", "no-store"}, {"Retry-After", retry_after}};
  r.body = error_json(code, message);
  return r;
}

}  // namespace

struct EventStreams::Impl : std::enable_shared_from_this<Impl> {
  struct Stream {
    std::uint64_t key = 0;
    Builder out;
    EventReader reader;
    std::string user_key;
    std::int64_t last_sent = 0;  // events up to this id are sent (or were in the replay)
    int pending = 0;             // flushes not yet completed
    bool closed = false;
    explicit Stream(Builder b) : out(std::move(b)) {}
  };

  Impl(EventBus& b, Router& r, asio::io_context& io, EventStreamLimits l) : bus(b), router(r), timer(io), limits(l) {}

  EventBus& bus;
  Router& router;
  asio::steady_timer timer;
  EventStreamLimits limits;
  std::unique_ptr<EventBus::Subscription> subscription;

  mutable std::recursive_mutex
      mutex;  // the streams (recursive: a write callback may run inline), their builders and counters
  std::map<std::uint64_t, std::shared_ptr<Stream>> streams;
  std::map<std::string, std::size_t> per_user;
  std::uint64_t next_key = 1;
  bool stopping = false;

  // Under `mutex`. Queues text on the stream; a stream that has fallen too far behind ends.
  void write(const std::shared_ptr<Stream>& s, std::string text) {
    if (s->closed) return;
    if (s->pending >= limits.max_pending_writes) {
      end(s);
      return;
    }
    ++s->pending;
    std::weak_ptr<Impl> self = weak_from_this();
    std::weak_ptr<Stream> ws = s;
    try {
      s->out.append_chunk(std::move(text));
      s->out.flush([self, ws](const asio::error_code& ec) {
        auto impl = self.lock();
        auto stream = ws.lock();
        if (!impl || !stream) return;
        std::lock_guard<std::recursive_mutex> lock(impl->mutex);
        --stream->pending;
        if (ec) impl->forget(stream);  // the connection is gone
      });
    } catch (const std::exception&) {
      forget(s);
    }
  }

  // Under `mutex`: ends the response (the client reconnects with Last-Event-ID).
  void end(const std::shared_ptr<Stream>& s) {
    if (s->closed) return;
    try {
      s->out.connection_close();
      s->out.done();
    } catch (const std::exception&) {}
    forget(s);
  }

  // Under `mutex`.
  void forget(const std::shared_ptr<Stream>& s) {
    s->closed = true;
    if (streams.erase(s->key) && --per_user[s->user_key] == 0) per_user.erase(s->user_key);
  }

  void deliver(const Event& e) {
    const std::string frame = sse_frame(e);
    std::lock_guard<std::recursive_mutex> lock(mutex);
    std::vector<std::shared_ptr<Stream>> targets;
    for (auto& [key, s] : streams)
      if (e.id > s->last_sent && may_read(s->reader, e)) targets.push_back(s);
    for (auto& s : targets) {
      s->last_sent = e.id;
      write(s, frame);
    }
  }

  void schedule_heartbeat() {
    timer.expires_after(limits.heartbeat);
    std::weak_ptr<Impl> self = weak_from_this();
    timer.async_wait([self](const asio::error_code& ec) {
      auto impl = self.lock();
      if (ec || !impl) return;
      {
        std::lock_guard<std::recursive_mutex> lock(impl->mutex);
        if (impl->stopping) return;
        std::vector<std::shared_ptr<Stream>> all;
        for (auto& [key, s] : impl->streams) all.push_back(s);
        for (auto& s : all) impl->write(s, ":\n\n");  // a comment line: keeps proxies from closing
      }
      impl->schedule_heartbeat();
    });
  }
};

EventStreams::EventStreams(EventBus& bus, Router& router, asio::io_context& io, EventStreamLimits limits)
    : impl_(std::make_shared<Impl>(bus, router, io, limits)) {
  std::weak_ptr<Impl> self = impl_;
  impl_->subscription = bus.subscribe([self](const Event& e) {
    if (auto impl = self.lock()) impl->deliver(e);
  });
  impl_->schedule_heartbeat();
}

EventStreams::~EventStreams() {
  close_all();
  impl_->subscription.reset();
}

bool EventStreams::is_events_request(const restinio::request_t& req) {
  const auto path = req.header().path();
  return req.header().method() == restinio::http_method_get() &&
         std::string_view(path.data(), path.size()) == "/api/v1/events";
}

std::optional<HttpResponse> EventStreams::open(const restinio::request_handle_t& req) {
  HttpRequest in;
  in.method = "GET";
  in.path = "/api/v1/events";
  req->header().for_each_field(
      [&](const restinio::http_header_field_t& f) { in.headers.emplace_back(f.name(), f.value()); });
  Router::EventsStart start = impl_->router.start_events(in);
  if (start.refusal.status != 0) return start.refusal;

  std::lock_guard<std::recursive_mutex> lock(impl_->mutex);
  if (impl_->stopping) return refusal(503, "shutting_down", "the server is restarting; reconnect in a moment", "2");
  if (impl_->streams.size() >= impl_->limits.max_streams)
    return refusal(503, "too_many_streams", "the server has too many open event streams; reconnect in a moment", "10");
  if (impl_->per_user[start.user_key] >= impl_->limits.max_per_user) {
    if (impl_->per_user[start.user_key] == 0) impl_->per_user.erase(start.user_key);
    return refusal(
        429, "too_many_streams",
        "you have " + std::to_string(impl_->limits.max_per_user) + " open event streams already; close one (or a tab)",
        "10");
  }

  // The replay is computed under the streams' lock: an event published meanwhile waits for it
  // in deliver(), and is sent once (ids at or below the replay's are skipped).
  const std::string last_event_id(in.header("Last-Event-ID"));
  const EventBus::Replay position = impl_->bus.since(INT64_MAX, start.reader);
  std::string first = events_replay_text(&impl_->bus, start.reader, last_event_id);

  auto builder = req->create_response<restinio::chunked_output_t>();
  builder.append_header(restinio::http_field::content_type, "text/event-stream; charset=utf-8");
  builder.append_header("Cache-Control", "no-store");
  builder.append_header("X-Content-Type-Options", "nosniff");
  builder.append_header("X-Accel-Buffering", "no");  // nginx: pass events on at once
  builder.append_header_date_field();
  auto stream = std::make_shared<Impl::Stream>(std::move(builder));
  stream->key = impl_->next_key++;
  stream->reader = start.reader;
  stream->user_key = start.user_key;
  stream->last_sent = position.latest_id;
  impl_->streams.emplace(stream->key, stream);
  ++impl_->per_user[stream->user_key];
  impl_->write(stream, std::move(first));
  return std::nullopt;
}

void EventStreams::close_all() {
  std::lock_guard<std::recursive_mutex> lock(impl_->mutex);
  impl_->stopping = true;
  asio::error_code ignored;
  impl_->timer.cancel(ignored);
  std::vector<std::shared_ptr<Impl::Stream>> all;
  for (auto& [key, s] : impl_->streams) all.push_back(s);
  for (auto& s : all) impl_->end(s);
}

std::size_t EventStreams::count() const {
  std::lock_guard<std::recursive_mutex> lock(impl_->mutex);
  return impl_->streams.size();
}

}  // namespace portal
