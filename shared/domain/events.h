// Change events: what the router publishes after every committed change, who may hear each one,
// and the bus that carries them. The bus is an interface so that the PostgreSQL store can fan
// events out across servers (LISTEN/NOTIFY); MemoryEventBus is the in-process implementation
// (one server, the tests, the offline demo).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "time/civil.h"

namespace portal {

// Who may hear an event. A customer hears it when it is about their company; an agent when its
// level is among `levels` (what their queue may read) or they are named in `agent_ids`.
struct EventAudience {
  std::string company_id;              // empty: no customer hears it
  std::vector<std::string> levels;     // agent levels: "L1", "L2", "L3"
  std::vector<std::string> agent_ids;  // agents named directly (assignee, dedicated agent, …)
};

struct Event {
  std::int64_t id = 0;    // set by the bus: increasing, never reused
  std::string type;       // "request.created", "chat.updated", …
  std::string object_id;  // the request's, booking's, chat's or company's id
  std::string data;       // the SSE data line: a JSON object with at least "type" and "id" (bus fills "event_id")
  EventAudience audience;
  Instant at = 0;
};

// The reader of a stream: a customer (company_id set) or an agent (agent_id and level set).
struct EventReader {
  std::string company_id;
  std::string agent_id;
  std::string agent_level;
};

bool may_read(const EventReader& reader, const Event& event);

// The data JSON of an event: {"type", "id", "event_id", "at"} plus `extra`'s members (a JSON
// object text, or empty).
std::string event_data_json(std::int64_t event_id, const std::string& type, const std::string& object_id, Instant at,
                            const std::string& extra_object_json);

class EventBus {
 public:
  virtual ~EventBus() = default;

  // Assigns the id and delivers to every subscriber (on the caller's thread). Thread-safe.
  virtual void publish(Event event) = 0;

  // The events after `last_id` that `reader` may read, oldest first. `complete` is false when
  // some events after last_id have already left the log (the reader must resync).
  struct Replay {
    std::vector<Event> events;
    bool complete = true;
    std::int64_t latest_id = 0;  // the newest id published so far
  };
  virtual Replay since(std::int64_t last_id, const EventReader& reader) const = 0;

  // Subscribers are called for every event, in id order, outside the bus's lock. Dropping the
  // handle unsubscribes (after any call in progress).
  using Listener = std::function<void(const Event&)>;
  class Subscription {
   public:
    virtual ~Subscription() = default;
  };
  virtual std::unique_ptr<Subscription> subscribe(Listener listener) = 0;
};

// The subscribers of a bus (every EventBus implementation keeps one). add() returns the handle that
// unsubscribes when dropped; the set lives in a shared block, so a handle may outlive its bus.
// snapshot() copies the listeners, so that a publisher calls them outside the lock (one may
// unsubscribe, or a stream close, during the call).
class EventListeners {
 public:
  EventListeners();
  std::unique_ptr<EventBus::Subscription> add(EventBus::Listener listener);
  std::vector<EventBus::Listener> snapshot() const;

 private:
  struct Shared;
  class Handle;
  std::shared_ptr<Shared> shared_;
};

// A bounded ring of the newest `capacity` events in memory.
class MemoryEventBus final : public EventBus {
 public:
  explicit MemoryEventBus(std::size_t capacity = 4096);
  ~MemoryEventBus() override;

  void publish(Event event) override;
  Replay since(std::int64_t last_id, const EventReader& reader) const override;
  std::unique_ptr<Subscription> subscribe(Listener listener) override;

  std::int64_t latest_id() const;

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;  // the ring and the id
  std::mutex publish_mutex_;  // one publish at a time: listeners see ids in order
  std::vector<Event> ring_;   // ring_[i % capacity_]
  std::int64_t next_id_ = 1;
  EventListeners listeners_;
};

}  // namespace portal
