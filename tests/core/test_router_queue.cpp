// Issue #9 through the router: the agents' queue (search by number and customer name, filters,
// take, who asked), escalation reasons as internal notes, closing undone within the grace, the KB
// across languages, the .ics file name, and booking either the manager or the dedicated agent.
#include <doctest/doctest.h>

#include <cctype>
#include <cstdio>

#include "test_router_support.h"

// A named namespace: this file shares a unity batch with others, and its using-directives must
// not leak into them.
namespace router_queue_tests {

using namespace portal;
using namespace portal::testing;

namespace {

std::string customer(Api& api, const std::string& email, const std::string& name, const std::string& company) {
  const HttpResponse r =
      api.call("POST", api_path("/auth/register"),
               json{{"email", email}, {"password", "correct horse"}, {"name", name}, {"company", company}}.dump());
  return ok(api, r, 201)["token"];
}

std::vector<std::int64_t> numbers(const json& list) {
  std::vector<std::int64_t> out;
  for (const json& r : list["requests"]) out.push_back(r["number"]);
  return out;
}

std::string enc(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) out += static_cast<char>(c);
    else {
      char b[4];
      std::snprintf(b, sizeof b, "%%%02X", c);
      out += b;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("router: the agents' queue: search by number and name, filters, take, who asked") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");  // Monday 10:00 CET
  const std::string hans = customer(api, "hans@example.com", "Hans Müller", "Globex");
  const std::string olga = customer(api, "olga@example.com", "Ольга Иванова", "Initech");
  const std::string anna = api.add_agent("anna@example.com", "L1", "Anna");
  const std::string boris = api.add_agent("boris@example.com", "L1", "Boris");
  change_plan(api, olga, "standard");
  const std::int64_t n1 = create_request(api, hans, new_request_body(3, "Printer offline"))["number"];
  const std::int64_t n2 = create_request(api, olga, new_request_body(2, "VPN down"))["number"];
  const std::int64_t n3 = create_request(api, hans, new_request_body(4, "Invoice copy", "billing"))["number"];

  // The queue names who asked: customer, company, plan and effective tier.
  json q = ok(api, get(api, "/requests", anna));
  REQUIRE(q["requests"].size() == 3);
  for (const json& r : q["requests"]) {
    CHECK(r["customer"]["name"].is_string());
    CHECK(r["customer"]["company"]["name"].is_string());
  }
  // Search: a number (with or without "#"), a customer's name, a company's name.
  CHECK(numbers(ok(api, get(api, "/requests?q=" + std::to_string(n2), anna))) == std::vector<std::int64_t>{n2});
  CHECK(numbers(ok(api, get(api, "/requests?q=%23" + std::to_string(n3), anna))) == std::vector<std::int64_t>{n3});
  CHECK(numbers(ok(api, get(api, "/requests?q=" + enc("ольга"), anna))) == std::vector<std::int64_t>{n2});
  CHECK(numbers(ok(api, get(api, "/requests?q=m%C3%BCller%20invoice", anna))) == std::vector<std::int64_t>{n3});
  CHECK(numbers(ok(api, get(api, "/requests?q=initech", anna))) == std::vector<std::int64_t>{n2});
  // Customers find theirs by number too, but never another company's.
  CHECK(numbers(ok(api, get(api, "/requests?q=" + std::to_string(n1), hans))) == std::vector<std::int64_t>{n1});
  CHECK(ok(api, get(api, "/requests?q=" + std::to_string(n2), hans))["total"] == 0);

  // Take: assigned to me, an event in the conversation; "mine" and "unassigned" filters.
  std::string id1;  // Hans's printer request
  for (const json& r : q["requests"])
    if (r["number"] == n1) id1 = r["id"];
  json taken = ok(api, post(api, "/requests/" + id1 + "/take", json::object(), anna));
  CHECK(taken["assignee_id"] == "ag_anna");
  CHECK(taken["assignee"]["name"] == "Anna");
  CHECK(taken["messages"].back()["author"]["kind"] == "system");
  CHECK(taken["messages"].back()["body"] == "Taken by Anna");
  CHECK(ok(api, get(api, "/requests?assignee=me", anna))["total"] == 1);
  CHECK(ok(api, get(api, "/requests?assignee=me", boris))["total"] == 0);
  CHECK(ok(api, get(api, "/requests?assignee=none", anna))["total"] == 2);
  CHECK(ok(api, post(api, "/requests/" + id1 + "/take", json::object(), anna))["messages"].size() ==
        taken["messages"].size());  // taking one's own again: nothing new
  CHECK(error_of(api, post(api, "/requests/" + id1 + "/take", json::object(), hans), 403)["code"].is_string());

  // Level and due-time filters: nothing is breached yet; Standard severity 2 is due soon.
  CHECK(ok(api, get(api, "/requests?level=L1", anna))["total"] == 3);
  CHECK(ok(api, get(api, "/requests?level=L2", anna))["total"] == 0);
  CHECK(ok(api, get(api, "/requests?due=breached", anna))["total"] == 0);
  const json soon = ok(api, get(api, "/requests?due=soon", anna));
  for (const json& r : soon["requests"]) CHECK(r["next_due"].get<std::string>() <= "2026-11-23T13:00:00Z");
  api.env.clock = at("2026-12-20T09:00:00Z");  // weeks later: every first response is late
  CHECK(ok(api, get(api, "/requests?due=breached", anna))["total"] == 3);
  CHECK(ok(api, get(api, "/requests?due=soon", anna))["total"] == 0);
  CHECK(ok(api, get(api, "/requests?due=breached&status=new&assignee=none", anna))["total"] == 2);
  CHECK(error_of(api, get(api, "/requests?due=late", anna), 400)["field"] == "due");
  CHECK(error_of(api, get(api, "/requests?assignee=bob", anna), 400)["field"] == "assignee");
  CHECK(error_of(api, get(api, "/requests?level=L4", anna), 400)["field"] == "level");

  // The request view for an agent: customer's name, company, plan and tier; not for the customer.
  const json seen = ok(api, get(api, "/requests/" + q["requests"][0]["id"].get<std::string>(), anna));
  CHECK(seen["customer"]["id"].is_string());
  const json olga_req = ok(api, get(api, "/requests?q=" + std::to_string(n2), anna))["requests"][0];
  CHECK(olga_req["customer"]["name"] == "Ольга Иванова");
  CHECK(olga_req["customer"]["company"]["name"] == "Initech");
  CHECK(olga_req["customer"]["plan"] == "standard");
  CHECK(olga_req["customer"]["effective_tier"] == "standard");
  CHECK_FALSE(ok(api, get(api, "/requests/" + id1, hans)).contains("customer"));
}

TEST_CASE("router: an escalation's reason is an internal note customers never see") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  const std::string ana = api.register_customer("ana@example.com");
  const std::string l1 = api.add_agent("l1@example.com", "L1", "Lena");
  const std::string id = create_request(api, ana)["id"];
  const json r = ok(api, post(api, "/requests/" + id + "/escalate", {{"reason", "Needs the driver team"}}, l1));
  REQUIRE(r["messages"].size() == 2);
  CHECK(r["messages"][0]["body"] == "Escalated from L1 to L2");
  CHECK(r["messages"][1]["author"]["kind"] == "internal");
  CHECK(r["messages"][1]["author"]["id"] == "ag_l1");
  CHECK(r["messages"][1]["body"] == "Needs the driver team");
  CHECK(ok(api, get(api, "/requests/" + id, l1))["messages"].size() == 2);
  const json theirs = ok(api, get(api, "/requests/" + id, ana));
  REQUIRE(theirs["messages"].size() == 1);
  CHECK(theirs["messages"][0]["author"]["kind"] == "system");
  // A note is not an answer: the first-response clock still runs.
  CHECK(theirs["sla"]["first_response"]["met_at"].is_null());
  check_validation(api, post(api, "/requests/" + id + "/escalate", {{"reason", std::string(2001, 'x')}}, l1), "reason");
}

TEST_CASE("router: closing is undone within the grace; the rating needs an agent's answer only in the UI") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  const std::string ana = api.register_customer("ana@example.com");
  const std::string id = create_request(api, ana)["id"];
  json r = ok(api, post(api, "/requests/" + id + "/status", {{"status", "closed"}}, ana));
  CHECK(r["status"] == "closed");
  CHECK(r["reopen_until"] == "2026-11-30T09:00:00Z");
  api.env.clock += 60;
  r = ok(api, post(api, "/requests/" + id + "/status", {{"status", "open"}}, ana));  // undo
  CHECK(r["status"] == "open");
  CHECK(r["closed_at"].is_null());
  CHECK(r["reopen_until"].is_null());
  ok(api, post(api, "/requests/" + id + "/status", {{"status", "closed"}}, ana));
  api.env.clock += 7 * 24 * 3600;  // the grace is over
  CHECK(error_of(api, post(api, "/requests/" + id + "/status", {{"status", "open"}}, ana), 409)["code"] ==
        "invalid_transition");
}

