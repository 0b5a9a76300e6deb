// The router's error contract (api.md "Errors"): 400, 404, 405, 413 and the envelope, the route
// table against api.md, and "no input, however malformed, makes the server crash".
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "test_router_support.h"

using namespace portal;
using namespace portal::testing;

namespace {

// Every endpoint api.md names, as (method, path under /api/v1).
const std::vector<std::pair<std::string, std::string>> kApiMdEndpoints = {
    {"POST", "/auth/register"},
    {"POST", "/auth/login"},
    {"POST", "/auth/logout"},
    {"GET", "/plans"},
    {"GET", "/sla/preview"},
    {"GET", "/me"},
    {"POST", "/me/plan"},
    {"POST", "/me/addons"},
    {"DELETE", "/me/addons/{id}"},
    {"POST", "/me/packages"},
    {"DELETE", "/me/packages/{id}"},
    {"POST", "/requests"},
    {"GET", "/requests"},
    {"GET", "/requests/{id}"},
    {"POST", "/requests/{id}/messages"},
    {"POST", "/requests/{id}/status"},
    {"POST", "/requests/{id}/escalate"},
    {"POST", "/requests/{id}/rating"},
    {"GET", "/booking/slots"},
    {"POST", "/bookings"},
    {"GET", "/bookings"},
    {"DELETE", "/bookings/{id}"},
    {"GET", "/bookings/{id}/ics"},
    {"GET", "/kb/search"},
    {"GET", "/kb/articles/{id}"},
    {"GET", "/metrics"},
};
// Endpoints api.md marks "(no auth)" (plus register and login, which give the token).
const std::set<std::string> kPublic = {"/auth/register", "/auth/login", "/plans",
                                       "/sla/preview",   "/kb/search",  "/kb/articles/{id}"};
// Our documented extensions beyond api.md.
const std::vector<std::pair<std::string, std::string>> kExtensions = {
    {"GET", "/me/plan/preview"},
    {"POST", "/bookings/{id}/reschedule"},
    {"GET", "/kb/articles"},
    {"GET", "/health"},       // for load balancers (PostgreSQL clusters, issue 12)
    {"GET", "/me/sessions"},  // issue #11: one's own sessions and password
    {"DELETE", "/me/sessions"},
    {"DELETE", "/me/sessions/{id}"},
    {"POST", "/me/password"},
    {"POST", "/requests/{id}/take"},  // issue #9: an agent takes a request
    // Issue #10: events and chats.
    {"GET", "/events"},
    // Chats: the server and the offline demo alike.
    {"POST", "/chats"},
    {"GET", "/chats"},
    {"GET", "/chats/{id}"},
    {"POST", "/chats/{id}/messages"},
    {"POST", "/chats/{id}/accept"},
    {"POST", "/chats/{id}/handover"},
    {"POST", "/chats/{id}/end"},
    {"PUT", "/agents/me/availability"},
    {"GET", "/agents/me/availability"},
};

std::set<std::pair<std::string, std::string>> router_routes() {
  std::set<std::pair<std::string, std::string>> out;
  for (const RouteInfo& r : Router::routes()) {
    REQUIRE(r.pattern.rfind("/api/v1/", 0) == 0);
    out.insert({r.method, r.pattern.substr(7)});
  }
  return out;
}

}  // namespace

TEST_CASE("router: Router::routes() serves exactly api.md's endpoints plus the documented extensions") {
  const auto routes = router_routes();
  CHECK(routes.size() == Router::routes().size());  // no duplicates
  for (const auto& e : kApiMdEndpoints) CHECK_MESSAGE(routes.count(e), e.first << " " << e.second << " is missing");
  std::set<std::pair<std::string, std::string>> expected(kApiMdEndpoints.begin(), kApiMdEndpoints.end());
  expected.insert(kExtensions.begin(), kExtensions.end());
  for (const auto& r : routes) CHECK_MESSAGE(expected.count(r), r.first << " " << r.second << " is not in api.md");
  CHECK(routes == expected);
  for (const RouteInfo& r : Router::routes()) {
    const std::string p = r.pattern.substr(7);
    const bool public_route = kPublic.count(p) || p == "/kb/articles" || p == "/health";
    CHECK_MESSAGE(r.auth == !public_route, r.method << " " << r.pattern);
  }
}

