#include "client/demo_tabs.h"

#include <emscripten.h>

#include "platform/web_platform.h"

namespace portal::client::demo_tabs {

namespace {
Handler* g_handler = nullptr;
}  // namespace

// Module.portalTabs: rev (the revision of the state this tab has), release (the held lock's),
// latest / unsaved (the last text whose save failed), channel.
EM_JS(void, portal_tabs_start, (), {
  var T = Module.portalTabs = {rev: 0, release: null, latest: null, unsaved: false, channel: null};
  T.open = function(onDb, onError) {
    try {
      var open = indexedDB.open("portal-demo", 1);
      open.onupgradeneeded = function() { open.result.createObjectStore("state"); };
      open.onerror = onError;
      open.onsuccess = function() { try { onDb(open.result); } catch (e) { onError(); } };
    } catch (e) { onError(); }
  };
  T.text = function(text, fn) {  // calls fn(pointer, length) with the text in the heap (0, -1: none)
    if (typeof text !== "string") { fn(0, -1); return; }
    var n = lengthBytesUTF8(text) + 1, p = _malloc(n);
    stringToUTF8(text, p, n);
    fn(p, n - 1);
    _free(p);
  };
  // Saves text with the next revision, in one transaction; done(ok) after it.
  T.put = function(text, done) {
    var over = false;
    var failed = function() {
      if (over) return;
      over = true;
      Module.portalDemoSaveFailed = true;
      T.latest = text;
      T.unsaved = true;
      done(false);
    };
    T.open(function(db) {
      var tx = db.transaction("state", "readwrite"), st = tx.objectStore("state");
      st.put(text, "v1");
      st.put(T.rev + 1, "rev");
      tx.oncomplete = function() {
        if (over) return;
        over = true;
        T.rev += 1;
        T.latest = null;  // commits run one at a time: this was the newest state
        T.unsaved = false;
        Module.portalDemoSaveFailed = false;
        window.portalDemoSaves = (window.portalDemoSaves || 0) + 1;
        done(true);
      };
      tx.onerror = failed;
      tx.onabort = failed;
    }, failed);
  };
  var flush = function() { if (T.unsaved && T.latest !== null) T.put(T.latest, function() {}); };
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function() { if (document.visibilityState === "hidden") flush(); });
  if (typeof BroadcastChannel === "function") {
    T.channel = new BroadcastChannel("portal-demo");
    T.channel.onmessage = function(m) {
      if (typeof m.data !== "string") return;
      T.text(m.data, function(p, n) { _portal_demo_tabs_remote(p, n); });
      _portal_request_frame();
    };
  }
  var loaded = function(text, rev) {
    T.rev = rev;
    T.text(text, function(p, n) { _portal_demo_tabs_loaded(p, n); });
    _portal_request_frame();
  };
  T.open(function(db) {
    var st = db.transaction("state", "readonly").objectStore("state");
    var r = st.get("rev"), v = st.get("v1");
    v.onsuccess = function() { loaded(typeof v.result === "string" ? v.result : null, typeof r.result === "number" ? r.result : 0); };
    v.onerror = function() { loaded(null, 0); };
  }, function() { loaded(null, 0); });
});

EM_JS(void, portal_tabs_lock, (), {
  var T = Module.portalTabs;
  var run = function() {
    var deliver = function(text) {
      T.text(text, function(p, n) { _portal_demo_tabs_locked(p, n); });
      _portal_request_frame();
    };
    T.open(function(db) {
      var st = db.transaction("state", "readonly").objectStore("state");
      var r = st.get("rev"), v = st.get("v1");
      v.onsuccess = function() {
        var rev = typeof r.result === "number" ? r.result : 0;
        if (rev > T.rev && typeof v.result === "string") { T.rev = rev; deliver(v.result); }
        else deliver(null);
      };
      v.onerror = function() { deliver(null); };
    }, function() { deliver(null); });
  };
  if (navigator.locks && navigator.locks.request) {
    navigator.locks.request("portal-demo-state", function() {
      return new Promise(function(release) { T.release = release; run(); });
    });
  } else {
    T.release = function() {};
    run();
  }
});

EM_JS(void, portal_tabs_commit, (const char* state, int state_len, const char* events, int events_len), {
  var T = Module.portalTabs;
  var release = T.release || function() {};
  T.release = null;
  var ev = events_len > 0 ? UTF8ToString(events, events_len) : "";
  var done = function() {
    if (ev && T.channel) T.channel.postMessage(ev);
    release();
    _portal_request_frame();
  };
  if (state_len < 0) { done(); return; }
  T.put(UTF8ToString(state, state_len), done);
});

EM_JS(int, portal_tabs_save_failed, (), { return Module.portalDemoSaveFailed ? 1 : 0; });

EM_JS(void, portal_tabs_keep_aside, (const char* text, int len), {
  var value = UTF8ToString(text, len);
  Module.portalTabs.open(function(db) {
    db.transaction("state", "readwrite").objectStore("state").put(value, "unreadable-" + Date.now());
  }, function() {});
});

void start(Handler* handler) {
  g_handler = handler;
  portal_tabs_start();
}

void stop(Handler* handler) {
  if (g_handler == handler) g_handler = nullptr;
}

void lock() { portal_tabs_lock(); }

void commit(bool save, const std::string& state, const std::string& events_json) {
  portal_tabs_commit(state.data(), save ? static_cast<int>(state.size()) : -1, events_json.data(),
                     static_cast<int>(events_json.size()));
}

bool save_failed() { return portal_tabs_save_failed() != 0; }

void keep_aside(std::string_view text) { portal_tabs_keep_aside(text.data(), static_cast<int>(text.size())); }

}  // namespace portal::client::demo_tabs

namespace {
std::string_view view(const char* text, int len) {
  return len >= 0 ? std::string_view(text, static_cast<std::size_t>(len)) : std::string_view{};
}
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void portal_demo_tabs_loaded(const char* text, int len) {
  if (portal::client::demo_tabs::g_handler) portal::client::demo_tabs::g_handler->loaded(view(text, len), len >= 0);
}

extern "C" EMSCRIPTEN_KEEPALIVE void portal_demo_tabs_locked(const char* text, int len) {
  if (portal::client::demo_tabs::g_handler) portal::client::demo_tabs::g_handler->locked(view(text, len), len >= 0);
  else portal::client::demo_tabs::commit(false, {}, {});  // nobody to run: release
}

extern "C" EMSCRIPTEN_KEEPALIVE void portal_demo_tabs_remote(const char* text, int len) {
  if (portal::client::demo_tabs::g_handler && len > 0) portal::client::demo_tabs::g_handler->remote(view(text, len));
}
