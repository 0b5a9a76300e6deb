// English is compiled in (it is also every other language's fallback). Russian and Bulgarian are
// downloaded when chosen: i18n/<lang>.json next to portal.js, one bundle of that language's files
// ({"ru.json": {...}, "plans.ru.json": {...}}) written by src/portal/cmake/i18n_bundle.cmake. Until
// it arrives the page stays in the language it shows, so no half-translated frame is drawn.
#include "client/i18n.h"

#include <emscripten.h>

#include <map>
#include <nlohmann/json.hpp>

#include "client/embedded_assets.h"

EM_JS(void, portal_i18n_fetch, (const char* lang), {
  var l = UTF8ToString(lang);
  var finish = function(text) {
    var ln = lengthBytesUTF8(l) + 1, lp = _malloc(ln);
    stringToUTF8(l, lp, ln);
    if (text === null) { _portal_i18n_loaded(lp, 0, -1); }
    else {
      var n = lengthBytesUTF8(text) + 1, p = _malloc(n);
      stringToUTF8(text, p, n);
      _portal_i18n_loaded(lp, p, n - 1);
      _free(p);
    }
    _free(lp);
    _portal_request_frame();
  };
  fetch("i18n/" + l + ".json")
      .then(function(r) { return r.ok ? r.text() : null; })
      .then(finish, function() { finish(null); });
});

namespace portal::i18n {

namespace {

// One language's strings: <lang>.json plus every <area>.<lang>.json, merged.
struct Strings {
  std::map<std::string, std::string, std::less<>> text;
  LocaleFormat format;
};

// Adds one translation file's keys ("format" is the locale section).
void merge(Strings& s, nlohmann::json& format_section, const nlohmann::json& j) {
  if (!j.is_object()) return;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "format") format_section = it.value();
    else if (it.value().is_string()) s.text[it.key()] = it.value().get<std::string>();
  }
}

// English: en.json plus every <area>.en.json, embedded.
Strings load_english() {
  Strings s;
  nlohmann::json format_section;
  for (const client::EmbeddedAsset& a : client::embedded_assets()) {
    if (a.path.substr(0, 5) != "i18n/") continue;
    const std::string_view name = a.path.substr(5);
    if (name == "en.json" || (name.size() > 8 && name.substr(name.size() - 8) == ".en.json"))
      merge(s, format_section, nlohmann::json::parse(a.text, nullptr, false));
  }
  s.format = locale_format_from_json(format_section, "en");
  return s;
}

enum class Download { None, Loading, Failed };

struct State {
  std::string lang = "en";
  std::string wanted = "en";  // the language asked for (shown once its bundle is here)
  Strings english = load_english();
  Strings current = english;
  std::map<std::string, Strings> loaded;  // downloaded languages
  std::map<std::string, Download> downloads;
};

State& state() {
  static State s;  // the page's one language setting
  return s;
}

void show(State& s, const std::string& lang) {
  s.lang = lang;
  s.current = lang == "en" ? s.english : s.loaded[lang];
}

}  // namespace

void set_language(const std::string& lang) {
  State& s = state();
  const std::string chosen = (lang == "ru" || lang == "bg") ? lang : "en";
  s.wanted = chosen;
  if (chosen == s.lang) return;
  if (chosen == "en" || s.loaded.count(chosen)) {
    show(s, chosen);
    return;
  }
  if (s.downloads[chosen] != Download::Loading) {
    s.downloads[chosen] = Download::Loading;
    portal_i18n_fetch(chosen.c_str());
  }
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
    for (std::size_t pos = out.find(placeholder); pos != std::string::npos;
         pos = out.find(placeholder, pos + value.size()))
      out.replace(pos, placeholder.size(), value);
  }
  return out;
}

const LocaleFormat& format() { return state().current.format; }

bool language_failed() {
  const State& s = state();
  auto it = s.downloads.find(s.wanted);
  return s.wanted != s.lang && it != s.downloads.end() && it->second == Download::Failed;
}

}  // namespace portal::i18n

// A language bundle arrived (len < 0: the download failed; the page stays in its language).
extern "C" EMSCRIPTEN_KEEPALIVE void portal_i18n_loaded(const char* lang_c, const char* text, int len) {
  using namespace portal::i18n;
  State& s = state();
  const std::string lang = lang_c;
  nlohmann::json bundle =
      len >= 0 ? nlohmann::json::parse(std::string_view(text, static_cast<std::size_t>(len)), nullptr, false)
               : nlohmann::json();
  if (!bundle.is_object()) {
    s.downloads[lang] = Download::Failed;
    return;
  }
  Strings strings;
  nlohmann::json format_section;
  for (auto it = bundle.begin(); it != bundle.end(); ++it) merge(strings, format_section, it.value());
  strings.format = portal::locale_format_from_json(format_section, lang);
  s.loaded[lang] = std::move(strings);
  s.downloads[lang] = Download::None;
  if (s.wanted == lang) show(s, lang);
}
