// Sign-up, sign-in, sessions and their errors (api.md "Auth"): 201/200/204, 401, 409, 422, 429.
#include <doctest/doctest.h>

#include "test_router_support.h"

using namespace portal;
using namespace portal::testing;

namespace {

json registration(const std::string& email = "ana@example.com") {
  return {{"email", email}, {"password", "correct horse"}, {"name", "Ana Novak"}, {"company", "Acme GmbH"}};
}

HttpResponse login(Api& api, const std::string& email, const std::string& password,
                   const std::string& peer = "10.0.0.1") {
  return api.call("POST", "/api/v1/auth/login", json{{"email", email}, {"password", password}}.dump(), {}, peer);
}

}  // namespace

TEST_CASE("router: register gives 201 {token, customer} on the basic plan") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  json body = registration();
  body["email"] = "  Ana@Example.COM ";
  const json r = ok(api, post(api, "/auth/register", body), 201);
  REQUIRE(r["token"].is_string());
  const std::string token = r["token"];
  CHECK(token.size() == 43);  // 32 random bytes, base64url without padding
  CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
  const json& c = r["customer"];
  CHECK(c["email"] == "ana@example.com");  // stored trimmed and lower-case
  CHECK(c["name"] == "Ana Novak");
  CHECK(c["company"]["name"] == "Acme GmbH");
  CHECK(c["company"]["id"].get<std::string>().rfind("co_", 0) == 0);
  CHECK(c["id"].get<std::string>().rfind("cu_", 0) == 0);
  CHECK(c["created_at"] == "2026-11-23T09:00:00Z");
  CHECK(r.find("password") == r.end());
  CHECK(c.find("password_hash") == c.end());

  const json me = ok(api, get(api, "/me", token));
  CHECK(me["plan"] == "basic");
  CHECK(me["effective_tier"] == "basic");
  CHECK(me["customer"] == c);
  // The billing period starts at sign-up and runs one calendar month.
  CHECK(me["period"]["start"] == "2026-11-23T09:00:00Z");
  CHECK(me["period"]["end"] == "2026-12-23T09:00:00Z");
}

TEST_CASE("router: register refuses each invalid field with 422 naming it") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  auto with = [](const char* field, json value) {
    json b = registration();
    b[field] = std::move(value);
    return b;
  };
  auto without = [](const char* field) {
    json b = registration();
    b.erase(field);
    return b;
  };
  for (const char* f : {"email", "password", "name", "company"}) {
    CAPTURE(f);
    check_validation(api, post(api, "/auth/register", without(f)), f);
    check_validation(api, post(api, "/auth/register", with(f, 42)), f);
    check_validation(api, post(api, "/auth/register", with(f, nullptr)), f);
  }
  for (const char* bad : {"not-an-email", "a@b", "@example.com", "ana@", "ana@@example.com", "ana @example.com",
                          "ana@example.com.", "ana@.example.com", "a,b@example.com"}) {
    CAPTURE(bad);
    check_validation(api, post(api, "/auth/register", with("email", bad)), "email");
  }
  check_validation(api, post(api, "/auth/register", with("email", std::string(250, 'a') + "@example.com")), "email");
  check_validation(api, post(api, "/auth/register", with("password", "short12")), "password");
  check_validation(api, post(api, "/auth/register", with("password", "")), "password");
  // Characters, not bytes: 7 Cyrillic letters are 14 bytes and still too short; 8 are enough.
  check_validation(api, post(api, "/auth/register", with("password", "пароль1")), "password");
  check_validation(api, post(api, "/auth/register", with("password", std::string(1025, 'p'))), "password");
  check_validation(api, post(api, "/auth/register", with("name", "")), "name");
  check_validation(api, post(api, "/auth/register", with("name", " \t ")), "name");
  check_validation(api, post(api, "/auth/register", with("name", std::string(101, 'n'))), "name");
  check_validation(api, post(api, "/auth/register", with("company", "")), "company");
  check_validation(api, post(api, "/auth/register", with("company", std::string(201, 'c'))), "company");
  check_validation(api, post(api, "/auth/register", with("role", "agent")), "role");  // unknown field
  // Nothing was stored by any of them.
  CHECK(login(api, "ana@example.com", "correct horse").status == 401);

  // The limits themselves are fine, counted in characters.
  json edge = registration("edge@example.com");
  edge["password"] = "пароль12";
  edge["name"] = std::string(100, 'n');
  std::string company;
  for (int i = 0; i < 200; ++i) company += "Ж";
  edge["company"] = company;
  const json r = ok(api, post(api, "/auth/register", edge), 201);
  CHECK(r["customer"]["company"]["name"] == company);
  CHECK(login(api, "edge@example.com", "пароль12").status == 200);
}

