#include "client/backend.h"

#include <cstring>

#include "client/i18n.h"

namespace portal::client {

namespace {
std::string error_part(const nlohmann::json& body, const char* key) {
  if (body.is_object() && body.contains("error") && body["error"].is_object() && body["error"].contains(key) &&
      body["error"][key].is_string())
    return body["error"][key].get<std::string>();
  return {};
}
}  // namespace

std::string Reply::error_message() const {
  // Limits and passing faults (issue #11): the server's English names the numbers; other
  // languages get their own sentence for the code.
  static const char* const kTranslated[] = {"request_quota",   "message_quota", "booking_quota", "rate_limited",
                                            "busy_signing_in", "storage_busy",  "storage_full",  "storage_unavailable"};
  const std::string code = error_part(body, "code");
  if (i18n::language() != "en")
    for (const char* c : kTranslated)
      if (code == c) {
        const std::string key = "error." + code;
        const char* translated = i18n::tr(key.c_str());
        if (std::strcmp(translated, key.c_str()) != 0) return translated;
      }
  if (std::string m = error_part(body, "message"); !m.empty()) return m;
  if (status == 0) return "The server could not be reached.";
  if (status >= 500) return "The server had a problem (" + std::to_string(status) + ").";
  return "The request failed (" + std::to_string(status) + ").";
}

std::string Reply::error_field() const { return error_part(body, "field"); }
std::string Reply::error_code() const { return error_part(body, "code"); }

}  // namespace portal::client
