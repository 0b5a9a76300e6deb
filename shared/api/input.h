// Reading what a client sent: the JSON body and the query string, with errors that name the field.
#pragma once
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/http.h"

namespace portal {

constexpr std::size_t kMaxBodyBytes = 1024 * 1024;  // 413 over 1 MiB
constexpr int kMaxJsonDepth = 32;

// The body as a JSON object: 413 when too large, 400 when malformed, too deeply nested or not an
// object. An empty body reads as {}.
nlohmann::json parse_json_body(const HttpRequest& request);

// Typed access to a body object; every error names the field. Unknown fields are refused.
class BodyReader {
 public:
  BodyReader(const nlohmann::json& body, std::initializer_list<const char*> allowed_fields);
  bool has(const char* field) const;
  std::string text(const char* field) const;  // required string
  std::string optional_text(const char* field, std::string fallback = {}) const;
  int integer(const char* field, int lo, int hi) const;  // required integer in range
 private:
  const nlohmann::json& body_;
};

// Decoded query parameters; 400 naming the parameter on bad percent-encoding or repeats.
class QueryParams {
 public:
  explicit QueryParams(const std::string& raw);
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string get(const std::string& name, std::string fallback = {}) const;
  int integer(const std::string& name, int fallback, int lo, int hi) const;

 private:
  std::map<std::string, std::string> values_;
};

// An instant parameter as text: a '+' of an offset sent unencoded ("…T10:00:00+01:00") arrives as a
// space, which no instant contains; it is read back as '+'.
std::string instant_param(const QueryParams& query, const std::string& name);

// Percent-decoding ('+' is a space only when plus_is_space); nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace portal