TEST_CASE("router: 409 when the email is already registered, in any case, also by an agent") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  api.register_customer("ana@example.com");
  for (const char* again : {"ana@example.com", "ANA@EXAMPLE.COM", " Ana@Example.com"}) {
    CAPTURE(again);
    const json e = error_of(api, post(api, "/auth/register", registration(again)), 409);
    CHECK(e["code"] == "email_taken");
    CHECK(e["field"] == "email");
  }
  api.add_agent("agent@example.com", "L1");
  CHECK(error_of(api, post(api, "/auth/register", registration("Agent@example.com")), 409)["code"] == "email_taken");
}

TEST_CASE("router: login, logout and the bearer token") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  const std::string first = api.register_customer("ana@example.com");

  const json in = ok(api, login(api, "ANA@example.com", "correct horse"));
  CHECK(in["role"] == "customer");
  CHECK(in["customer"]["email"] == "ana@example.com");
  const std::string second = in["token"];
  CHECK(second != first);
  CHECK(get(api, "/me", first).status == 200);
  CHECK(get(api, "/me", second).status == 200);

  // Wrong password and unknown email answer alike.
  const json wrong = error_of(api, login(api, "ana@example.com", "wrong password"), 401);
  const json unknown = error_of(api, login(api, "nobody@example.com", "wrong password"), 401);
  CHECK(wrong == unknown);
  CHECK(wrong["code"] == "bad_credentials");
  check_validation(api, post(api, "/auth/login", {{"email", "ana@example.com"}}), "password");

  // Logout ends that session only.
  const HttpResponse out = api.call("POST", "/api/v1/auth/logout", {}, second);
  CHECK(out.status == 204);
  CHECK(out.body.empty());
  CHECK(error_of(api, get(api, "/me", second), 401)["code"] == "unauthorized");
  CHECK(error_of(api, api.call("POST", "/api/v1/auth/logout", {}, second), 401)["code"] == "unauthorized");
  CHECK(get(api, "/me", first).status == 200);

  // Agents sign in through the same endpoint.
  api.add_agent("l1@example.com", "L1", "Lena");
  const json agent = ok(api, login(api, "l1@example.com", "agent password"));
  CHECK(agent["role"] == "agent");
  CHECK(agent["agent"]["name"] == "Lena");
  CHECK(agent["agent"]["level"] == "L1");
  const json agent_me = ok(api, get(api, "/me", agent["token"]));
  CHECK(agent_me["role"] == "agent");
}

TEST_CASE("router: 401 without a token, with a bad one, after logout and once the session expired") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  const std::string token = api.register_customer("ana@example.com");
  CHECK(error_of(api, get(api, "/me"), 401)["code"] == "unauthorized");
  CHECK(error_of(api, get(api, "/me", "not-a-token"), 401)["code"] == "unauthorized");
  CHECK(error_of(api, get(api, "/requests", token + "x"), 401)["code"] == "unauthorized");
  for (const char* header :
       {"Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearer", "Bearer ", "bearer " /* + token */, token.c_str()}) {
    HttpRequest r;
    r.method = "GET";
    r.path = "/api/v1/me";
    r.headers = {{"Authorization", header == std::string("bearer ") ? "bearer " + token : std::string(header)}};
    CAPTURE(header);
    CHECK(api.router.handle(r).status == 401);
  }
  // Header names are case-insensitive.
  HttpRequest lower;
  lower.method = "GET";
  lower.path = "/api/v1/me";
  lower.headers = {{"authorization", "Bearer " + token}};
  CHECK(api.router.handle(lower).status == 200);

  // Sessions last the catalog's 30 days to the second.
  api.env.clock = at("2026-12-23T08:59:59Z");
  CHECK(get(api, "/me", token).status == 200);
  api.env.clock = at("2026-12-23T09:00:00Z");
  CHECK(error_of(api, get(api, "/me", token), 401)["code"] == "unauthorized");
  api.env.clock = at("2027-02-01T00:00:00Z");
  CHECK(get(api, "/me", token).status == 401);
  // Signing in again works.
  const std::string fresh = ok(api, login(api, "ana@example.com", "correct horse"))["token"];
  CHECK(get(api, "/me", fresh).status == 200);
}

