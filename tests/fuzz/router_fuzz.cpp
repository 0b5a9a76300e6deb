// libFuzzer target: the whole API through portal::Router::handle, over a MemoryStore holding a
// small seeded state (customers on Basic and Premium + dedicated agent, an agent, requests, a
// booking), with the real catalog and knowledge base and a deterministic Env.
//
// Input: up to 4 calls separated by the byte 0x1e. Each call:
//   byte 0      method: GET POST DELETE PUT PATCH HEAD OPTIONS, or "" / garbage
//   byte 1      who: %5 → none, basic customer, premium customer, agent, bad token;
//               /5 → minutes the clock moves forward before the call (×37)
//   then        path '\n' query '\n' body (the body is everything after the second '\n')
// In the path, $R / $S / $B / $K stand for the basic customer's request, the premium customer's
// request, the premium customer's booking and a knowledge-base article id.
//
// Every input starts from the same seeded state (restored from a snapshot after any input that
// wrote), so a crash input reproduces alone. It aborts (→ a libFuzzer crash) when:
//   * a status is not one of 200 201 204 400 401 403 404 405 409 413 422 429 (e.g. 500);
//   * a non-204 answer has no Content-Type, a 204 has a body;
//   * a JSON answer is not valid JSON, or an error answer lacks error.code / error.message;
//   * the store's saved state does not restore to the same state, or saving had to replace
//     invalid UTF-8 (stored text would be lost).
//
// Build and run: tests/fuzz/run_fuzz.sh [seconds]
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "api/router.h"
#include "catalog/catalog.h"
#include "domain/env.h"
#include "domain/kb.h"
#include "domain/memory_store.h"
#include "time/iso8601.h"

#ifndef PORTAL_ASSETS_DIR
#error "define PORTAL_ASSETS_DIR (the assets/ folder)"
#endif

