// assets/openapi.json against the router: the same set of (method, path), the same auth, every
// operation answering with a status the document lists, real responses matching the documented
// schemas, and the documented body limits being the ones the router enforces.
// Native only: /api/v1/openapi.json itself is served by the HTTP server, not by the router.
#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/text.h"
#include "test_support.h"

namespace {

using nlohmann::json;
using portal::HttpResponse;
using portal::testing::Api;

const std::string kServedByServer = "/api/v1/openapi.json";
const char* kStart = "2026-11-23T09:00:00Z";  // a Monday morning in Berlin

const json& doc() {
  static const json d = [] {
    std::ifstream in(std::string(PORTAL_ASSETS_DIR) + "/openapi.json", std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read assets/openapi.json");
    json j = json::parse(in, nullptr, false);
    REQUIRE_MESSAGE(!j.is_discarded(), "assets/openapi.json is not valid JSON");
    return j;
  }();
  return d;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

const std::set<std::string> kHttpMethods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

// Every (METHOD, path) the document lists.
std::set<std::pair<std::string, std::string>> documented_operations() {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& [path, item] : doc()["paths"].items())
    for (const auto& [method, op] : item.items())
      if (kHttpMethods.count(method)) out.insert({upper(method), path});
  return out;
}

const json& operation(const std::string& method, const std::string& path) {
  const json& paths = doc()["paths"];
  REQUIRE_MESSAGE(paths.contains(path), "openapi.json has no path " << path);
  REQUIRE_MESSAGE(paths[path].contains(lower(method)), "openapi.json has no " << method << " " << path);
  return paths[path][lower(method)];
}

const json& resolve(const json& node) {
  if (!node.is_object() || !node.contains("$ref")) return node;
  const std::string ref = node["$ref"].get<std::string>();
  REQUIRE_MESSAGE(ref.rfind("#/", 0) == 0, "only local $refs: " << ref);
  const json::json_pointer pointer(ref.substr(1));
  REQUIRE_MESSAGE(doc().contains(pointer), "dangling $ref " << ref);
  return resolve(doc()[pointer]);
}

std::set<int> documented_statuses(const json& op) {
  std::set<int> out;
  for (const auto& [code, response] : op["responses"].items()) out.insert(std::stoi(code));
  return out;
}

std::string content_type(const HttpResponse& r) {
  for (const auto& [name, value] : r.headers)
    if (lower(name) == "content-type") return value;
  return {};
}

// A small JSON Schema (OpenAPI 3.0 dialect) checker: $ref, allOf, oneOf, nullable, type, enum,
// required, properties, additionalProperties: false, items, integer bounds, string lengths
// (in UTF-8 characters) and date-time instants. Appends one line per problem.
void check_schema(const json& schema_in, const json& value, const std::string& where,
                  std::vector<std::string>& problems) {
  const json& schema = resolve(schema_in);
  if (value.is_null()) {
    if (schema.value("nullable", false) && schema.contains("type")) return;  // 3.0.3: nullable needs a type
    if (schema.contains("type") || schema.contains("allOf") || schema.contains("oneOf") ||
        schema.contains("properties")) {
      problems.push_back(where + ": null where the document does not allow it");
      return;
    }
  }
  if (schema.contains("allOf"))
    for (const json& part : schema["allOf"]) check_schema(part, value, where, problems);
  if (schema.contains("oneOf")) {
    bool any = false;
    for (const json& part : schema["oneOf"]) {
      std::vector<std::string> mine;
      check_schema(part, value, where, mine);
      any = any || mine.empty();
    }
    if (!any) problems.push_back(where + ": matches none of oneOf: " + value.dump().substr(0, 200));
  }
  if (schema.contains("enum")) {
    const json& values = schema["enum"];
    if (std::find(values.begin(), values.end(), value) == values.end())
      problems.push_back(where + ": " + value.dump() + " is not one of " + values.dump());
  }
  if (!schema.contains("type")) return;
  const std::string type = schema["type"].get<std::string>();
  if (type == "object") {
    if (!value.is_object()) {
      problems.push_back(where + ": expected an object, got " + value.dump().substr(0, 120));
      return;
    }
    for (const json& name : schema.value("required", json::array()))
      if (!value.contains(name.get<std::string>()))
        problems.push_back(where + ": missing required \"" + name.get<std::string>() + "\"");
    const json properties = schema.value("properties", json::object());
    for (const auto& [key, item] : value.items()) {
      if (properties.contains(key)) check_schema(properties[key], item, where + "." + key, problems);
      else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false)
        problems.push_back(where + ": property \"" + key + "\" is not documented");
    }
  } else if (type == "array") {
    if (!value.is_array()) {
      problems.push_back(where + ": expected an array");
      return;
    }
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<std::size_t>())
      problems.push_back(where + ": too few items");
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<std::size_t>())
      problems.push_back(where + ": too many items");
    for (std::size_t i = 0; i < value.size(); ++i)
      check_schema(schema["items"], value[i], where + "[" + std::to_string(i) + "]", problems);
  } else if (type == "string") {
    if (!value.is_string()) {
      problems.push_back(where + ": expected a string, got " + value.dump().substr(0, 120));
      return;
    }
    const std::string text = value.get<std::string>();
    const auto length = static_cast<std::int64_t>(portal::utf8_length(text));
    if (schema.contains("minLength") && length < schema["minLength"].get<std::int64_t>())
      problems.push_back(where + ": shorter than minLength");
    if (schema.contains("maxLength") && length > schema["maxLength"].get<std::int64_t>())
      problems.push_back(where + ": longer than maxLength");
    if (schema.value("format", "") == "date-time" && (!portal::parse_instant(text) || text.back() != 'Z'))
      problems.push_back(where + ": \"" + text + "\" is not an instant with Z");
  } else if (type == "integer") {
    if (!value.is_number_integer()) {
      problems.push_back(where + ": expected an integer, got " + value.dump().substr(0, 60));
      return;
    }
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>())
      problems.push_back(where + ": below minimum");
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>())
      problems.push_back(where + ": above maximum");
  } else if (type == "number") {
    if (!value.is_number()) problems.push_back(where + ": expected a number");
  } else if (type == "boolean") {
    if (!value.is_boolean()) problems.push_back(where + ": expected true or false");
  }
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += "\n  " + l;
  return out;
}

