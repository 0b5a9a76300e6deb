// Demo back end: the core's Router over a MemoryStore inside the page. The state is loaded from
// IndexedDB at start (or seeded with demo data) and saved after every change.
// The knowledge base is not compiled in (it is ~40 KB gzip of the first load, for a screen many
// visitors never open): the first /kb/ call in a language fetches kb/<lang>.json from the page's
// own folder (scripts/build-static puts it there), and the calls wait for it, in order.
#include <emscripten.h>

#include <algorithm>
#include <deque>
#include <map>
#include <optional>

#include "api/router.h"
#include "catalog/catalog.h"
#include "client/backend.h"
#include "client/demo_env.h"
#include "client/embedded_assets.h"
#include "domain/demo_data.h"
#include "domain/kb.h"
#include "domain/memory_store.h"
#include "platform/web_platform.h"

namespace portal::client {

// IndexedDB: database "portal-demo", store "state", key "v1". Loading is asynchronous: the JS
// side calls portal_client_demo_loaded with the saved text (or len < 0 when there is none).
EM_JS(void, portal_idb_load, (), {
  var finish = function(text) {
    if (text === null) { _portal_client_demo_loaded(0, -1); }
    else {
      var n = lengthBytesUTF8(text) + 1;
      var p = _malloc(n);
      stringToUTF8(text, p, n);
      _portal_client_demo_loaded(p, n - 1);
      _free(p);
    }
    _portal_request_frame();
  };
  try {
    var open = indexedDB.open("portal-demo", 1);
    open.onupgradeneeded = function() { open.result.createObjectStore("state"); };
    open.onerror = function() { finish(null); };
    open.onsuccess = function() {
      var get = open.result.transaction("state", "readonly").objectStore("state").get("v1");
      get.onsuccess = function() { finish(typeof get.result === "string" ? get.result : null); };
      get.onerror = function() { finish(null); };
    };
  } catch (e) { finish(null); }
});
EM_JS(void, portal_idb_save, (const char* text, int len), {
  var value = UTF8ToString(text, len);
  try {
    var open = indexedDB.open("portal-demo", 1);
    open.onupgradeneeded = function() { open.result.createObjectStore("state"); };
    open.onsuccess = function() {
      var tx = open.result.transaction("state", "readwrite");
      tx.objectStore("state").put(value, "v1");
      tx.oncomplete = function() { window.portalDemoSaves = (window.portalDemoSaves || 0) + 1; };
    };
  } catch (e) {}
});

// Fetches kb/<lang>.json next to the page; calls portal_client_demo_kb_loaded (len < 0: failed).
EM_JS(void, portal_kb_fetch, (const char* lang), {
  var l = UTF8ToString(lang);
  var finish = function(text) {
    var ln = lengthBytesUTF8(l) + 1, lp = _malloc(ln);
    stringToUTF8(l, lp, ln);
    if (text === null) { _portal_client_demo_kb_loaded(lp, 0, -1); }
    else {
      var n = lengthBytesUTF8(text) + 1, p = _malloc(n);
      stringToUTF8(text, p, n);
      _portal_client_demo_kb_loaded(lp, p, n - 1);
      _free(p);
    }
    _free(lp);
    _portal_request_frame();
  };
  fetch("kb/" + l + ".json", {cache: "no-cache"})
      .then(function(r) { return r.ok ? r.text() : null; })
      .then(finish, function() { finish(null); });
});

namespace {

class DemoBackend;
DemoBackend* g_loading = nullptr;  // the one demo back end waiting for IndexedDB (JS callback target)
DemoBackend* g_demo = nullptr;     // the live demo back end (target of knowledge-base downloads)

struct Pending {
  HttpRequest request;
  ReplyFn done;
};

class DemoBackend : public Backend {
 public:
  DemoBackend()
      : catalog_(load_catalog(embedded_asset("catalog.json"))),
        router_(catalog_, kb_, store_, env_) {
    router_.set_event_bus(&bus_);
    // Events are queued while the router works and delivered after its replies (see pump).
    subscription_ = bus_.subscribe([this](const Event& e) {
      if (listener_ && reader_ && may_read(*reader_, e)) events_.push_back(e.data);
    });
    g_loading = this;
    g_demo = this;
    portal_idb_load();
  }
  ~DemoBackend() override {
    if (g_loading == this) g_loading = nullptr;
    if (g_demo == this) g_demo = nullptr;
  }

  void send(const std::string& method, const std::string& target, const std::string& body, const std::string& token,
            ReplyFn done) override {
    HttpRequest r;
    r.method = method;
    const auto q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = target.substr(q + 1);
    if (!token.empty()) r.headers.push_back({"Authorization", "Bearer " + token});
    r.headers.push_back({"Content-Type", "application/json"});
    r.body = body;
    r.peer = "browser";
    queue_.push_back({std::move(r), std::move(done)});
  }
  bool demo() const override { return true; }
  void listen(const std::string& token, EventFn fn) override {
    listener_ = std::move(fn);
    token_ = token;
    reader_.reset();  // resolved on the next pump (the demo data may still be loading)
  }
  void unlisten() override {
    listener_ = nullptr;
    reader_.reset();
    events_.clear();
  }
  const char* live_state() const override { return listener_ ? "live" : "off"; }

