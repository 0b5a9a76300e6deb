#include "domain/model.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace portal {

const char* to_string(RequestStatus status) {
  switch (status) {
    case RequestStatus::kNew: return "new";
    case RequestStatus::kOpen: return "open";
    case RequestStatus::kPending: return "pending";
    case RequestStatus::kResolved: return "resolved";
    case RequestStatus::kClosed: return "closed";
  }
  return "new";
}

const char* to_string(Level level) {
  switch (level) {
    case Level::kL1: return "L1";
    case Level::kL2: return "L2";
    case Level::kL3: return "L3";
  }
  return "L1";
}

std::optional<RequestStatus> parse_request_status(std::string_view text) {
  for (RequestStatus s : {RequestStatus::kNew, RequestStatus::kOpen, RequestStatus::kPending, RequestStatus::kResolved,
                          RequestStatus::kClosed})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

std::optional<Level> parse_level(std::string_view text) {
  for (Level l : {Level::kL1, Level::kL2, Level::kL3})
    if (text == to_string(l)) return l;
  return std::nullopt;
}

RequestStatus request_status_or(std::string_view text, RequestStatus fallback) {
  return parse_request_status(text).value_or(fallback);
}

Level level_or(std::string_view text, Level fallback) { return parse_level(text).value_or(fallback); }

void to_json(nlohmann::json& j, RequestStatus status) { j = to_string(status); }
void to_json(nlohmann::json& j, Level level) { j = to_string(level); }

void from_json(const nlohmann::json& j, RequestStatus& status) {
  const auto s = j.is_string() ? parse_request_status(j.get_ref<const std::string&>()) : std::nullopt;
  if (!s) throw std::runtime_error("unknown request status " + j.dump());
  status = *s;
}

void from_json(const nlohmann::json& j, Level& level) {
  const auto l = j.is_string() ? parse_level(j.get_ref<const std::string&>()) : std::nullopt;
  if (!l) throw std::runtime_error("unknown level " + j.dump());
  level = *l;
}

std::optional<Instant> Request::next_due() const {
  if (is_finished(status)) return std::nullopt;
  if (!first_response.met_at) return first_response.due;
  if (follow_up && !follow_up->met_at) return follow_up->due;
  return std::nullopt;
}

}  // namespace portal