// Checks one answer against the operation: a listed status, never 500 or 405, the documented
// content type, and a body that matches the documented schema (errors: the Error schema).
void check_answer(const std::string& method, const std::string& path, const HttpResponse& r, const std::string& what) {
  INFO(method << " " << path << " (" << what << ") → " << r.status << " " << r.body.substr(0, 300));
  CHECK(r.status != 500);
  CHECK(r.status != 405);
  const json& op = operation(method, path);
  const std::set<int> statuses = documented_statuses(op);
  REQUIRE_MESSAGE(statuses.count(r.status),
                  "status " << r.status << " is not documented for " << method << " " << path);
  const json& response = resolve(op["responses"][std::to_string(r.status)]);
  if (!response.contains("content")) {
    CHECK_MESSAGE(r.body.empty(), "the document says no body");
    return;
  }
  const std::string type = content_type(r);
  bool matched = false;
  for (const auto& [media, spec] : response["content"].items()) {
    if (type.rfind(media, 0) != 0) continue;
    matched = true;
    if (media == "application/json") {
      const json body = json::parse(r.body, nullptr, false);
      REQUIRE_MESSAGE(!body.is_discarded(), "not JSON");
      std::vector<std::string> problems;
      check_schema(spec["schema"], body, "body", problems);
      CHECK_MESSAGE(problems.empty(), "the body does not match the documented schema:" << joined(problems));
    }
  }
  CHECK_MESSAGE(matched, "Content-Type " << type << " is not documented for status " << r.status);
}

// The document's path with every {param} replaced.
std::string fill(const std::string& path, const std::string& id) {
  std::string out = path;
  for (std::size_t at; (at = out.find('{')) != std::string::npos;) out.replace(at, out.find('}', at) - at + 1, id);
  return out;
}

