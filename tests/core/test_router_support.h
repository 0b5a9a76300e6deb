// Shared by the test_router_*.cpp files: short JSON helpers over portal::testing::Api.
#pragma once
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"

namespace portal::testing {

using nlohmann::json;

constexpr const char* kApi = "/api/v1";

inline std::string api_path(const std::string& p) { return std::string(kApi) + p; }

inline HttpResponse get(Api& api, const std::string& path, const std::string& token = {}) {
  return api.call("GET", api_path(path), {}, token);
}
inline HttpResponse post(Api& api, const std::string& path, const json& body, const std::string& token = {}) {
  return api.call("POST", api_path(path), body.dump(), token);
}
inline HttpResponse del(Api& api, const std::string& path, const std::string& token = {}) {
  return api.call("DELETE", api_path(path), {}, token);
}

inline std::string header_of(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return {};
}

// The error object of an error response, after checking the status and the envelope.
inline json error_of(Api& api, const HttpResponse& r, int status) {
  REQUIRE_MESSAGE(r.status == status, "expected " << status << ", got " << r.status << ": " << r.body);
  CHECK(header_of(r, "Content-Type") == "application/json; charset=utf-8");
  const json j = api.json_of(r);
  REQUIRE_MESSAGE(j.contains("error"), r.body);
  const json& e = j["error"];
  CHECK(e["code"].is_string());
  CHECK(e["message"].is_string());
  CHECK(!e["message"].get<std::string>().empty());
  return e;
}

// A 422 naming the field.
inline void check_validation(Api& api, const HttpResponse& r, const std::string& field) {
  const json e = error_of(api, r, 422);
  CHECK(e["code"] == "validation");
  CHECK_MESSAGE(e.value("field", "") == field, r.body);
}

// The body of a successful response (status checked).
inline json ok(Api& api, const HttpResponse& r, int status = 200) {
  REQUIRE_MESSAGE(r.status == status, "expected " << status << ", got " << r.status << ": " << r.body);
  return api.json_of(r);
}

inline json new_request_body(int severity = 3, const std::string& subject = "Printer offline",
                             const std::string& category = "technical") {
  return {{"subject", subject},
          {"description", "The office printer stopped working."},
          {"severity", severity},
          {"category", category}};
}

inline json create_request(Api& api, const std::string& token, const json& body = new_request_body()) {
  return ok(api, post(api, "/requests", body, token), 201);
}

// Moves the customer's company to `plan` (an upgrade, applied now).
inline json change_plan(Api& api, const std::string& token, const std::string& plan) {
  return ok(api, post(api, "/me/plan", {{"plan", plan}}, token));
}

}  // namespace portal::testing