TEST_CASE("router: every route of the table answers (no 404/405/500 for its own method)") {
  Api api;
  api.env.clock = at("2026-11-23T08:00:00Z");
  std::string token = api.register_customer("all@example.com");
  for (const RouteInfo& r : Router::routes()) {
    std::string target = r.pattern;
    for (std::size_t p; (p = target.find("{id}")) != std::string::npos;) target.replace(p, 4, "x1");
    const HttpResponse resp = api.call(r.method, target, "{}", r.auth ? token : "");
    CAPTURE(r.method);
    CAPTURE(target);
    CAPTURE(resp.body);
    CHECK(resp.status != 405);
    CHECK(resp.status != 500);
    // A 404 here may only be "no such object x1", never "no such endpoint".
    if (resp.status == 404) CHECK(resp.body.find("no such endpoint") == std::string::npos);
    // Without a token, exactly the authenticated routes answer 401.
    const HttpResponse anon = api.call(r.method, target, "{}");
    CHECK((anon.status == 401) == r.auth);
    if (r.pattern.ends_with("/auth/logout")) {
      CHECK(resp.status == 204);
      token = ok(api, post(api, "/auth/login", {{"email", "all@example.com"}, {"password", "correct horse"}}))["token"];
    }
  }
}

TEST_CASE("router: 400 for malformed JSON, a body that is not an object, and deep nesting") {
  Api api;
  api.env.clock = at("2026-11-23T08:00:00Z");
  const std::string token = api.register_customer("bad@example.com");
  for (const std::string& body :
       {std::string("{"), std::string("{\"subject\": }"), std::string("not json"), std::string("{\"a\":1,}"),
        std::string("{'a': 1}"), std::string("\xff\xfe{}"), std::string("{\"a\": \"\xc3\x28\"}")}) {
    CAPTURE(body);
    const json e = error_of(api, api.call("POST", "/api/v1/requests", body, token), 400);
    CHECK(e["code"] == "bad_request");
  }
  for (const std::string& body : {std::string("[]"), std::string("\"text\""), std::string("42"), std::string("null"),
                                  std::string("[{\"subject\": \"x\"}]")}) {
    CAPTURE(body);
    const json e = error_of(api, api.call("POST", "/api/v1/requests", body, token), 400);
    CHECK(e["message"].get<std::string>().find("object") != std::string::npos);
  }
  // 10000 '[' (and '{"a":' nesting): refused before the recursive parser sees it, no crash.
  const std::string deep(10000, '[');
  error_of(api, api.call("POST", "/api/v1/requests", deep, token), 400);
  error_of(api, api.call("POST", "/api/v1/auth/register", deep + std::string(10000, ']'), ""), 400);
  std::string deep_objects;
  for (int i = 0; i < 10000; ++i) deep_objects += "{\"a\":";
  error_of(api, api.call("POST", "/api/v1/requests", deep_objects, token), 400);
  // Brackets inside strings do not count as nesting.
  json in_string = new_request_body();
  in_string["description"] = std::string(5000, '[');
  CHECK(api.call("POST", "/api/v1/requests", in_string.dump(), token).status == 201);
  // Nesting within the limit parses; the wrong type is then a 422 naming the field.
  json nested = new_request_body();
  nested["subject"] = json::parse("[[[[[[[[[[1]]]]]]]]]]");
  check_validation(api, api.call("POST", "/api/v1/requests", nested.dump(), token), "subject");
  // An empty body reads as {}: the first required field is named.
  check_validation(api, api.call("POST", "/api/v1/requests", "", token), "subject");
  check_validation(api, api.call("POST", "/api/v1/requests", " \r\n", token), "subject");
}