// "a=1&b=2" from the parameters that carry an example.
std::string example_query(const json& op) {
  std::string q;
  for (const json& p_ref : op.value("parameters", json::array())) {
    const json& p = resolve(p_ref);
    if (p["in"] != "query" || !p.contains("example")) continue;
    const json& v = p["example"];
    if (!q.empty()) q += "&";
    q += p["name"].get<std::string>() + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  return q;
}

std::optional<json> example_body(const json& op) {
  if (!op.contains("requestBody")) return std::nullopt;
  const json& content = resolve(op["requestBody"])["content"];
  if (!content.contains("application/json") || !content["application/json"].contains("example")) return std::nullopt;
  return content["application/json"]["example"];
}

const json& body_schema(const std::string& method, const std::string& path) {
  const json& op = operation(method, path);
  REQUIRE_MESSAGE(op.contains("requestBody"), method << " " << path << " documents no request body");
  return resolve(resolve(op["requestBody"])["content"]["application/json"]["schema"]);
}

// The router at kStart with a registered customer; calls are checked against the document.
struct Checked {
  Api api;
  std::string customer;

  Checked() {
    api.env.clock = portal::testing::at(kStart);
    customer = api.register_customer("casey@example.com");
  }

  // Calls `method target` (a concrete path, maybe with a query) documented under `path`, checks
  // the answer and, for bodies expected to succeed, that the documented request schema accepts them.
  HttpResponse call(const std::string& method, const std::string& path, const std::string& target,
                    const json& body = nullptr, const std::string& token = {},
                    std::optional<int> expect = std::nullopt) {
    const json& op = operation(method, path);
    // Bodies meant to succeed must be accepted by the documented schema too.
    if (!body.is_null() && op.contains("requestBody") && (!expect || *expect / 100 == 2)) {
      std::vector<std::string> problems;
      check_schema(body_schema(method, path), body, "request", problems);
      CHECK_MESSAGE(problems.empty(),
                    method << " " << path
                           << ": the documented request schema refuses a body the test sends:" << joined(problems));
    }
    HttpResponse r = api.call(method, target, body.is_null() ? std::string() : body.dump(), token);
    check_answer(method, path, r, target);
    if (expect)
      CHECK_MESSAGE(r.status == *expect, method << " " << target << " → " << r.status << " " << r.body.substr(0, 300));
    return r;
  }
  json json_of(const HttpResponse& r) { return api.json_of(r); }
};

}  // namespace

TEST_CASE("openapi: the document is OpenAPI 3 with bearer auth, unique operations and resolvable $refs") {
  const json& d = doc();
  REQUIRE(d.contains("openapi"));
  CHECK(d["openapi"].get<std::string>().rfind("3.", 0) == 0);
  CHECK(d["info"]["title"].is_string());
  CHECK(d["info"]["version"].is_string());
  REQUIRE(d["paths"].is_object());
  const json& bearer = d["components"]["securitySchemes"]["bearerAuth"];
  CHECK(bearer["type"] == "http");
  CHECK(bearer["scheme"] == "bearer");
  const json& error = d["components"]["schemas"]["Error"];
  CHECK(error["required"] == json::array({"error"}));
  CHECK(error["properties"]["error"]["required"] == json::array({"code", "message"}));
  CHECK(error["properties"]["error"]["properties"].contains("field"));
  for (const char* name :
       {"Plan", "Offer", "Channel", "Schedule", "Policy", "Target", "Request", "RequestSummary", "SlaClock", "Message",
        "Booking", "Me", "PlanChange", "Metrics", "KbResult", "Customer", "Catalog"})
    CHECK_MESSAGE(d["components"]["schemas"].contains(name), "no components/schemas/" << name);
  // List items omit messages.
  CHECK_FALSE(d["components"]["schemas"]["RequestSummary"]["properties"].contains("messages"));
  CHECK(d["components"]["schemas"]["Request"]["properties"].contains("messages"));

  // Every $ref resolves.
  std::function<void(const json&, const std::string&)> walk = [&](const json& node, const std::string& where) {
    if (node.is_object()) {
      if (node.contains("$ref")) {
        const std::string ref = node["$ref"].get<std::string>();
        CHECK_MESSAGE((ref.rfind("#/", 0) == 0 && d.contains(json::json_pointer(ref.substr(1)))),
                      "dangling $ref " << ref << " at " << where);
      }
      // OpenAPI 3.0.3 ignores "nullable" in a schema without "type": a generated client would
      // type the field as never null.
      if (node.contains("nullable")) CHECK_MESSAGE(node.contains("type"), "\"nullable\" without \"type\" at " << where);
      for (const auto& [k, v] : node.items()) walk(v, where + "/" + k);
    } else if (node.is_array()) {
      for (std::size_t i = 0; i < node.size(); ++i) walk(node[i], where + "/" + std::to_string(i));
    }
  };
  walk(d, "#");

  std::set<std::string> ids;
  for (const auto& [method, path] : documented_operations()) {
    INFO(method << " " << path);
    const json& op = operation(method, path);
    REQUIRE(op.contains("operationId"));
    CHECK_MESSAGE(ids.insert(op["operationId"].get<std::string>()).second, "duplicate operationId");
    CHECK(op["summary"].is_string());
    REQUIRE(op["responses"].is_object());
    const std::set<int> statuses = documented_statuses(op);
    CHECK(std::any_of(statuses.begin(), statuses.end(), [](int s) { return s >= 200 && s < 300; }));
    for (int s : statuses) {
      CHECK(s != 500);
      CHECK(s != 405);
      if (s >= 400) {
        const json& body = resolve(op["responses"][std::to_string(s)])["content"]["application/json"]["schema"];
        const json error_ref = {{"$ref", "#/components/schemas/Error"}};
        CHECK_MESSAGE(body == error_ref, "status " << s << " must use the Error schema");
      }
    }
    // Each {param} of the path is declared as a required path parameter.
    std::set<std::string> declared;
    for (const json& p : op.value("parameters", json::array()))
      if (resolve(p)["in"] == "path") {
        CHECK(resolve(p)["required"] == true);
        declared.insert(resolve(p)["name"].get<std::string>());
      }
    std::set<std::string> in_path;
    for (std::size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at + 1))
      in_path.insert(path.substr(at + 1, path.find('}', at) - at - 1));
    CHECK(declared == in_path);
  }
}

