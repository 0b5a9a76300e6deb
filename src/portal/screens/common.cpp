#include "screens/common.h"

#include <cctype>
#include <cstdint>

#include "client/i18n.h"
#include "locale/format.h"
#include "locale/plural.h"

namespace portal::screens {

std::string str(const nlohmann::json& j, const char* key, const std::string& fallback) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return fallback;
}

std::string tr_or(const std::string& key, const std::string& fallback) {
  const char* t = i18n::tr(key.c_str());
  return key == t ? fallback : std::string(t);
}

std::string plural(const std::string& base, long long n) {
  // The rule is the core's (shared/locale/plural.h, tested natively and in wasm).
  std::string key = base + "." + plural_name(plural_category(i18n::language(), n));
  std::string text = i18n::tr(key.c_str());
  if (text == key) text = i18n::tr((base + ".other").c_str());
  const std::string value = std::to_string(n);
  for (auto pos = text.find("{n}"); pos != std::string::npos; pos = text.find("{n}", pos + value.size()))
    text.replace(pos, 3, value);
  return text;
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string signed_in_as(const app::Context& ctx) {
  const std::string& role = ctx.role();
  if (role.empty()) return {};
  const nlohmann::json& me = ctx.me();
  return role + ":" + (me.is_object() && me.contains(role) ? str(me[role], "id") : std::string());
}

std::string with_id(const std::string& label, const std::string& id) { return label + "##" + id; }

}  // namespace portal::screens
