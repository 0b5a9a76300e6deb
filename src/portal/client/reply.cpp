#include "client/backend.h"

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
  if (std::string m = error_part(body, "message"); !m.empty()) return m;
  if (status == 0) return "The server could not be reached.";
  if (status >= 500) return "The server had a problem (" + std::to_string(status) + ").";
  return "The request failed (" + std::to_string(status) + ").";
}

std::string Reply::error_field() const { return error_part(body, "field"); }
std::string Reply::error_code() const { return error_part(body, "code"); }

}  // namespace portal::client
