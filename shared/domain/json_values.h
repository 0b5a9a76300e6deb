// Nullable JSON values, spelled once for the whole core (the API's views and the saved state of
// the offline demo): a value, or null when there is none (an empty std::optional or a null
// pointer, an empty id), an instant as ISO 8601 text or null, and reading such a value back.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "time/iso8601.h"

namespace portal {

// *v, or null when v holds nothing (std::optional, pointer); with `f`: f(*v), or null.
template <class Maybe>
nlohmann::json or_null(const Maybe& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
template <class Maybe, class F>
nlohmann::json or_null(const Maybe& v, F&& f) {
  return v ? nlohmann::json(f(*v)) : nlohmann::json(nullptr);
}

// The text, or null when it is empty (an id that is not set).
inline nlohmann::json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

// ISO 8601 text (format_instant), or null.
inline nlohmann::json instant_or_null(const std::optional<Instant>& t) {
  return or_null(t, [](Instant i) { return format_instant(i); });
}

// Back: nullopt for null, else j.get<T>(), or with `read`: read(j).
template <class T>
std::optional<T> from_nullable(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<T>();
}
template <class T, class F>
std::optional<T> from_nullable(const nlohmann::json& j, F&& read) {
  if (j.is_null()) return std::nullopt;
  return read(j);
}

}  // namespace portal