TEST_CASE("router: 400 for a malformed query, naming the parameter") {
  Api api;
  api.env.clock = at("2026-11-23T08:00:00Z");
  const std::string token = api.register_customer("query@example.com");
  auto field_of = [&](const std::string& target, const std::string& tok = {}) {
    const json e = error_of(api, api.call("GET", target, {}, tok), 400);
    return e.value("field", "");
  };
  CHECK(field_of("/api/v1/sla/preview?plan=basic&severity=abc") == "severity");
  CHECK(field_of("/api/v1/sla/preview?plan=basic&severity=0") == "severity");
  CHECK(field_of("/api/v1/sla/preview?plan=basic&severity=6") == "severity");
  CHECK(field_of("/api/v1/sla/preview?plan=basic") == "severity");
  CHECK(field_of("/api/v1/sla/preview?severity=3") == "plan");
  CHECK(field_of("/api/v1/sla/preview?plan=basic&severity=3&at=yesterday") == "at");
  CHECK(field_of("/api/v1/requests?status=bogus", token) == "status");
  CHECK(field_of("/api/v1/requests?status=open,bogus", token) == "status");
  CHECK(field_of("/api/v1/requests?limit=0", token) == "limit");
  CHECK(field_of("/api/v1/requests?limit=abc", token) == "limit");
  CHECK(field_of("/api/v1/requests?offset=-1", token) == "offset");
  CHECK(field_of("/api/v1/requests?status=open&status=new", token) == "status");
  CHECK(field_of("/api/v1/requests?q=%zz", token) == "q");
  CHECK(field_of("/api/v1/requests?q=%4", token) == "q");
  CHECK(field_of("/api/v1/requests?q=%C3", token) == "q");  // not UTF-8 once decoded
  CHECK(field_of("/api/v1/kb/search?q=vpn&lang=xx") == "lang");
  CHECK(field_of("/api/v1/booking/slots?from=tomorrow", token) == "from");
  // Well-formed encodings decode: '+' is a space, %2B a plus.
  CHECK(api.call("GET", "/api/v1/requests?q=printer+offline", {}, token).status == 200);
  CHECK(api.call("GET", "/api/v1/requests?q=%D0%BF%D1%80", {}, token).status == 200);
}

TEST_CASE("router: 404 for unknown routes, 405 for a known path with another method") {
  Api api;
  for (const char* path :
       {"/api/v1/nope", "/api/v1", "/", "/api/v2/plans", "/api/v1plans", "/api/v1-/plans", "/api/v1/plans/extra",
        "/api/v1/requests/a/b/c", "/api/v1/requests/%zz", "/api/v1/requests/a%2Fb/messages"}) {
    CAPTURE(path);
    const json e = error_of(api, api.call("GET", path), 404);
    CHECK(e["code"] == "not_found");
  }
  CHECK(api.call("GET", "/api/v1/plans/").status == 200);  // a trailing slash is the same path
  // An invalid UTF-8 path is not echoed back raw.
  const HttpResponse r = api.call("GET", "/api/v1/\xff\xfe");
  CHECK(error_of(api, r, 404)["message"].get<std::string>().find('\xff') == std::string::npos);

  for (const auto& [method_, path_] :
       std::vector<std::pair<const char*, const char*>>{{"DELETE", "/api/v1/plans"},
                                                        {"GET", "/api/v1/auth/login"},
                                                        {"PUT", "/api/v1/requests"},
                                                        {"PATCH", "/api/v1/requests/req_1"},
                                                        {"POST", "/api/v1/metrics"},
                                                        {"GET", "/api/v1/bookings/bk_1/reschedule"}}) {
    const char* method = method_;  // clang 14 cannot capture a structured binding in CAPTURE's lambda
    const char* path = path_;
    CAPTURE(method);
    CAPTURE(path);
    const HttpResponse response = api.call(method, path);
    const json e = error_of(api, response, 405);
    CHECK(e["code"] == "method_not_allowed");
    CHECK(!header_of(response, "Allow").empty());
  }
  // Allow lists the path's methods (RFC 9110 requires it on a 405).
  CHECK(header_of(api.call("DELETE", "/api/v1/plans"), "Allow") == "GET");
  CHECK(header_of(api.call("PUT", "/api/v1/requests"), "Allow") == "POST, GET");
  CHECK(header_of(api.call("POST", "/api/v1/bookings/bk_1"), "Allow") == "DELETE");
}

