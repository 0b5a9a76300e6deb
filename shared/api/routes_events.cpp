// Change events: what each change publishes, to whom, and GET /events.
//
// The streaming server keeps /events open (src/server/event_streams.*); the router's own answer
// is the part a stream starts with: the replay after Last-Event-ID (or `resync`), as a finite
// text/event-stream body. A client of the router alone (the offline portal) reads the same
// events from the bus directly.
#include <algorithm>

#include "api/router_impl.h"

namespace portal {

using nlohmann::json;

namespace {

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

EventAudience request_audience(const Request& r, const std::string& previous_level) {
  EventAudience a;
  a.company_id = r.company_id;
  add_unique(a.levels, to_string(r.level));
  add_unique(a.levels, previous_level);  // an escalation leaves the old level's queue
  add_unique(a.agent_ids, r.assignee_id);
  return a;
}

bool clock_changed(const SlaClock& a, const SlaClock& b) { return a.met_at != b.met_at || a.due != b.due; }

}  // namespace

void Router::Impl::emit(const std::string& type, const std::string& object_id, EventAudience audience, Instant now,
                        const json& extra) {
  if (!events) return;
  Event e;
  e.type = type;
  e.object_id = object_id;
  e.audience = std::move(audience);
  e.at = now;
  e.data = event_data_json(0, type, object_id, now, extra.is_object() ? extra.dump() : std::string());
  events->publish(std::move(e));
}

void Router::Impl::emit_request_created(const Request& r, Instant now) {
  json extra;
  extra["number"] = r.number;
  extra["level"] = r.level;
  emit("request.created", r.id, request_audience(r, ""), now, extra);
}

void Router::Impl::emit_request_change(const Request& before, const Request& after, const Principal& who, Instant now) {
  json changed = json::array();
  if (after.messages.size() != before.messages.size()) changed.push_back("message");
  if (after.status != before.status) changed.push_back("status");
  if (after.level != before.level) changed.push_back("level");
  const bool sla = clock_changed(before.first_response, after.first_response) ||
                   before.follow_up.has_value() != after.follow_up.has_value() ||
                   (before.follow_up && after.follow_up && clock_changed(*before.follow_up, *after.follow_up)) ||
                   before.follow_ups_met != after.follow_ups_met ||
                   before.follow_ups_breached != after.follow_ups_breached;
  if (sla) changed.push_back("sla");
  if (after.rating.has_value() != before.rating.has_value()) changed.push_back("rating");
  if (changed.empty()) return;
  json extra;
  extra["changed"] = std::move(changed);
  extra["number"] = after.number;
  extra["status"] = after.status;
  extra["level"] = after.level;
  extra["by"] = who.is_agent() ? "agent" : "customer";
  extra["by_name"] = who.is_agent() ? who.agent.name : who.customer.name;
  if (after.first_response.met_at) extra["first_response_met"] = !after.first_response.breached_at(now);
  emit("request.updated", after.id, request_audience(after, to_string(before.level)), now, extra);
}

void Router::Impl::emit_booking(const char* type, const Booking& b, Instant now) {
  EventAudience a;
  a.company_id = b.company_id;
  a.agent_ids = {b.agent_id};
  json extra;
  extra["status"] = b.status;
  emit(type, b.id, std::move(a), now, extra);
}

HttpResponse Router::Impl::get_events(Call& call) {
  const Principal& who = *call.who;
  EventReader reader;
  if (who.is_agent()) {
    reader.agent_id = who.agent.id;
    reader.agent_level = to_string(who.agent.level);
  } else {
    reader.company_id = who.company.id;
  }
  HttpResponse r;
  r.status = 200;
  r.headers = {{"Content-Type", "text/event-stream; charset=utf-8"}, {"Cache-Control", "no-store"}};
  r.body = events_replay_text(events, reader, call.http.header("Last-Event-ID"));
  return r;
}

std::string events_replay_text(const EventBus* bus, const EventReader& reader, std::string_view last_event_id) {
  std::string out = "retry: 2000\n\n";
  if (!bus) return out;
  std::int64_t last = -1;
  if (!last_event_id.empty() && last_event_id.size() <= 18 &&
      std::all_of(last_event_id.begin(), last_event_id.end(), [](char c) { return c >= '0' && c <= '9'; }))
    last = std::stoll(std::string(last_event_id));
  const EventBus::Replay replay = bus->since(last < 0 ? 0 : last, reader);
  if (last < 0) {
    // A new stream: nothing to replay; its id line sets where a reconnect resumes.
    out += "id: " + std::to_string(replay.latest_id) + "\ndata: {\"type\":\"hello\",\"id\":\"\"}\n\n";
  } else if (!replay.complete) {
    out += "id: " + std::to_string(replay.latest_id) + "\ndata: {\"type\":\"resync\",\"id\":\"\"}\n\n";
  } else {
    for (const Event& e : replay.events) out += sse_frame(e);
    // Events this reader may not hear still move its position on (a reconnect resumes after them).
    const std::int64_t shown = replay.events.empty() ? last : replay.events.back().id;
    if (replay.latest_id > shown) out += "id: " + std::to_string(replay.latest_id) + "\n\n";
  }
  return out;
}

std::string sse_frame(const Event& e) { return "id: " + std::to_string(e.id) + "\ndata: " + e.data + "\n\n"; }

}  // namespace portal
