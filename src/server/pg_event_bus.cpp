#include "pg_event_bus.h"

#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

#include "pg_conn.h"
#include "pg_store.h"

namespace portal {

using pg::Params;

namespace {

// Publishers take this lock for their transaction, so that ids become visible in order and a
// listener reading "id > last" never skips one committed later with a smaller id.
constexpr std::int64_t kPublishLock = 0x706f7274616c02;

std::string audience_json(const EventAudience& a) {
  nlohmann::json j = {{"company_id", a.company_id}, {"levels", a.levels}, {"agent_ids", a.agent_ids}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

EventAudience audience_from(const std::string& text) {
  EventAudience a;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return a;
  a.company_id = j.value("company_id", "");
  a.levels = j.value("levels", std::vector<std::string>{});
  a.agent_ids = j.value("agent_ids", std::vector<std::string>{});
  return a;
}

constexpr const char* kEventColumns = "id, type, object_id, data, audience, at";

Event read_event(const pg::Result& r, int row) {
  Event e;
  e.id = r.int64(row, 0);
  e.type = r.bytes(row, 1);
  e.object_id = r.bytes(row, 2);
  e.data = r.bytes(row, 3);
  e.audience = audience_from(r.bytes(row, 4));
  e.at = r.int64(row, 5);
  return e;
}

}  // namespace

PgEventBus::PgEventBus(PgStore& store, std::string url, std::size_t capacity)
    : store_(store), url_(std::move(url)), capacity_(std::max<std::size_t>(1, capacity)) {
  if (::pipe(wake_) != 0) throw std::runtime_error("PgEventBus: pipe failed");
  listener_ = std::thread([this] { listen_loop(); });
}

PgEventBus::~PgEventBus() {
  stopping_.store(true);
  [[maybe_unused]] auto n = ::write(wake_[1], "x", 1);
  if (listener_.joinable()) listener_.join();
  ::close(wake_[0]);
  ::close(wake_[1]);
}

void PgEventBus::publish(Event event) {
  try {
    const bool prune = (published_.fetch_add(1) % 256) == 255;
    store_.run([&](pg::Conn& conn) {
      conn.exec("BEGIN");
      conn.query("SELECT pg_advisory_xact_lock($1)", Params().int64(kPublishLock));
      event.id = conn.query("SELECT nextval('events_id_seq')").int64(0, 0);
      // The data carries its own event id, so that a client can resume from the JSON alone.
      auto j = nlohmann::json::parse(event.data, nullptr, false);
      if (j.is_object()) {
        j["event_id"] = event.id;
        event.data = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      }
      conn.query(std::string("INSERT INTO events (") + kEventColumns + ") VALUES ($1, $2, $3, $4, $5, $6)",
                 Params()
                     .int64(event.id)
                     .bytes(event.type)
                     .bytes(event.object_id)
                     .bytes(event.data)
                     .bytes(audience_json(event.audience))
                     .int64(event.at));
      conn.exec("NOTIFY portal_events");
      if (prune)
        conn.query("DELETE FROM events WHERE id <= $1",
                   Params().int64(event.id - static_cast<std::int64_t>(capacity_)));
      conn.exec("COMMIT");
    });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "portal-server: event %s not published: %s\n", event.type.c_str(), e.what());
  }
}

EventBus::Replay PgEventBus::since(std::int64_t last_id, const EventReader& reader) const {
  Replay out;
  store_.run([&](pg::Conn& conn) {
    auto bounds = conn.query("SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM events");
    const std::int64_t oldest = bounds.int64(0, 0);
    out.latest_id = bounds.int64(0, 1);
    if (last_id >= out.latest_id) return;
    if (last_id < 0 || (oldest > 0 && last_id + 1 < oldest)) {
      out.complete = false;
      return;
    }
    auto r = conn.query(std::string("SELECT ") + kEventColumns + " FROM events WHERE id > $1 ORDER BY id LIMIT $2",
                        Params().int64(last_id).int64(static_cast<std::int64_t>(capacity_)));
    for (int i = 0; i < r.rows(); ++i) {
      Event e = read_event(r, i);
      if (may_read(reader, e)) out.events.push_back(std::move(e));
    }
  });
  return out;
}

std::unique_ptr<EventBus::Subscription> PgEventBus::subscribe(Listener listener) {
  return listeners_.add(std::move(listener));
}

void PgEventBus::listen_loop() {
  std::int64_t last = -1;  // -1: not known yet (start from the newest id at the first connection)
  while (!stopping_.load()) {
    std::unique_ptr<pg::Conn> conn;
    try {
      conn = std::make_unique<pg::Conn>(url_);
      conn->exec("LISTEN portal_events");
      if (last < 0) last = conn->query("SELECT coalesce(max(id), 0) FROM events").int64(0, 0);
      for (;;) {
        // New rows since the last delivered id: after every notification, after a reconnect,
        // and every second as a safety net.
        for (;;) {
          auto r =
              conn->query(std::string("SELECT ") + kEventColumns + " FROM events WHERE id > $1 ORDER BY id LIMIT 500",
                          Params().int64(last));
          std::vector<Listener> calls;
          if (r.rows() > 0) calls = listeners_.snapshot();
          for (int i = 0; i < r.rows(); ++i) {
            const Event e = read_event(r, i);
            last = e.id;
            for (const Listener& l : calls) l(e);
          }
          if (r.rows() < 500) break;
        }
        pollfd fds[2] = {{conn->socket(), POLLIN, 0}, {wake_[0], POLLIN, 0}};
        ::poll(fds, 2, 1000);
        if (stopping_.load()) return;
        if (!PQconsumeInput(conn->handle())) throw pg::PgError("pg: listener connection lost", "", true);
        while (PGnotify* n = PQnotifies(conn->handle())) PQfreemem(n);
      }
    } catch (const std::exception& e) {
      if (stopping_.load()) return;
      std::fprintf(stderr, "portal-server: event listener: %s; reconnecting\n", e.what());
      conn.reset();
      pollfd wake = {wake_[0], POLLIN, 0};
      ::poll(&wake, 1, 500);
    }
  }
}

}  // namespace portal
