// Issue #10 through the router: an agent ends a chat on a chosen request of the customer's
// company (by number), not on another company's or a closed one; the agent line counts as the
// request's first response, never before the request existed.
#include <doctest/doctest.h>

#include "test_router_support.h"

namespace router_chat_end_tests {

using namespace portal;
using namespace portal::testing;

namespace {

std::string customer(Api& api, const std::string& email, const std::string& company) {
  const HttpResponse r =
      api.call("POST", api_path("/auth/register"),
               json{{"email", email}, {"password", "correct horse"}, {"name", "Olga"}, {"company", company}}.dump());
  return ok(api, r, 201)["token"];
}

}  // namespace

TEST_CASE("router: a chat ends on a chosen request of the company; another company's or a closed one is refused") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");  // Monday 10:00 CET: Standard's chat is open
  const std::string olga = customer(api, "olga@example.com", "Initech");
  const std::string hans = customer(api, "hans@example.com", "Globex");
  change_plan(api, olga, "standard");
  const std::string anna = api.add_agent("anna@example.com", "L1", "Anna");
  ok(api, api.call("PUT", api_path("/agents/me/availability"), json{{"available", true}}.dump(), anna));
  const json mine = create_request(api, olga, new_request_body(3, "Printer offline"));
  const json closed = create_request(api, olga, new_request_body(4, "Old"));
  ok(api, post(api, "/requests/" + closed["id"].get<std::string>() + "/status", json{{"status", "closed"}}, olga));
  const json theirs = create_request(api, hans, new_request_body(3, "Globex only"));

  api.env.clock = at("2026-11-23T09:30:00Z");
  const std::string chat =
      ok(api, post(api, "/chats", json{{"channel", "chat"}, {"body", "About the printer"}}, olga), 201)["id"];
  ok(api, post(api, "/chats/" + chat + "/accept", json::object(), anna));
  api.env.clock = at("2026-11-23T09:31:00Z");
  ok(api, post(api, "/chats/" + chat + "/messages", json{{"body", "Restart the spooler."}}, anna), 201);

  const std::string end = "/chats/" + chat + "/end";
  check_validation(api, post(api, end, json{{"request_id", theirs["id"]}}, anna), "request_id");
  check_validation(api, post(api, end, json{{"request_id", theirs["number"]}}, anna), "request_id");
  const json refused = error_of(api, post(api, end, json{{"request_id", closed["id"]}}, anna), 409);
  CHECK(refused["code"] == "request_closed");
  CHECK(refused["field"] == "request_id");

  const json ended =
      ok(api, post(api, end, json{{"request_id", "#" + std::to_string(mine["number"].get<std::int64_t>())}}, anna));
  CHECK(ended["status"] == "ended");
  CHECK(ended["request_id"] == mine["id"]);
  const json req = ok(api, get(api, "/requests/" + mine["id"].get<std::string>(), olga));
  CHECK(req["subject"] == "Printer offline");
  bool agent_line = false;
  for (const json& m : req["messages"]) agent_line |= m["body"] == "Restart the spooler.";
  CHECK(agent_line);
  CHECK(req["sla"]["first_response"]["met_at"] == "2026-11-23T09:31:00Z");
}

}  // namespace router_chat_end_tests