TEST_CASE("router: KB search across languages, and a problem's own article first") {
  Api api;
  // Russian typed in the English interface finds the Russian article; results say their language.
  const json ru = ok(api, get(api, "/kb/search?lang=en&q=" + enc("письма не приходят")));
  REQUIRE(!ru["results"].empty());
  CHECK(ru["results"][0]["id"] == "emails-not-arriving");
  CHECK(ru["results"][0]["lang"] == "ru");
  CHECK(ok(api, get(api, "/kb/search?lang=en&all_languages=false&q=" + enc("письма не приходят")))["results"].empty());
  CHECK(error_of(api, get(api, "/kb/search?lang=en&all_languages=maybe&q=x"), 400)["field"] == "all_languages");
  // An English query ranks the English article first, in its language.
  const json en = ok(api, get(api, "/kb/search?lang=en&q=emails+not+arriving"));
  REQUIRE(!en["results"].empty());
  CHECK(en["results"][0]["id"] == "emails-not-arriving");
  CHECK(en["results"][0]["lang"] == "en");
  // The interface's language wins a tie: "dedicated agent" in Bulgarian finds the Bulgarian one first.
  const json bg = ok(api, get(api, "/kb/search?lang=bg&q=" + enc("Специален служител")));
  REQUIRE(!bg["results"].empty());
  CHECK(bg["results"][0]["lang"] == "bg");
}