  // Replies are delivered here, between frames, like network replies would be.
  void pump() override {
    if (!loaded_ && seed_pending_) {
      // A first visit: the demo data is seeded after the first frame is on screen (hashing the
      // demo passwords takes ~0.4 s); replies wait for it as for a slow network.
      if (platform::frames_rendered() == 0) {
        platform::request_frame();
        return;
      }
      seed_pending_ = false;
      seed_demo(store_, catalog_, env_, env_.now());
      loaded_ = true;
      save_if_changed();
    }
    if (!loaded_) return;
    resolve_reader();
    while (!queue_.empty()) {
      const std::string lang = kb_language(queue_.front().request);
      if (!lang.empty() && kb_state_[lang] != KbState::Loaded) {
        if (kb_state_[lang] == KbState::Loading) break;  // replies keep their order
        if (kb_state_[lang] == KbState::Missing) {
          kb_state_[lang] = KbState::Loading;
          portal_kb_fetch(lang.c_str());
          break;
        }
        // Failed: answered like a network failure (the banner's Retry downloads it again).
        kb_state_[lang] = KbState::Missing;
        Pending p = std::move(queue_.front());
        queue_.pop_front();
        p.done(Reply{});
        continue;
      }
      Pending p = std::move(queue_.front());
      queue_.pop_front();
      const HttpResponse response = router_.handle(p.request);
      Reply reply;
      reply.status = response.status;
      reply.text = response.body;
      reply.body = nlohmann::json::parse(std::string_view(reply.text), nullptr, false);  // string_view: one parser in the wasm
      if (reply.body.is_discarded()) reply.body = nullptr;
      p.done(reply);
    }
    save_if_changed();
    deliver_events();
  }

  void loaded(std::string_view saved, bool has_saved) {
    bool restored = false;
    if (has_saved) {
      try {
        store_.from_json(saved);
        restored = true;
      } catch (const std::exception&) {
        // A damaged or older save: start again from the demo data rather than fail.
      }
    }
    if (!restored) {
      seed_pending_ = true;
      platform::request_frame();
      return;
    }
    loaded_ = true;
    saved_revision_ = store_.revision();
  }

  void kb_loaded(const std::string& lang, std::string_view text, bool ok) {
    if (ok) {
      try {
        kb_.add_language(lang, text);
        kb_state_[lang] = KbState::Loaded;
        return;
      } catch (const std::exception&) {
        // A damaged file: reported as a failed download.
      }
    }
    kb_state_[lang] = KbState::Failed;
  }

 private:
  enum class KbState { Missing, Loading, Loaded, Failed };

  // Who the session is, for may_read (once per listen, when the data is there).
  void resolve_reader() {
    if (!listener_ || reader_) return;
    HttpRequest r;
    r.headers.push_back({"Authorization", "Bearer " + token_});
    Router::EventsStart start = router_.start_events(r);
    if (start.refusal.status == 0) reader_ = start.reader;
  }

  void deliver_events() {
    if (!listener_ || !reader_) return;
    while (!events_.empty()) {
      auto event = nlohmann::json::parse(std::string_view(events_.front()), nullptr, false);
      events_.pop_front();
      if (!event.is_object()) continue;
      EventFn fn = listener_;
      fn(event);
      if (!listener_) break;
    }
  }

  // The language a knowledge-base call needs ("" for other calls and unknown languages, which
  // the router answers itself).
  static std::string kb_language(const HttpRequest& r) {
    if (r.path.rfind("/api/v1/kb/", 0) != 0) return {};
    std::string lang = "en";
    for (std::size_t at = 0; at <= r.query.size();) {
      const std::size_t end = std::min(r.query.find('&', at), r.query.size());
      if (r.query.compare(at, 5, "lang=") == 0) lang = r.query.substr(at + 5, end - at - 5);
      at = end + 1;
    }
    return lang == "en" || lang == "ru" || lang == "bg" ? lang : std::string();
  }
  void save_if_changed() {
    if (store_.revision() == saved_revision_) return;
    saved_revision_ = store_.revision();
    const std::string text = store_.to_json();
    portal_idb_save(text.data(), static_cast<int>(text.size()));
  }

  Catalog catalog_;
  KnowledgeBase kb_;
  MemoryStore store_;
  DemoEnv env_;
  Router router_;
  MemoryEventBus bus_;
  std::unique_ptr<EventBus::Subscription> subscription_;
  EventFn listener_;
  std::string token_;
  std::optional<EventReader> reader_;
  std::deque<std::string> events_;  // data of events this session may read, not yet delivered
  std::deque<Pending> queue_;
  std::map<std::string, KbState> kb_state_;
  bool loaded_ = false;
  bool seed_pending_ = false;  // nothing saved: seed on the first pump after the first frame
  std::uint64_t saved_revision_ = 0;
};

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void portal_client_demo_loaded(const char* text, int len) {
  if (!g_loading) return;
  DemoBackend* backend = g_loading;
  g_loading = nullptr;
  backend->loaded(len >= 0 ? std::string_view(text, static_cast<std::size_t>(len)) : std::string_view{}, len >= 0);
}

extern "C" EMSCRIPTEN_KEEPALIVE void portal_client_demo_kb_loaded(const char* lang, const char* text, int len) {
  if (!g_demo) return;
  g_demo->kb_loaded(lang, len >= 0 ? std::string_view(text, static_cast<std::size_t>(len)) : std::string_view{}, len >= 0);
}

std::unique_ptr<Backend> make_demo_backend() { return std::make_unique<DemoBackend>(); }

}  // namespace portal::client
