// Small helpers every screen uses: reading the API's JSON, translations with a fallback, plural
// forms, URL query values and widget ids (catalog wording and money: catalog_words.h). (Drawing pieces are in
// ui/widgets.h.) Also the names every screen file uses unqualified: tr, trf, json and ImVec2
// arithmetic (ui/layout.h).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"
#include "client/i18n.h"
#include "ui/layout.h"

namespace portal::screens {

using i18n::tr;
using i18n::trf;
using nlohmann::json;
using namespace ui::vec_math;

// j[key] when it is a string, else `fallback` (API replies are read defensively).
std::string str(const nlohmann::json& j, const char* key, const std::string& fallback = {});
// The translation of `key`, or `fallback` when the language has none (e.g. catalog names).
std::string tr_or(const std::string& key, const std::string& fallback);
// A count with its noun in the language's plural form: "dur.hours" + 3 → "3 hours", "3 часа".
// Keys: <base>.one / .few / .many / .other with {n}; .other is the fallback.
std::string plural(const std::string& base, long long n);
// Percent-encodes a query value (RFC 3986 unreserved characters stay).
std::string url_encode(const std::string& s);
// Who is signed in: "customer:<id>", "agent:<id>", "" when signed out (for per-user screen state;
// cheap enough for every frame, unlike comparing all of /me).
std::string signed_in_as(const app::Context& ctx);
// "Label##id": the text a user reads plus a stable ImGui id.
std::string with_id(const std::string& label, const std::string& id);

}  // namespace portal::screens