TEST_CASE("openapi: the documented paths and methods are exactly the router's routes") {
  std::set<std::pair<std::string, std::string>> routed;
  for (const portal::RouteInfo& r : portal::Router::routes()) {
    CHECK_MESSAGE(routed.insert({r.method, r.pattern}).second,
                  "the router lists " << r.method << " " << r.pattern << " twice");
  }
  std::set<std::pair<std::string, std::string>> documented = documented_operations();
  CHECK_MESSAGE(documented.count({"GET", kServedByServer}), "the document must describe GET " << kServedByServer);
  documented.erase({"GET", kServedByServer});
  for (const auto& [method, path] : routed)
    CHECK_MESSAGE(documented.count({method, path}), "undocumented route: " << method << " " << path);
  for (const auto& [method, path] : documented)
    CHECK_MESSAGE(routed.count({method, path}), "documented but not routed: " << method << " " << path);
  CHECK(routed.size() == documented.size());
}

TEST_CASE("openapi: bearer auth is documented exactly on the routes that need it") {
  for (const portal::RouteInfo& r : portal::Router::routes()) {
    INFO(r.method << " " << r.pattern);
    const json& op = operation(r.method, r.pattern);
    REQUIRE(op.contains("security"));
    if (r.auth) {
      CHECK(op["security"] == json::array({{{"bearerAuth", json::array()}}}));
      CHECK(documented_statuses(op).count(401));
    } else {
      CHECK(op["security"] == json::array());
      const bool lists_401 = documented_statuses(op).count(401) > 0;
      CHECK(lists_401 == (r.pattern == "/api/v1/auth/login"));  // login: wrong credentials
    }
  }
  CHECK(operation("GET", kServedByServer)["security"] == json::array());
}