TEST_CASE("router: a Premium customer with a dedicated agent books either; the .ics is named for people") {
  Api api;
  api.env.clock = at("2026-11-23T08:10:00Z");  // Monday 09:10 CET
  api.add_agent("max@example.com", "L2", "Max Mustermann");
  api.add_agent("vera@example.com", "L2", "Вера Петрова");
  const std::string ana = api.register_customer("ana@example.com");
  change_plan(api, ana, "premium");
  CHECK(ok(api, post(api, "/me/addons", {{"addon", "dedicated_agent"}}, ana))["dedicated_agent"]["id"] == "ag_vera");

  const json dedicated = ok(api, get(api, "/booking/slots", ana));  // default: the dedicated agent
  CHECK(dedicated["agent"]["id"] == "ag_vera");
  CHECK(dedicated["with"] == "dedicated");
  REQUIRE(dedicated["choices"].size() == 2);
  CHECK(dedicated["choices"][0]["with"] == "manager");
  CHECK(dedicated["choices"][0]["agent"]["id"] == "ag_max");
  const json manager = ok(api, get(api, "/booking/slots?with=manager", ana));
  CHECK(manager["agent"]["id"] == "ag_max");
  CHECK(manager["with"] == "manager");
  CHECK(manager["schedule"]["id"] != dedicated["schedule"]["id"]);

  const json b = ok(
      api, post(api, "/bookings", {{"start", "2026-11-23T16:00:00Z"}, {"topic", "support"}, {"with", "manager"}}, ana),
      201);
  CHECK(b["agent"]["id"] == "ag_max");  // 17:00 CET: the manager's hours, not the dedicated agent's
  check_validation(
      api, post(api, "/bookings", {{"start", "2026-11-24T09:00:00Z"}, {"topic", "support"}, {"with", "boss"}}, ana),
      "with");
  const json v =
      ok(api,
         post(api, "/bookings", {{"start", "2026-11-24T09:00:00Z"}, {"topic", "support"}, {"with", "dedicated"}}, ana),
         201);
  CHECK(v["agent"]["id"] == "ag_vera");
  // Rescheduling keeps the same person.
  CHECK(ok(api, post(api, "/bookings/" + v["id"].get<std::string>() + "/reschedule",
                     {{"start", "2026-11-24T10:00:00Z"}}, ana))["agent"]["id"] == "ag_vera");

  // The .ics file name: date, time and agent; a cancellation says so and cancels the same event.
  const std::string id = b["id"];
  CHECK(header_of(get(api, "/bookings/" + id + "/ics", ana), "Content-Disposition") ==
        "attachment; filename=\"call-2026-11-23-1600-max-mustermann.ics\"");
  CHECK(del(api, "/bookings/" + id, ana).status == 204);
  const HttpResponse cancel = get(api, "/bookings/" + id + "/ics", ana);
  CHECK(header_of(cancel, "Content-Disposition") ==
        "attachment; filename=\"call-2026-11-23-1600-max-mustermann-cancelled.ics\"");
  CHECK(cancel.body.find("METHOD:CANCEL\r\n") != std::string::npos);
  CHECK(cancel.body.find("UID:booking-" + id + "@support-portal\r\n") != std::string::npos);
  CHECK(cancel.body.find("SEQUENCE:1\r\n") != std::string::npos);
  CHECK(cancel.body.find("STATUS:CANCELLED\r\n") != std::string::npos);
  CHECK(header_of(get(api, "/bookings/" + v["id"].get<std::string>() + "/ics", ana), "Content-Disposition") ==
        "attachment; filename=\"call-2026-11-24-1000-vera-petrova.ics\"");
}

}  // namespace router_queue_tests
