#include "app/drafts.h"

#include <emscripten.h>

#include "client/prefs.h"
#include "domain/draft_limits.h"

namespace portal::app {
namespace {

EM_JS(void, portal_drafts_forget, (const char* prefix), {
  var p = UTF8ToString(prefix), gone = [];
  try {
    for (var i = 0; i < localStorage.length; i++) {
      var k = localStorage.key(i);
      if (k && k.indexOf(p) >= 0) gone.push(k);  // prefs may prefix their keys
    }
    gone.forEach(function(k) { localStorage.removeItem(k); });
  } catch (e) {}
});

std::string who(const Context& ctx) {
  const std::string& role = ctx.role();
  const nlohmann::json& me = ctx.me();
  if (role.empty() || !me.is_object() || !me.contains(role) || !me[role].is_object()) return {};
  const nlohmann::json& j = me[role];
  return j.contains("id") && j["id"].is_string() ? role + ":" + j["id"].get<std::string>() : std::string();
}

// The index of the user's drafts ("draft.<mode>.<who>.index", removed with them at sign-out):
// the key up to the user's part, then "index".
std::string index_key(const std::string& key) {
  std::size_t end = 0;
  for (int i = 0; i < 3; ++i) {
    end = key.find('.', end);
    if (end == std::string::npos) return {};
    ++end;
  }
  return key.substr(0, end) + "index";
}

// Keeps `text` under `key` within the cap (domain/draft_limits.h): the size bounded, and the
// least recently written drafts of the user removed beyond the number allowed.
void keep(const std::string& key, const std::string& text) {
  const std::string index_at = index_key(key);
  drafts::DraftIndex index = drafts::DraftIndex::parse(index_at.empty() ? std::string() : client::pref_get(index_at));
  if (text.empty()) {
    client::pref_remove(key);
    index.drop(key);
  } else {
    client::pref_set(key, drafts::clamp_draft(text));
    for (const std::string& old : index.touch(key)) client::pref_remove(old);
  }
  if (index_at.empty()) return;
  if (index.keys.empty()) client::pref_remove(index_at);
  else client::pref_set(index_at, index.text());
}

}  // namespace

bool Draft::sync(const std::string& key, std::string& text) {
  bool loaded = false;
  if (key != key_) {
    key_ = key;
    saved_ = key.empty() ? std::string() : client::pref_get(key);
    if (text.empty() && !saved_.empty()) {
      text = saved_;
      loaded = true;
    }
  }
  if (key_.empty() || text == saved_) return loaded;
  saved_ = text;
  keep(key_, text);
  return loaded;
}

std::string draft_key(const Context& ctx, const std::string& what) {
  const std::string w = who(ctx);
  if (w.empty()) return {};
  return std::string("draft.") + (ctx.demo() ? "demo." : "online.") + w + "." + what;
}

void forget_drafts(const Context& ctx) {
  const std::string w = who(ctx);
  if (w.empty()) return;
  portal_drafts_forget((std::string("draft.") + (ctx.demo() ? "demo." : "online.") + w + ".").c_str());
}

}  // namespace portal::app