TEST_CASE("openapi: every listed route answers with a documented status") {
  for (const auto& [method, path] : documented_operations()) {
    if (path == kServedByServer) continue;
    const json& op = operation(method, path);
    const bool auth = op["security"] != json::array();
    const std::string target = fill(path, "dummy_id");
    const std::string query = example_query(op);
    const auto body = example_body(op);
    for (int variant = 0; variant < 4; ++variant) {
      Checked c;
      std::string token = c.customer;
      if (variant == 3) {
        if (!auth) continue;
        token = c.api.add_agent("agent@example.com", "L1");
      }
      const std::string tgt = (variant >= 1 && !query.empty()) ? target + "?" + query : target;
      const std::string sent = (variant >= 1 && body) ? body->dump() : std::string();
      if (variant == 2) {
        // Without credentials: 401 on authenticated routes.
        HttpResponse r = c.api.call(method, tgt, sent);
        check_answer(method, path, r, "no token");
        if (auth) CHECK_MESSAGE(r.status == 401, method << " " << path << " without a token → " << r.status);
        continue;
      }
      HttpResponse r = c.api.call(method, tgt, sent, token);
      check_answer(method, path, r, variant == 0 ? "bare" : variant == 1 ? "examples" : "agent");
    }
    // Malformed JSON and a malformed query string are documented where they can happen.
    Checked c;
    if (op.contains("requestBody"))
      check_answer(method, path, c.api.call(method, target, "{\"oops\":", c.customer), "bad JSON");
    check_answer(method, path, c.api.call(method, target + "?x=%zz", {}, c.customer), "bad query");
  }
}