TEST_CASE("router: 413 for a body over 1 MiB, before anything else reads it") {
  Api api;
  api.env.clock = at("2026-11-23T08:00:00Z");
  const std::string token = api.register_customer("big@example.com");
  const std::string big(1024 * 1024 + 1, ' ');
  CHECK(error_of(api, api.call("POST", "/api/v1/auth/register", big), 413)["code"] == "payload_too_large");
  CHECK(error_of(api, api.call("POST", "/api/v1/requests", big, token), 413)["code"] == "payload_too_large");
  json huge = new_request_body();
  huge["description"] = std::string(2 * 1024 * 1024, 'a');
  error_of(api, api.call("POST", "/api/v1/requests", huge.dump(), token), 413);
  // Exactly 1 MiB is read: then the description is simply too long (422).
  json at_limit = new_request_body();
  at_limit["description"] = "";
  const std::size_t rest = 1024 * 1024 - at_limit.dump().size();
  at_limit["description"] = std::string(rest, 'a');
  REQUIRE(at_limit.dump().size() == 1024 * 1024);
  check_validation(api, api.call("POST", "/api/v1/requests", at_limit.dump(), token), "description");
  int stored = -1;
  api.store.read([&](StoreTx& tx) { stored = static_cast<int>(tx.requests_for_metrics("").size()); });
  CHECK(stored == 0);
}

TEST_CASE("router: errors carry the JSON envelope and never a 500, whatever the body") {
  Api api;
  api.env.clock = at("2026-11-23T08:00:00Z");
  const std::string token = api.register_customer("fuzz@example.com");
  const std::string agent = api.add_agent("fuzz.agent@example.com", "L1");
  const json req = create_request(api, token);
  const std::string rid = req["id"];
  const std::vector<std::string> bodies = {
      "",
      "{}",
      "null",
      "[]",
      "{",
      "}",
      "\"",
      "\xff",
      "{\"\xff\":1}",
      "{\"body\": null}",
      "{\"body\": 1e400}",
      "{\"severity\": -99999999999999999999}",
      "{\"status\": {\"a\": []}}",
      "{\"start\": \"2026-02-30T10:00:00Z\"}",
      "{\"plan\": \"\"}",
      "{\"addon\": \"../etc\"}",
      "{\"score\": 18446744073709551616}",
      std::string("{\"a\":\"\0\"}", 10),
      std::string(100, '{'),
      "{\"subject\": \"x\", \"description\": \"y\", \"severity\": 3, \"category\": \"onsite\"}"};
  const std::set<int> allowed = {200, 201, 204, 400, 401, 403, 404, 405, 409, 413, 422, 429};
  for (const RouteInfo& r : Router::routes()) {
    std::string target = r.pattern;
    for (std::size_t p; (p = target.find("{id}")) != std::string::npos;) target.replace(p, 4, rid);
    if (target.ends_with("/auth/logout")) continue;  // would end the sessions used here
    for (const std::string& tok : {token, agent}) {
      for (const std::string& body : bodies) {
        const HttpResponse resp = api.call(r.method, target, body, tok);
        CAPTURE(r.method);
        CAPTURE(target);
        CAPTURE(body);
        CAPTURE(resp.body);
        CHECK(allowed.count(resp.status));
        if (resp.status >= 400) {
          const json j = json::parse(resp.body, nullptr, false);
          REQUIRE(!j.is_discarded());
          CHECK(j["error"]["code"].is_string());
          CHECK(j["error"]["message"].is_string());
        }
      }
    }
  }
  // The stored request survived all of it.
  const json again = ok(api, get(api, "/requests/" + rid, token));
  CHECK(again["subject"] == req["subject"]);
}