namespace {

using nlohmann::json;
using portal::HttpRequest;
using portal::HttpResponse;
using portal::Instant;

[[noreturn]] void fail(const std::string& what, const HttpRequest* request = nullptr,
                       const HttpResponse* response = nullptr) {
  std::fprintf(stderr, "\nrouter_fuzz: %s\n", what.c_str());
  if (request)
    std::fprintf(stderr, "  request: %s %s ? %s\n  body: %.400s\n", request->method.c_str(), request->path.c_str(),
                 request->query.c_str(), request->body.c_str());
  if (response) std::fprintf(stderr, "  response: %d %.400s\n", response->status, response->body.c_str());
  std::abort();
}

std::string read_asset(const std::string& relative) {
  std::ifstream in(std::string(PORTAL_ASSETS_DIR) + "/" + relative, std::ios::binary);
  if (!in) fail("cannot read assets/" + relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The idea of tests/core/test_support.h's FakeEnv: a settable clock, counter-based
// "randomness", transparent hashing. The counter starts where the seeding left off so that new
// ids never collide with seeded ones.
class FuzzEnv : public portal::Env {
 public:
  Instant clock = 0;
  std::uint64_t counter = 1;
  Instant now() override { return clock; }
  std::string random_bytes(std::size_t n) override {
    std::string out(n, '\0');
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<char>((counter * 131 + i * 17 + (counter >> 8)) & 0xff);
    ++counter;
    return out;
  }
  std::string hash_token(std::string_view token) override { return "t:" + std::string(token); }
  std::string hash_password(std::string_view pw) override { return "p:" + std::string(pw); }
  bool verify_password(std::string_view pw, std::string_view hash) override { return hash == "p:" + std::string(pw); }
};

struct World {
  portal::Catalog catalog;
  portal::KnowledgeBase kb;
  Instant start = 0;
  std::string snapshot;       // MemoryStore::to_json of the seeded state
  std::uint64_t counter = 1;  // FuzzEnv counter after seeding
  std::string tokens[5];      // "", basic, premium, agent, bad
  std::string request_basic, request_premium, booking, article;
};

HttpResponse call(portal::Router& router, const std::string& method, const std::string& target, const std::string& body,
                  const std::string& token) {
  HttpRequest r = HttpRequest::to(method, target);
  if (!token.empty()) r.headers.push_back({"Authorization", "Bearer " + token});
  r.body = body;
  r.peer = "10.0.0.1";
  return router.handle(r);
}

json expect(const HttpResponse& r, int status, const char* what) {
  if (r.status != status) {
    std::fprintf(stderr, "router_fuzz: seeding failed at %s: %d %s\n", what, r.status, r.body.c_str());
    std::abort();
  }
  return r.body.empty() ? json() : json::parse(r.body);
}

const World& world() {
  static const World w = [] {
    World w;
    w.catalog = portal::load_catalog(read_asset("catalog.json"));
    for (const char* lang : {"en", "ru", "bg"})
      w.kb.add_language(lang, read_asset(std::string("kb/") + lang + ".json"));
    w.start = *portal::parse_instant("2026-11-23T09:00:00Z");  // a Monday morning in Berlin
    w.article = w.kb.articles("en").at(0).id;

    portal::MemoryStore store;
    FuzzEnv env;
    env.clock = w.start;
    portal::Router router(w.catalog, w.kb, store, env);
    auto reg = [&](const char* email, const char* company) {
      return expect(call(router, "POST", "/api/v1/auth/register",
                         json{{"email", email}, {"password", "correct horse"}, {"name", "Fuzz"}, {"company", company}}
                             .dump(),
                         ""),
                    201, "register")["token"]
          .get<std::string>();
    };
    w.tokens[1] = reg("basic@example.com", "Basic Co");
    w.tokens[2] = reg("premium@example.com", "Premium Co");
    store.write([&](portal::StoreTx& tx) {
      tx.insert_agent(portal::Agent{"ag_l1", "agent@example.com", "Alex Agent", portal::Level::kL1,
                                    env.hash_password("agent password"), w.start});
      tx.insert_agent(portal::Agent{"ag_l2", "senior@example.com", "Sam Senior", portal::Level::kL2,
                                    env.hash_password("agent password"), w.start});
    });
    w.tokens[3] = expect(call(router, "POST", "/api/v1/auth/login",
                              R"({"email":"agent@example.com","password":"agent password"})", ""),
                         200, "agent login")["token"]
                      .get<std::string>();
    w.tokens[4] = "not-a-real-token";
    expect(call(router, "POST", "/api/v1/me/plan", R"({"plan":"premium"})", w.tokens[2]), 200, "upgrade");
    expect(call(router, "POST", "/api/v1/me/addons", R"({"addon":"dedicated_agent"})", w.tokens[2]), 200, "add-on");
    const std::string new_request =
        R"({"subject":"VPN drops","description":"Every hour.","severity":2,"category":"technical"})";
    w.request_basic = expect(call(router, "POST", "/api/v1/requests", new_request, w.tokens[1]), 201, "request")["id"]
                          .get<std::string>();
    w.request_premium = expect(call(router, "POST", "/api/v1/requests", new_request, w.tokens[2]), 201, "request")["id"]
                            .get<std::string>();
    expect(
        call(router, "POST", "/api/v1/requests/" + w.request_basic + "/messages", R"({"body":"On it."})", w.tokens[3]),
        201, "reply");
    const json slots = expect(call(router, "GET", "/api/v1/booking/slots", "", w.tokens[2]), 200, "slots");
    if (slots["slots"].empty()) fail("seeding: no free slots");
    w.booking = expect(call(router, "POST", "/api/v1/bookings",
                            json{{"start", slots["slots"][0]["start"]}, {"topic", "support"}}.dump(), w.tokens[2]),
                       201, "booking")["id"]
                    .get<std::string>();
    w.snapshot = store.to_json();
    w.counter = env.counter;
    return w;
  }();
  return w;
}

const char* const kMethods[] = {"GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS", "", "get", "POST "};

bool known_status(int s) {
  switch (s) {
    case 200:
    case 201:
    case 204:
    case 400:
    case 401:
    case 403:
    case 404:
    case 405:
    case 409:
    case 413:
    case 422:
    case 429: return true;
    default: return false;
  }
}

std::string substitute(std::string path, const World& w) {
  const std::pair<const char*, const std::string*> names[] = {
      {"$R", &w.request_basic}, {"$S", &w.request_premium}, {"$B", &w.booking}, {"$K", &w.article}};
  for (const auto& [name, value] : names)
    for (std::size_t at; (at = path.find(name)) != std::string::npos;) path.replace(at, 2, *value);
  return path;
}

void check_response(const HttpRequest& request, const HttpResponse& r) {
  if (!known_status(r.status)) fail("unexpected status " + std::to_string(r.status), &request, &r);
  std::string type;
  for (const auto& [name, value] : r.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "content-type") type = value;
  }
  if (r.status == 204) {
    if (!r.body.empty()) fail("204 with a body", &request, &r);
    return;
  }
  if (type.empty()) fail("no Content-Type", &request, &r);
  if (type.rfind("application/json", 0) == 0) {
    const json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded()) fail("the JSON answer is not valid JSON", &request, &r);
    if (r.status >= 400) {
      if (!body.is_object() || !body.contains("error") || !body["error"].is_object() ||
          !body["error"].contains("code") || !body["error"]["code"].is_string() || !body["error"].contains("message") ||
          !body["error"]["message"].is_string())
        fail("an error answer without error.code and error.message", &request, &r);
    }
  } else if (type.rfind("text/calendar", 0) != 0) {
    fail("unexpected Content-Type " + type, &request, &r);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  world();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const World& w = world();
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // The seeded state, restored only when the previous input wrote to the store (restoring is
  // most of an input's cost). MemoryStore::write rolls back a transaction that throws and bumps
  // the revision only when something was written, so an unchanged revision means an unchanged state.
  static portal::MemoryStore store;
  static std::uint64_t clean_revision = ~std::uint64_t{0};
  if (store.revision() != clean_revision) {
    store.from_json(w.snapshot);
    clean_revision = store.revision();
  }
  FuzzEnv env;
  env.clock = w.start;
  env.counter = w.counter;
  portal::Router router(w.catalog, w.kb, store, env);

  std::size_t pos = 0;
  for (int n = 0; n < 4 && pos < input.size(); ++n) {
    std::size_t end = input.find('\x1e', pos);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view record = input.substr(pos, end - pos);
    pos = end + 1;
    if (record.size() < 2) continue;

    HttpRequest request;
    request.method = kMethods[static_cast<unsigned char>(record[0]) % std::size(kMethods)];
    const unsigned who = static_cast<unsigned char>(record[1]);
    env.clock += static_cast<Instant>(who / 5) * 37 * 60;
    const std::string& token = w.tokens[who % 5];
    std::string_view rest = record.substr(2);
    const std::size_t nl1 = rest.find('\n');
    const std::string_view path = rest.substr(0, nl1);
    std::string_view query, body;
    if (nl1 != std::string_view::npos) {
      const std::string_view after = rest.substr(nl1 + 1);
      const std::size_t nl2 = after.find('\n');
      query = after.substr(0, nl2);
      if (nl2 != std::string_view::npos) body = after.substr(nl2 + 1);
    }
    request.path = substitute(std::string(path), w);
    request.query = std::string(query);
    request.body = std::string(body);
    if (!token.empty()) request.headers.push_back({"Authorization", "Bearer " + token});
    request.peer = "10.0.0.1";
    const HttpResponse response = router.handle(request);
    check_response(request, response);
  }

  // Nothing stored is lost: after a write, the saved state restores to itself, and saving never
  // had to replace invalid UTF-8 (U+FFFD in the saved state that neither the seed nor the input
  // contained).
  if (store.revision() == clean_revision) return 0;
  const std::string saved = store.to_json();
  static const std::string kReplacement = "\xEF\xBF\xBD";
  if (saved.find(kReplacement) != std::string::npos && input.find(kReplacement) == std::string_view::npos &&
      w.snapshot.find(kReplacement) == std::string::npos)
    fail("saving the store replaced invalid UTF-8: stored text was not valid UTF-8");
  portal::MemoryStore again;
  try {
    again.from_json(saved);
  } catch (const std::exception& e) {
    fail(std::string("the saved state does not load: ") + e.what());
  }
  if (again.to_json() != saved) fail("the saved state does not restore to the same state");
  return 0;
}
