// The EventBus (domain/events.h) across every instance over one PostgreSQL database: events are
// rows of the `events` table (ids from the database, increasing in commit order), and a NOTIFY on
// channel portal_events wakes a listener thread in every instance, which reads the new rows and
// calls this instance's subscribers (its event streams) in id order. A replay (since) reads the
// table, so a client may resume on any instance. The table keeps the newest `capacity` events.
//
// publish() never throws: the change it reports is committed already; if the database is away
// the event is lost for live streams (clients resync on reconnect, as after a gap).
// While the database is away the listener reconnects by itself and then catches up from the
// last id it delivered, so no committed event is skipped.
#pragma once
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "domain/events.h"

namespace portal {

class PgStore;

class PgEventBus final : public EventBus {
 public:
  PgEventBus(PgStore& store, std::string url, std::size_t capacity = 4096);
  ~PgEventBus() override;  // stops the listener thread

  void publish(Event event) override;
  Replay since(std::int64_t last_id, const EventReader& reader) const override;
  std::unique_ptr<Subscription> subscribe(Listener listener) override;

 private:
  void listen_loop();

  PgStore& store_;
  std::string url_;
  std::size_t capacity_;
  EventListeners listeners_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> published_{0};
  int wake_[2] = {-1, -1};  // a pipe: the destructor wakes the listener's poll()
  std::thread listener_;
};

}  // namespace portal