TEST_CASE("router: a guesser is slowed per (account, address), then refused; the owner elsewhere signs in") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  api.register_customer("ana@example.com");
  for (int i = 0; i < 3; ++i)
    CHECK(login(api, "ana@example.com", "guess " + std::to_string(i), "10.0.0.9").status == 401);
  HttpResponse slowed = login(api, "ana@example.com", "guess 3", "10.0.0.9");
  CHECK(error_of(api, slowed, 429)["code"] == "rate_limited");
  // The pause is at least 1 s: the failure happened somewhere inside this clock second, so the
  // next try may come two seconds on, and one second on is still too early.
  CHECK(header_of(slowed, "Retry-After") == "2");
  // Even the right password waits at that address; from another address the owner signs in.
  CHECK(login(api, "ana@example.com", "correct horse", "10.0.0.9").status == 429);
  CHECK(login(api, "ANA@example.com", "correct horse", "192.168.1.1").status == 200);
  api.env.clock += 1;
  CHECK(login(api, "ana@example.com", "correct horse", "10.0.0.9").status == 429);
  CHECK(header_of(login(api, "ana@example.com", "correct horse", "10.0.0.9"), "Retry-After") == "1");
  // The pauses double (1, 2, 4 … 60 s); the tenth failure refuses for the rest of the window.
  for (int i = 3; i < 10; ++i) {
    api.env.clock += 61;
    CHECK(login(api, "ana@example.com", "guess " + std::to_string(i), "10.0.0.9").status == 401);
  }
  api.env.clock += 61;
  const HttpResponse refused = login(api, "ana@example.com", "correct horse", "10.0.0.9");
  CHECK(refused.status == 429);
  CHECK(std::stoi(header_of(refused, "Retry-After")) > 60);
  // Once the window has passed, the right password works there again.
  api.env.clock += 15 * 60;
  CHECK(login(api, "ana@example.com", "correct horse", "10.0.0.9").status == 200);
}

TEST_CASE(
    "router: 20 failures of one account from many addresses cap it, except for a browser with its device cookie") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  api.register_customer("ana@example.com");
  const HttpResponse ok = login(api, "ana@example.com", "correct horse", "10.0.0.1");
  REQUIRE(ok.status == 200);
  const std::string set_cookie = header_of(ok, "Set-Cookie");
  REQUIRE(set_cookie.find("portal_device=") == 0);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  for (int i = 0; i < 20; ++i)
    CHECK(login(api, "ana@example.com", "guess", "10.1.0." + std::to_string(i + 1)).status == 401);
  const HttpResponse capped = login(api, "ana@example.com", "correct horse", "10.2.0.1");
  CHECK(error_of(api, capped, 429)["message"].get<std::string>().find("signed in to it before") != std::string::npos);
  HttpRequest with_cookie;
  with_cookie.method = "POST";
  with_cookie.path = "/api/v1/auth/login";
  with_cookie.body = json{{"email", "ana@example.com"}, {"password", "correct horse"}}.dump();
  with_cookie.headers = {{"Cookie", "theme=dark; " + cookie}};
  with_cookie.peer = "10.2.0.2";
  CHECK(api.router.handle(with_cookie).status == 200);
  // The cookie is bound to its account.
  api.register_customer("bob@example.com");
  for (int i = 0; i < 20; ++i) login(api, "bob@example.com", "guess", "10.3.0." + std::to_string(i + 1));
  with_cookie.body = json{{"email", "bob@example.com"}, {"password", "correct horse"}}.dump();
  CHECK(api.router.handle(with_cookie).status == 429);
}

TEST_CASE("router: 429 for one address that fails across many accounts") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  api.register_customer("ana@example.com");
  for (int i = 0; i < 30; ++i)
    CHECK(login(api, "user" + std::to_string(i) + "@example.com", "nope nope", "203.0.113.7").status == 401);
  const HttpResponse r = login(api, "ana@example.com", "correct horse", "203.0.113.7");
  error_of(api, r, 429);
  CHECK(!header_of(r, "Retry-After").empty());
  CHECK(login(api, "ana@example.com", "correct horse", "198.51.100.1").status == 200);
}

TEST_CASE("router: 403 where the caller is signed in but not allowed") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  const std::string customer = api.register_customer("ana@example.com");
  const std::string agent = api.add_agent("l1@example.com", "L1");
  const std::string rid = create_request(api, customer)["id"];
  // Agent-only: escalation by a customer.
  CHECK(error_of(api, post(api, "/requests/" + rid + "/escalate", json::object(), customer), 403)["code"] ==
        "agents_only");
  // Customer-only: an agent cannot open requests, change plans, book or rate.
  CHECK(error_of(api, post(api, "/requests", new_request_body(), agent), 403)["code"] == "customers_only");
  CHECK(error_of(api, post(api, "/me/plan", {{"plan", "premium"}}, agent), 403)["code"] == "customers_only");
  CHECK(error_of(api, get(api, "/booking/slots", agent), 403)["code"] == "customers_only");
  CHECK(error_of(api, post(api, "/requests/" + rid + "/rating", {{"score", 5}}, agent), 403)["code"] ==
        "customers_only");
}
