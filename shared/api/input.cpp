#include "api/input.h"

#include <algorithm>

#include "domain/errors.h"
#include "domain/text.h"

namespace portal {

using nlohmann::json;

namespace {

[[noreturn]] void bad_request(const std::string& message, const std::string& field = {}) {
  throw PortalError(ErrorKind::kBadRequest, message, field, "bad_request");
}

// nlohmann's parser recurses per nesting level: refuse deep documents before parsing them.
bool nesting_within(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') --depth;
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

json parse_json_body(const HttpRequest& request) {
  if (request.body.size() > kMaxBodyBytes)
    throw PortalError(ErrorKind::kTooLarge, "the request body is larger than 1 MiB", "", "payload_too_large");
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  if (!nesting_within(request.body, kMaxJsonDepth))
    bad_request("the JSON body is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  json body = json::parse(std::string_view(request.body), nullptr, false);  // one parser instantiation (wasm size)
  if (body.is_discarded()) {
    // Well-formed JSON whose number does not fit a double (1e400) is invalid, not malformed: 422
    // naming its field. Parsed again, on this error path only, to learn the error and the key.
    std::string last_key;
    try {
      [[maybe_unused]] const json probe =
          json::parse(std::string_view(request.body), [&](int, json::parse_event_t event, json& parsed) {
            if (event == json::parse_event_t::key && parsed.is_string()) last_key = parsed.get<std::string>();
            return true;
          });
    } catch (const json::out_of_range& e) {
      if (e.id == 406 && !last_key.empty()) {
        const std::string shown = utf8_truncate(last_key, 40);
        fail_validation(shown, shown + " is a number out of range");
      }
    } catch (const json::exception&) {}
    bad_request("the body is not valid JSON (or not valid UTF-8)");
  }
  if (!body.is_object()) bad_request("the body must be a JSON object");
  return body;
}

BodyReader::BodyReader(const json& body, std::initializer_list<const char*> allowed) : body_(body) {
  for (const auto& item : body.items()) {
    const std::string& key = item.key();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
      std::string shown = is_valid_utf8(key) ? utf8_truncate(key, 40) : std::string("?");
      fail_validation(shown, "unknown field \"" + shown + "\"");
    }
  }
}

bool BodyReader::has(const char* field) const { return body_.contains(field) && !body_[field].is_null(); }

std::string BodyReader::text(const char* field) const {
  if (!has(field)) fail_validation(field, std::string(field) + " is required");
  const json& v = body_[field];
  if (!v.is_string()) fail_validation(field, std::string(field) + " must be a string");
  return v.get<std::string>();
}

std::string BodyReader::optional_text(const char* field, std::string fallback) const {
  return has(field) ? text(field) : fallback;
}

int BodyReader::integer(const char* field, int lo, int hi) const {
  const std::string range = " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (!has(field)) fail_validation(field, std::string(field) + " is required");
  const json& v = body_[field];
  if (v.is_number_integer()) {
    // Covers signed and unsigned JSON integers, however large.
    // (nlohmann reads every non-negative integer as unsigned: check both bounds either way.)
    if (v.is_number_unsigned() ? (v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi) ||
                                  static_cast<std::int64_t>(v.get<std::uint64_t>()) < lo)
                               : (v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi))
      fail_validation(field, std::string(field) + range);
    return static_cast<int>(v.get<std::int64_t>());
  }
  fail_validation(field, std::string(field) + range);
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

QueryParams::QueryParams(const std::string& raw) {
  std::size_t pos = 0;
  while (pos <= raw.size() && !raw.empty()) {
    std::size_t amp = raw.find('&', pos);
    if (amp == std::string::npos) amp = raw.size();
    std::string_view pair(raw.data() + pos, amp - pos);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      auto name = percent_decode(pair.substr(0, eq), true);
      auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
      if (!name || !value || !is_valid_utf8(*name) || !is_valid_utf8(*value))
        bad_request("the query string is not valid percent-encoded UTF-8", name ? *name : "");
      if (!values_.emplace(*name, *value).second) bad_request("the query parameter " + *name + " is repeated", *name);
    }
    pos = amp + 1;
  }
}

std::string QueryParams::get(const std::string& name, std::string fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

std::string instant_param(const QueryParams& query, const std::string& name) {
  std::string text = query.get(name);
  std::replace(text.begin(), text.end(), ' ', '+');
  return text;
}

int QueryParams::integer(const std::string& name, int fallback, int lo, int hi) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& s = it->second;
  bool digits = !s.empty() && s.size() <= 9 &&
                std::all_of(s.begin() + (s[0] == '-' ? 1 : 0), s.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                s != "-";
  if (!digits || std::stoi(s) < lo || std::stoi(s) > hi)
    bad_request(name + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi), name);
  return std::stoi(s);
}

}  // namespace portal
