// The request rules of shared/domain/requests.*: status and level names at the edges.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>

#include "domain/errors.h"
#include "domain/model.h"
#include "domain/requests.h"
#include "test_router_support.h"

namespace portal {
namespace {

TEST_CASE("request status and level: names round trip, unknown names are refused") {
  for (RequestStatus s : {RequestStatus::kNew, RequestStatus::kOpen, RequestStatus::kPending, RequestStatus::kResolved,
                          RequestStatus::kClosed}) {
    CHECK(parse_request_status(to_string(s)) == s);
    const nlohmann::json j = s;
    CHECK(j.is_string());
    CHECK(j.get<RequestStatus>() == s);
  }
  for (Level l : {Level::kL1, Level::kL2, Level::kL3}) {
    CHECK(parse_level(to_string(l)) == l);
    const nlohmann::json j = l;
    CHECK(j == to_string(l));
    CHECK(j.get<Level>() == l);
  }
  CHECK(std::string(to_string(RequestStatus::kResolved)) == "resolved");
  CHECK(std::string(to_string(Level::kL2)) == "L2");
  CHECK_FALSE(parse_request_status("Open"));
  CHECK_FALSE(parse_request_status(""));
  CHECK_FALSE(parse_level("l2"));
  CHECK_FALSE(parse_level("L4"));
  CHECK(request_status_or("nonsense", RequestStatus::kNew) == RequestStatus::kNew);
  CHECK(level_or("L3", Level::kL1) == Level::kL3);
  CHECK_THROWS(nlohmann::json("L9").get<Level>());
  CHECK_THROWS(nlohmann::json(2).get<RequestStatus>());
  CHECK(parse_status_field("closed") == RequestStatus::kClosed);
  CHECK_THROWS(parse_status_field("done"));
}

using testing::at;
using testing::create_request;
using testing::get;
using testing::ok;
using testing::post;

bool has(const std::vector<RequestAction>& actions, RequestAction a) {
  return std::find(actions.begin(), actions.end(), a) != actions.end();
}

// Whether the core accepts the action on a copy of the request.
bool accepted(const Request& original, RequestAction action, const Agent* agent, Instant now) {
  Request r = original;
  try {
    switch (action) {
      case RequestAction::kReply:
        add_message(r, Message{"mx", agent ? "agent" : "customer", "u", "U", "More details", now}, {});
        break;
      case RequestAction::kPending: change_status(r, RequestStatus::kPending, agent != nullptr, now); break;
      case RequestAction::kResolve: change_status(r, RequestStatus::kResolved, agent != nullptr, now); break;
      case RequestAction::kClose: change_status(r, RequestStatus::kClosed, agent != nullptr, now); break;
      case RequestAction::kReopen: change_status(r, RequestStatus::kOpen, agent != nullptr, now); break;
      case RequestAction::kEscalate:
        if (!agent) return false;  // agents only (the router refuses customers)
        escalate(r, "Agent", now);
        break;
      case RequestAction::kTake:
        if (!agent) return false;
        take(r, *agent, now);
        return r.assignee_id == agent->id && original.assignee_id != agent->id;
      case RequestAction::kRate: rate(r, 4, "", now); break;
    }
  } catch (const PortalError&) {
    return false;
  }
  return r.status != original.status || r.messages.size() != original.messages.size() || r.level != original.level ||
         r.rating.has_value() != original.rating.has_value();
}

// Requests in every status, with and without an agent's answer, closed inside and after the grace.
std::vector<Request> sample_requests(Instant now) {
  std::vector<Request> out;
  for (RequestStatus s : {RequestStatus::kNew, RequestStatus::kOpen, RequestStatus::kPending, RequestStatus::kResolved,
                          RequestStatus::kClosed})
    for (Level l : {Level::kL1, Level::kL3})
      for (bool answered : {false, true})
        for (Instant closed_ago : {Instant{3600}, kReopenGraceSeconds + 1}) {
          Request r;
          r.id = "r";
          r.status = s;
          r.level = l;
          r.created_at = now - 30 * 24 * 3600;
          r.first_response = SlaClock{r.created_at, r.created_at + 3600, std::nullopt, "", {}};
          if (answered) r.messages.push_back(Message{"m1", "agent", "ag1", "Agent", "Hello", r.created_at + 60});
          if (s == RequestStatus::kResolved || s == RequestStatus::kClosed) r.resolved_at = now - closed_ago - 60;
          if (s == RequestStatus::kClosed) r.closed_at = now - closed_ago;
          out.push_back(r);
          if (s == RequestStatus::kClosed) {  // closed without being resolved first
            r.resolved_at.reset();
            out.push_back(r);
          }
          if (s == RequestStatus::kResolved && answered) {  // already rated
            r.rating = Rating{5, "", now - 10};
            out.push_back(r);
          }
        }
  return out;
}

TEST_CASE("request actions: every action offered is accepted by the core; customers are offered all they may do") {
  const Instant now = 1'800'000'000;
  Agent me{"ag1", "a@example.com", "Agent", Level::kL1, "", 0};
  using A = RequestAction;
  int offered = 0;
  for (const Request& base : sample_requests(now)) {
    for (const std::string& assignee : {std::string(), std::string("ag1"), std::string("ag2")}) {
      Request r = base;
      r.assignee_id = assignee;
      const auto for_agent = request_actions(r, &me, now);
      const auto for_customer = request_actions(r, nullptr, now);
      for (A a : {A::kReply, A::kPending, A::kResolve, A::kEscalate, A::kTake, A::kClose, A::kReopen, A::kRate}) {
        CAPTURE(to_string(r.status));
        CAPTURE(to_string(a));
        if (has(for_agent, a)) {
          ++offered;
          CHECK(accepted(r, a, &me, now));
        }
        // Customers: offered exactly what the core lets them do (rating also waits for an agent's answer).
        const bool answered = std::any_of(r.messages.begin(), r.messages.end(),
                                          [](const Message& m) { return m.author_kind == "agent"; });
        const bool may = accepted(r, a, nullptr, now) && (a != A::kRate || answered);
        CHECK(has(for_customer, a) == may);
      }
      // Agents never close or reopen from the view, customers never do the agents' work.
      CHECK_FALSE(has(for_agent, A::kClose));
      CHECK_FALSE(has(for_agent, A::kRate));
      for (A a : {A::kPending, A::kResolve, A::kEscalate, A::kTake}) CHECK_FALSE(has(for_customer, a));
    }
  }
  CHECK(offered > 50);
}

TEST_CASE("request actions: names round trip; the escalation ladder") {
  using A = RequestAction;
  for (A a : {A::kReply, A::kPending, A::kResolve, A::kEscalate, A::kTake, A::kClose, A::kReopen, A::kRate})
    CHECK(parse_request_action(to_string(a)) == a);
  CHECK_FALSE(parse_request_action("Reply"));
  CHECK(next_level(Level::kL1) == Level::kL2);
  CHECK(next_level(Level::kL2) == Level::kL3);
  CHECK_FALSE(next_level(Level::kL3));
}

TEST_CASE("router: the Request view carries the caller's actions") {
  testing::Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  const std::string ana = api.register_customer("ana@example.com");
  const std::string agent = api.add_agent("bob@example.com", "L1", "Bob");
  const nlohmann::json created = create_request(api, ana);
  const std::string id = created["id"];
  using L = std::vector<std::string>;
  CHECK(created["actions"].get<L>() == L{"reply", "close"});
  CHECK(ok(api, get(api, "/requests/" + id, agent))["actions"].get<L>() ==
        L{"reply", "pending", "resolve", "escalate", "take"});
  ok(api, post(api, "/requests/" + id + "/messages", {{"body", "Looking into it"}}, agent), 201);
  nlohmann::json r = ok(api, post(api, "/requests/" + id + "/take", nlohmann::json::object(), agent));
  CHECK(r["actions"].get<L>() == L{"reply", "pending", "resolve", "escalate"});
  r = ok(api, post(api, "/requests/" + id + "/status", {{"status", "resolved"}}, agent));
  CHECK(r["actions"].get<L>() == L{"reply"});
  CHECK(ok(api, get(api, "/requests/" + id, ana))["actions"].get<L>() == L{"reply", "close", "reopen", "rate"});
  r = ok(api, post(api, "/requests/" + id + "/status", {{"status", "closed"}}, ana));
  CHECK(r["actions"].get<L>() == L{"reopen", "rate"});
  // The list's summaries do not: they carry no messages, which the rule needs.
  const nlohmann::json list = ok(api, get(api, "/requests", ana));
  REQUIRE(list["requests"].size() == 1);
  CHECK_FALSE(list["requests"][0].contains("actions"));
  api.env.clock += kReopenGraceSeconds;
  CHECK(ok(api, get(api, "/requests/" + id, ana))["actions"].get<L>() == L{"rate"});
}

TEST_CASE("router: a request is found by its number as by its id, for its company and agents only") {
  testing::Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  const std::string ana = api.register_customer("ana@example.com", "Acme");
  const std::string eve = api.register_customer("eve@example.com", "Globex");
  const std::string agent = api.add_agent("bob@example.com", "L1", "Bob");
  const nlohmann::json first = create_request(api, ana);
  const nlohmann::json second = create_request(api, ana, testing::new_request_body(3, "Ticket #1 again"));
  const std::string number = std::to_string(second["number"].get<int>());
  CHECK(ok(api, get(api, "/requests/" + number, ana))["id"] == second["id"]);
  CHECK(ok(api, get(api, "/requests/" + std::to_string(first["number"].get<int>()), ana))["id"] == first["id"]);
  CHECK(ok(api, get(api, "/requests/" + number, agent))["id"] == second["id"]);
  testing::error_of(api, get(api, "/requests/" + number, eve), 404);  // another company's
  testing::error_of(api, get(api, "/requests/999999", ana), 404);
  // The actions take the number too.
  const nlohmann::json r = ok(api, post(api, "/requests/" + number + "/messages", {{"body", "More"}}, ana), 201);
  CHECK(r["id"] == second["id"]);
}

}  // namespace
}  // namespace portal