TEST_CASE("openapi: real responses match the documented schemas (customer, agent, calls)") {
  Checked c;
  const std::string& me = c.customer;
  const std::string A = "/api/v1";

  c.call("GET", A + "/plans", A + "/plans", nullptr, {}, 200);
  c.call("GET", A + "/sla/preview", A + "/sla/preview?plan=basic&severity=3&at=2026-12-24T17:30:00%2B01:00", nullptr,
         {}, 200);
  c.call("GET", A + "/sla/preview", A + "/sla/preview?plan=premium&addons=dedicated_agent&severity=5", nullptr, {},
         200);
  c.call("GET", A + "/sla/preview", A + "/sla/preview?plan=gold&severity=3", nullptr, {}, 422);
  c.call("GET", A + "/sla/preview", A + "/sla/preview?plan=basic", nullptr, {}, 400);
  c.call("GET", A + "/kb/search", A + "/kb/search?q=vpn&lang=en", nullptr, {}, 200);
  c.call("GET", A + "/kb/search", A + "/kb/search?q=vpn&lang=xx", nullptr, {}, 400);
  const json articles = c.json_of(c.call("GET", A + "/kb/articles", A + "/kb/articles?lang=ru", nullptr, {}, 200));
  REQUIRE(!articles["articles"].empty());
  const std::string article_id = articles["articles"][0]["id"].get<std::string>();
  c.call("GET", A + "/kb/articles/{id}", A + "/kb/articles/" + article_id + "?lang=ru", nullptr, {}, 200);
  c.call("GET", A + "/kb/articles/{id}", A + "/kb/articles/no_such_article", nullptr, {}, 404);

  // Accounts.
  c.call("POST", A + "/auth/register", A + "/auth/register",
         {{"email", "casey@example.com"}, {"password", "another password"}, {"name", "C"}, {"company", "Other"}}, {},
         409);
  c.call("POST", A + "/auth/login", A + "/auth/login", {{"email", "casey@example.com"}, {"password", "correct horse"}},
         {}, 200);
  c.call("GET", A + "/me", A + "/me", nullptr, me, 200);
  c.call("GET", A + "/metrics", A + "/metrics", nullptr, me, 200);

  // A request's life: customer, agent reply, resolution, rating, reopening, escalation.
  const json created = c.json_of(c.call(
      "POST", A + "/requests", A + "/requests",
      {{"subject", "VPN drops – Прага"}, {"description", "Every hour."}, {"severity", 2}, {"category", "technical"}},
      me, 201));
  const std::string id = created["id"].get<std::string>();
  const std::string rq = A + "/requests/" + id;
  c.call("GET", A + "/requests", A + "/requests?status=new,open&q=VPN&limit=10", nullptr, me, 200);
  c.call("GET", A + "/requests/{id}", rq, nullptr, me, 200);
  c.call("POST", A + "/requests/{id}/messages", rq + "/messages", {{"body", "Any news?"}}, me, 201);
  const std::string agent = c.api.add_agent("agent@example.com", "L1", "Alex Agent");
  c.call("GET", A + "/me", A + "/me", nullptr, agent, 200);
  c.call("GET", A + "/requests", A + "/requests", nullptr, agent, 200);
  c.call("GET", A + "/requests", A + "/requests?scope=all&order=newest", nullptr, agent, 200);
  c.api.env.clock += 600;
  c.call("POST", A + "/requests/{id}/messages", rq + "/messages", {{"body", "Looking into it."}}, agent, 201);
  c.api.env.clock += 600;
  c.call("POST", A + "/requests/{id}/messages", rq + "/messages", {{"body", "Thanks!"}}, me,
         201);  // starts a follow-up
  c.call("POST", A + "/requests/{id}/escalate", rq + "/escalate", {{"reason", "network team"}}, agent, 200);
  c.call("POST", A + "/requests/{id}/escalate", rq + "/escalate", nullptr, me, 403);
  c.call("POST", A + "/requests/{id}/rating", rq + "/rating", {{"score", 4}}, me, 409);
  c.call("POST", A + "/requests/{id}/status", rq + "/status", {{"status", "resolved"}}, me, 409);
  c.call("POST", A + "/requests/{id}/status", rq + "/status", {{"status", "resolved"}}, agent, 200);
  c.call("POST", A + "/requests/{id}/rating", rq + "/rating", {{"score", 4}, {"comment", "Good"}}, me, 201);
  c.call("POST", A + "/requests/{id}/rating", rq + "/rating", {{"score", 5}}, me, 409);
  c.call("POST", A + "/requests/{id}/status", rq + "/status", {{"status", "open"}}, me, 200);
  c.call("POST", A + "/requests/{id}/status", rq + "/status", {{"status", "bogus"}}, me, 422);
  c.call("POST", A + "/requests/{id}/status", rq + "/status", {{"status", "closed"}}, me, 200);
  c.call("POST", A + "/requests/{id}/messages", rq + "/messages", {{"body", "One more thing"}}, me, 409);
  c.call("GET", A + "/metrics", A + "/metrics", nullptr, me, 200);
  c.call("GET", A + "/metrics", A + "/metrics", nullptr, agent, 200);
  // Another company's request answers like a missing one.
  Checked other;
  other.call("GET", A + "/requests/{id}", rq, nullptr, other.customer, 404);

  // Subscription: an open request to preview, a package, calls locked, then premium with calls.
  c.call("POST", A + "/requests", A + "/requests",
         {{"subject", "Invoice"}, {"description", "Wrong VAT"}, {"severity", 3}, {"category", "billing"}}, me, 201);
  c.call("GET", A + "/me/plan/preview", A + "/me/plan/preview?plan=premium", nullptr, me, 200);
  c.call("GET", A + "/me/plan/preview", A + "/me/plan/preview?package=priority_support", nullptr, me, 200);
  c.call("GET", A + "/me/plan/preview", A + "/me/plan/preview?addon=dedicated_agent", nullptr, me, 200);
  c.call("GET", A + "/me/plan/preview", A + "/me/plan/preview", nullptr, me, 400);
  c.call("GET", A + "/booking/slots", A + "/booking/slots", nullptr, me, 403);
  c.call("POST", A + "/me/addons", A + "/me/addons", {{"addon", "dedicated_agent"}}, me, 409);
  c.call("POST", A + "/me/packages", A + "/me/packages", {{"package", "extended_support"}}, me, 200);
  c.call("POST", A + "/me/packages", A + "/me/packages", {{"package", "extended_support"}}, me, 409);
  c.call("DELETE", A + "/me/packages/{id}", A + "/me/packages/extended_support", nullptr, me, 204);
  c.call("DELETE", A + "/me/packages/{id}", A + "/me/packages/extended_support", nullptr, me, 404);
  c.call("POST", A + "/me/plan", A + "/me/plan", {{"plan", "premium"}}, me, 200);
  c.call("POST", A + "/me/addons", A + "/me/addons", {{"addon", "dedicated_agent"}}, me, 200);
  c.call("GET", A + "/me", A + "/me", nullptr, me, 200);

  const json slots = c.json_of(c.call("GET", A + "/booking/slots", A + "/booking/slots", nullptr, me, 200));
  REQUIRE(slots["slots"].size() >= 2);
  const std::string first = slots["slots"][0]["start"].get<std::string>();
  const std::string second = slots["slots"][1]["start"].get<std::string>();
  c.call("GET", A + "/booking/slots", A + "/booking/slots?from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z", nullptr,
         me, 400);
  const json booking = c.json_of(c.call("POST", A + "/bookings", A + "/bookings",
                                        {{"start", first}, {"topic", "training"}, {"note", "Onboarding"}}, me, 201));
  c.call("POST", A + "/bookings", A + "/bookings", {{"start", first}, {"topic", "support"}}, me, 409);
  c.call("POST", A + "/bookings", A + "/bookings", {{"start", "2026-11-23T09:07:00Z"}, {"topic", "support"}}, me, 422);
  const std::string bk = A + "/bookings/" + booking["id"].get<std::string>();
  c.call("GET", A + "/bookings", A + "/bookings", nullptr, me, 200);
  c.call("GET", A + "/bookings", A + "/bookings", nullptr, agent, 200);
  c.call("GET", A + "/bookings/{id}/ics", bk + "/ics", nullptr, me, 200);
  c.call("POST", A + "/bookings/{id}/reschedule", bk + "/reschedule", {{"start", second}}, me, 200);
  c.call("DELETE", A + "/bookings/{id}", bk, nullptr, me, 204);
  c.call("DELETE", A + "/bookings/{id}", bk, nullptr, me, 204);  // twice is harmless
  c.call("POST", A + "/bookings/{id}/reschedule", bk + "/reschedule", {{"start", first}}, me, 409);
  other.call("GET", A + "/bookings/{id}/ics", bk + "/ics", nullptr, other.customer, 404);

  // A downgrade below premium is scheduled and will drop the dedicated agent.
  const json down = c.json_of(c.call("POST", A + "/me/plan", A + "/me/plan", {{"plan", "basic"}}, me, 200));
  CHECK(down["change"]["kind"] == "downgrade");
  c.call("DELETE", A + "/me/addons/{id}", A + "/me/addons/dedicated_agent", nullptr, me, 204);
  c.call("POST", A + "/requests", A + "/requests",
         {{"subject", "Visit"},
          {"description", "Rack install"},
          {"severity", 4},
          {"category", "onsite"},
          {"address", "Main St 1, Berlin"}},
         me, 201);

  // Sign-in throttling and sign-out.
  for (int i = 0; i < 3; ++i)  // then the guesser is slowed (sign_in_guard.h)
    c.call("POST", A + "/auth/login", A + "/auth/login",
           {{"email", "casey@example.com"}, {"password", "wrong password"}}, {}, 401);
  c.call("POST", A + "/auth/login", A + "/auth/login", {{"email", "casey@example.com"}, {"password", "wrong password"}},
         {}, 429);
  c.call("POST", A + "/auth/logout", A + "/auth/logout", nullptr, me, 204);
  c.call("GET", A + "/me", A + "/me", nullptr, me, 401);
}

