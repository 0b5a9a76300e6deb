// Helpers for the core tests: a deterministic Env, the real catalog and knowledge base, and a
// router over an in-memory store with a settable clock.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "api/router.h"
#include "catalog/catalog.h"
#include "domain/kb.h"
#include "domain/memory_store.h"
#include "time/iso8601.h"

namespace portal::testing {

inline std::string read_asset(const std::string& relative) {
  std::ifstream in(std::string(PORTAL_ASSETS_DIR) + "/" + relative, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read assets/" << relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Percent-encodes all but ASCII letters, digits and - _ . (for query parameters).
inline std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

inline Instant at(const char* iso) {
  std::string error;
  auto t = parse_instant(iso, &error);
  REQUIRE_MESSAGE(t.has_value(), iso << ": " << error);
  return *t;
}

inline const Catalog& real_catalog() {
  static const Catalog catalog = load_catalog(read_asset("catalog.json"));
  return catalog;
}

inline const KnowledgeBase& real_kb() {
  static const KnowledgeBase kb = [] {
    KnowledgeBase k;
    for (const char* lang : {"en", "ru", "bg"}) k.add_language(lang, read_asset(std::string("kb/") + lang + ".json"));
    return k;
  }();
  return kb;
}

// A clock the test moves, counter-based "randomness", and transparent fake hashing (tests only).
class FakeEnv : public Env {
 public:
  Instant clock = 0;
  Instant now() override { return clock; }
  std::string random_bytes(std::size_t n) override {
    std::string out(n, '\0');
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<char>((counter_ * 131 + i * 17 + (counter_ >> 8)) & 0xff);
    ++counter_;
    return out;
  }
  std::string hash_token(std::string_view token) override { return "t:" + std::string(token); }
  std::string hash_password(std::string_view pw) override { return "p:" + std::string(pw); }
  bool verify_password(std::string_view pw, std::string_view hash) override { return hash == "p:" + std::string(pw); }

 private:
  std::uint64_t counter_ = 1;
};

// The router over a fresh in-memory store, with helpers that speak JSON.
struct Api {
  FakeEnv env;
  MemoryStore store;
  Router router{real_catalog(), real_kb(), store, env};

  HttpResponse call(const std::string& method, const std::string& target, const std::string& body = {},
                    const std::string& token = {}, const std::string& peer = "10.0.0.1") {
    HttpRequest r = HttpRequest::to(method, target);
    if (!token.empty()) r.headers.push_back({"Authorization", "Bearer " + token});
    r.body = body;
    r.peer = peer;
    return router.handle(r);
  }
  nlohmann::json json_of(const HttpResponse& r) {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    REQUIRE_MESSAGE(!j.is_discarded(), "not JSON: " << r.body);
    return j;
  }
  // Registers a customer and returns the token. Each from its own address (registrations are
  // limited per address).
  int registrations = 0;
  std::string register_customer(const std::string& email, const std::string& company = "Acme") {
    ++registrations;
    auto r = call(
        "POST", "/api/v1/auth/register",
        nlohmann::json{{"email", email}, {"password", "correct horse"}, {"name", "Test User"}, {"company", company}}
            .dump(),
        {}, "10.200." + std::to_string(registrations / 250) + "." + std::to_string(registrations % 250 + 1));
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return json_of(r)["token"].get<std::string>();
  }
  // Adds an agent straight into the store (agents come from an operator command) and signs in.
  std::string add_agent(const std::string& email, const std::string& level, const std::string& name = "Agent") {
    store.write([&](StoreTx& tx) {
      REQUIRE(tx.insert_agent(Agent{"ag_" + email.substr(0, email.find('@')), email, name, parse_level(level).value(),
                                    env.hash_password("agent password"), env.now()}));
    });
    auto r =
        call("POST", "/api/v1/auth/login", nlohmann::json{{"email", email}, {"password", "agent password"}}.dump());
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return json_of(r)["token"].get<std::string>();
  }
};

}  // namespace portal::testing
