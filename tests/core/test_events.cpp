// The event bus: ids, the bounded log and resync, who may read what, subscribers.
#include <doctest/doctest.h>

#include "api/router.h"
#include "domain/events.h"

using namespace portal;

namespace {

Event make_event(const std::string& type, const std::string& company, std::vector<std::string> levels = {},
                 std::vector<std::string> agents = {}) {
  Event e;
  e.type = type;
  e.object_id = "obj";
  e.audience = EventAudience{company, std::move(levels), std::move(agents)};
  e.data = event_data_json(0, type, "obj", 0, "");
  return e;
}

}  // namespace

TEST_CASE("events: a customer hears their company, an agent their level or their name") {
  const EventReader globex{"co_globex", "", ""};
  const EventReader anna{"", "ag_anna", "L1"};
  const EventReader maria{"", "ag_maria", "L2"};
  const Event e = make_event("request.updated", "co_globex", {"L1"}, {"ag_maria"});
  CHECK(may_read(globex, e));
  CHECK_FALSE(may_read(EventReader{"co_other", "", ""}, e));
  CHECK(may_read(anna, e));
  CHECK(may_read(maria, e));
  CHECK_FALSE(may_read(EventReader{"", "ag_viktor", "L3"}, e));
  CHECK_FALSE(may_read(EventReader{}, make_event("x", "")));  // nobody in particular
}

TEST_CASE("events: ids increase, the log is bounded, an old position must resync") {
  MemoryEventBus bus(4);
  const EventReader globex{"co_globex", "", ""};
  std::vector<std::int64_t> heard;
  auto sub = bus.subscribe([&](const Event& e) { heard.push_back(e.id); });
  for (int i = 0; i < 3; ++i) bus.publish(make_event("request.created", i == 1 ? "co_other" : "co_globex"));
  CHECK(heard == std::vector<std::int64_t>{1, 2, 3});
  auto replay = bus.since(0, globex);
  CHECK(replay.complete);
  CHECK(replay.latest_id == 3);
  REQUIRE(replay.events.size() == 2);  // the other company's event is not replayed
  CHECK(replay.events[0].id == 1);
  CHECK(replay.events[1].id == 3);
  CHECK(replay.events[1].data.find("\"event_id\":3") != std::string::npos);
  CHECK(bus.since(3, globex).events.empty());
  for (int i = 0; i < 4; ++i) bus.publish(make_event("request.updated", "co_globex"));  // ids 4..7; 1..3 gone
  CHECK_FALSE(bus.since(1, globex).complete);
  CHECK(bus.since(3, globex).complete);
  CHECK(bus.since(3, globex).events.size() == 4);
  sub.reset();
  bus.publish(make_event("request.updated", "co_globex"));
  CHECK(heard.size() == 7);  // unsubscribed: not called for id 8
  // The stream's first text: resync when too old, the missed events otherwise, hello when new.
  CHECK(events_replay_text(&bus, globex, "1").find("\"type\":\"resync\"") != std::string::npos);
  const std::string missed = events_replay_text(&bus, globex, "6");
  CHECK(missed.find("id: 7\n") != std::string::npos);
  CHECK(missed.find("id: 8\n") != std::string::npos);
  CHECK(missed.find("id: 6\n") == std::string::npos);
  CHECK(events_replay_text(&bus, globex, "").find("\"type\":\"hello\"") != std::string::npos);
  CHECK(events_replay_text(&bus, globex, "junk").find("\"type\":\"hello\"") != std::string::npos);
}
