#include "client/i18n.h"

#include <map>
#include <nlohmann/json.hpp>

#include "client/embedded_assets.h"

namespace portal::i18n {

namespace {

// One language's strings: <lang>.json plus every <area>.<lang>.json, merged.
struct Strings {
  std::map<std::string, std::string, std::less<>> text;
  LocaleFormat format;
};

Strings load(const std::string& lang) {
  Strings s;
  nlohmann::json format_section;
  const std::string suffix = "." + lang + ".json";
  for (const client::EmbeddedAsset& a : client::embedded_assets()) {
    if (a.path.substr(0, 5) != "i18n/") continue;
    const std::string_view name = a.path.substr(5);
    const bool main_file = name == lang + ".json";
    const bool area_file = name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
    if (!main_file && !area_file) continue;
    nlohmann::json j = nlohmann::json::parse(a.text, nullptr, false);
    if (!j.is_object()) continue;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "format") format_section = it.value();
      else if (it.value().is_string()) s.text[it.key()] = it.value().get<std::string>();
    }
  }
  s.format = locale_format_from_json(format_section, lang);
  return s;
}

struct State {
  std::string lang = "en";
  Strings english = load("en");
  Strings current = english;
};

State& state() {
  static State s;  // the page's one language setting
  return s;
}

}  // namespace

void set_language(const std::string& lang) {
  State& s = state();
  const std::string chosen = (lang == "ru" || lang == "bg") ? lang : "en";
  if (chosen == s.lang) return;
  s.lang = chosen;
  s.current = chosen == "en" ? s.english : load(chosen);
}

const std::string& language() { return state().lang; }

const char* tr(const char* key) {
  const State& s = state();
  if (auto it = s.current.text.find(key); it != s.current.text.end()) return it->second.c_str();
  if (auto it = s.english.text.find(key); it != s.english.text.end()) return it->second.c_str();
  return key;
}

std::string trf(const char* key, std::initializer_list<std::pair<const char*, std::string>> args) {
  std::string out = tr(key);
  for (const auto& [name, value] : args) {
    const std::string placeholder = std::string("{") + name + "}";
    for (std::size_t pos = out.find(placeholder); pos != std::string::npos; pos = out.find(placeholder, pos + value.size()))
      out.replace(pos, placeholder.size(), value);
  }
  return out;
}

const LocaleFormat& format() { return state().current.format; }

}  // namespace portal::i18n
