#include "domain/events.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "time/iso8601.h"

namespace portal {

bool may_read(const EventReader& reader, const Event& event) {
  const EventAudience& a = event.audience;
  if (!reader.agent_id.empty()) {
    if (std::find(a.agent_ids.begin(), a.agent_ids.end(), reader.agent_id) != a.agent_ids.end()) return true;
    return std::find(a.levels.begin(), a.levels.end(), reader.agent_level) != a.levels.end();
  }
  return !reader.company_id.empty() && reader.company_id == a.company_id;
}

std::string event_data_json(std::int64_t event_id, const std::string& type, const std::string& object_id, Instant at,
                            const std::string& extra_object_json) {
  nlohmann::json j = extra_object_json.empty()
                         ? nlohmann::json::object()
                         : nlohmann::json::parse(std::string_view(extra_object_json), nullptr, false);
  if (!j.is_object()) j = nlohmann::json::object();
  j["type"] = type;
  j["id"] = object_id;
  j["event_id"] = event_id;
  j["at"] = format_instant(at);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct EventListeners::Shared {
  std::mutex mutex;
  std::map<std::uint64_t, EventBus::Listener> by_key;
  std::uint64_t next_key = 1;
};

class EventListeners::Handle final : public EventBus::Subscription {
 public:
  Handle(std::shared_ptr<Shared> shared, std::uint64_t key) : shared_(std::move(shared)), key_(key) {}
  ~Handle() override {
    std::lock_guard lock(shared_->mutex);
    shared_->by_key.erase(key_);
  }

 private:
  std::shared_ptr<Shared> shared_;
  std::uint64_t key_;
};

EventListeners::EventListeners() : shared_(std::make_shared<Shared>()) {}

std::unique_ptr<EventBus::Subscription> EventListeners::add(EventBus::Listener listener) {
  std::lock_guard lock(shared_->mutex);
  const std::uint64_t key = shared_->next_key++;
  shared_->by_key.emplace(key, std::move(listener));
  return std::make_unique<Handle>(shared_, key);
}

std::vector<EventBus::Listener> EventListeners::snapshot() const {
  std::lock_guard lock(shared_->mutex);
  std::vector<EventBus::Listener> calls;
  calls.reserve(shared_->by_key.size());
  for (const auto& [key, l] : shared_->by_key) calls.push_back(l);
  return calls;
}

MemoryEventBus::MemoryEventBus(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {
  ring_.resize(capacity_);
}

MemoryEventBus::~MemoryEventBus() = default;

void MemoryEventBus::publish(Event event) {
  std::lock_guard order(publish_mutex_);
  {
    std::lock_guard lock(mutex_);
    event.id = next_id_++;
    // The data carries its own event id, so that a client can resume from the JSON alone.
    auto j = nlohmann::json::parse(std::string_view(event.data), nullptr, false);
    if (j.is_object()) {
      j["event_id"] = event.id;
      event.data = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    ring_[static_cast<std::size_t>(event.id) % capacity_] = event;
  }
  for (const Listener& l : listeners_.snapshot()) l(event);
}

EventBus::Replay MemoryEventBus::since(std::int64_t last_id, const EventReader& reader) const {
  std::lock_guard lock(mutex_);
  Replay out;
  out.latest_id = next_id_ - 1;
  if (last_id >= out.latest_id) return out;
  const std::int64_t oldest = std::max<std::int64_t>(1, next_id_ - static_cast<std::int64_t>(capacity_));
  if (last_id < 0 || last_id + 1 < oldest) {
    out.complete = false;
    return out;
  }
  for (std::int64_t id = last_id + 1; id < next_id_; ++id) {
    const Event& e = ring_[static_cast<std::size_t>(id) % capacity_];
    if (may_read(reader, e)) out.events.push_back(e);
  }
  return out;
}

std::unique_ptr<EventBus::Subscription> MemoryEventBus::subscribe(Listener listener) {
  return listeners_.add(std::move(listener));
}

std::int64_t MemoryEventBus::latest_id() const {
  std::lock_guard lock(mutex_);
  return next_id_ - 1;
}

}  // namespace portal