TEST_CASE("openapi: documented body limits and enums are the ones the router enforces") {
  struct Case {
    std::string path;
    json valid;
    std::set<std::string> skip;  // properties whose limits need a special shape (checked elsewhere)
  };
  const std::vector<Case> cases = {
      {"/api/v1/requests", {{"subject", "s"}, {"description", "d"}, {"severity", 3}, {"category", "technical"}}, {}},
      {"/api/v1/auth/register",
       {{"email", "limits@example.com"}, {"password", "12345678"}, {"name", "N"}, {"company", "Co"}},
       {"email"}},
      {"/api/v1/requests/{id}/messages", {{"body", "hello"}}, {}},
      {"/api/v1/requests/{id}/rating", {{"score", 3}}, {}},
      // "with": dedicated needs the add-on (test_router_queue.cpp books both).
      {"/api/v1/bookings", {{"start", "2026-11-23T12:00:00Z"}, {"topic", "support"}}, {"start", "with"}},
  };
  for (const Case& k : cases) {
    const json& schema = body_schema("POST", k.path);
    // A fresh router per call: the expected outcome never depends on earlier calls.
    auto send = [&](const json& body) -> HttpResponse {
      Checked c;
      std::string target = k.path;
      std::string token = c.customer;
      if (k.path.find("{id}") != std::string::npos) {
        const json r = c.json_of(
            c.api.call("POST", "/api/v1/requests",
                       json{{"subject", "s"}, {"description", "d"}, {"severity", 3}, {"category", "technical"}}.dump(),
                       c.customer));
        const std::string id = r["id"].get<std::string>();
        target = fill(k.path, id);
        if (k.path.find("rating") != std::string::npos) {
          const std::string agent = c.api.add_agent("agent@example.com", "L1");
          REQUIRE(c.api.call("POST", "/api/v1/requests/" + id + "/status", R"({"status":"resolved"})", agent).status ==
                  200);
        }
      }
      if (k.path == "/api/v1/bookings") {
        // Calls need a tier with a personal manager, and an agent to be that manager.
        c.api.add_agent("manager@example.com", "L2");
        REQUIRE(c.api.call("POST", "/api/v1/me/plan", R"({"plan":"priority"})", token).status == 200);
      }
      if (k.path == "/api/v1/auth/register") token.clear();
      HttpResponse r = c.api.call("POST", target, body.dump(), token);
      check_answer("POST", k.path, r, body.dump().substr(0, 80));
      return r;
    };
    auto expect_ok = [&](const json& body, const std::string& why) {
      HttpResponse r = send(body);
      CHECK_MESSAGE(r.status / 100 == 2, k.path << " " << why << " → " << r.status << " " << r.body.substr(0, 200));
    };
    auto expect_invalid = [&](const json& body, const std::string& field, const std::string& why) {
      HttpResponse r = send(body);
      CHECK_MESSAGE(r.status == 422, k.path << " " << why << " → " << r.status << " " << r.body.substr(0, 200));
      if (r.status == 422) CHECK(json::parse(r.body)["error"]["field"] == field);
    };
    expect_ok(k.valid, "the valid base body");
    for (const auto& [name, prop_ref] : schema["properties"].items()) {
      if (k.skip.count(name)) continue;
      const json& prop = resolve(prop_ref);
      INFO(k.path << " ." << name << " " << prop.dump());
      auto with = [&](json v) {
        json b = k.valid;
        b[name] = std::move(v);
        return b;
      };
      const std::string type = prop.value("type", "");
      // Multi-byte characters: limits count characters, not bytes (password: at most 1024 bytes).
      const std::string unit = name == "password" ? "x" : "é";
      auto text = [&](std::int64_t n) {
        std::string s;
        for (std::int64_t i = 0; i < n; ++i) s += unit;
        return s;
      };
      if (type == "string" && prop.contains("maxLength") && !prop.contains("enum")) {
        const std::int64_t max = prop["maxLength"].get<std::int64_t>();
        expect_ok(with(text(max)), "at maxLength");
        expect_invalid(with(text(max + 1)), name, "over maxLength");
      }
      if (type == "string" && prop.contains("minLength") && !prop.contains("enum")) {
        const std::int64_t min = prop["minLength"].get<std::int64_t>();
        expect_ok(with(text(min)), "at minLength");
        expect_invalid(with(text(min - 1)), name, "under minLength");
      }
      if (type == "integer") {
        if (prop.contains("minimum")) {
          expect_ok(with(prop["minimum"]), "at minimum");
          expect_invalid(with(prop["minimum"].get<std::int64_t>() - 1), name, "under minimum");
        }
        if (prop.contains("maximum")) {
          expect_ok(with(prop["maximum"]), "at maximum");
          expect_invalid(with(prop["maximum"].get<std::int64_t>() + 1), name, "over maximum");
        }
        expect_invalid(with("3"), name, "a string for an integer");
      }
      if (prop.contains("enum")) {
        for (const json& v : prop["enum"])
          if (v != "onsite") expect_ok(with(v), "enum value " + v.dump());  // onsite needs premium (see above)
        expect_invalid(with("bogus"), name, "a value outside the enum");
      }
    }
    if (schema.value("additionalProperties", true) == false) {
      json b = k.valid;
      b["unexpected"] = 1;
      expect_invalid(b, "unexpected", "an unknown field");
    }
    for (const json& required : schema.value("required", json::array())) {
      json b = k.valid;
      b.erase(required.get<std::string>());
      expect_invalid(b, required.get<std::string>(), "without a required field");
    }
  }
}
