// Demo back end: the core's Router over a MemoryStore inside the page. The state is loaded from
// IndexedDB at start (or seeded with demo data) and saved after every change.
#include <emscripten.h>

#include <deque>

#include "api/router.h"
#include "catalog/catalog.h"
#include "client/backend.h"
#include "client/demo_env.h"
#include "client/embedded_assets.h"
#include "domain/demo_data.h"
#include "domain/kb.h"
#include "domain/memory_store.h"

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

namespace {

class DemoBackend;
DemoBackend* g_loading = nullptr;  // the one demo back end waiting for IndexedDB (JS callback target)

struct Pending {
  HttpRequest request;
  ReplyFn done;
};

class DemoBackend : public Backend {
 public:
  DemoBackend()
      : catalog_(load_catalog(embedded_asset("catalog.json"))),
        kb_(load_kb()),
        router_(catalog_, kb_, store_, env_) {
    g_loading = this;
    portal_idb_load();
  }
  ~DemoBackend() override {
    if (g_loading == this) g_loading = nullptr;
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

  // Replies are delivered here, between frames, like network replies would be.
  void pump() override {
    if (!loaded_) return;
    while (!queue_.empty()) {
      Pending p = std::move(queue_.front());
      queue_.pop_front();
      const HttpResponse response = router_.handle(p.request);
      Reply reply;
      reply.status = response.status;
      reply.text = response.body;
      reply.body = nlohmann::json::parse(reply.text, nullptr, false);
      if (reply.body.is_discarded()) reply.body = nullptr;
      p.done(reply);
    }
    save_if_changed();
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
    if (!restored) seed_demo(store_, catalog_, env_, env_.now());
    loaded_ = true;
    saved_revision_ = restored ? store_.revision() : 0;
    save_if_changed();
  }

 private:
  static KnowledgeBase load_kb() {
    KnowledgeBase kb;
    for (const char* lang : {"en", "ru", "bg"})
      kb.add_language(lang, embedded_asset(std::string("kb/") + lang + ".json"));
    return kb;
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
  std::deque<Pending> queue_;
  bool loaded_ = false;
  std::uint64_t saved_revision_ = 0;
};

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void portal_client_demo_loaded(const char* text, int len) {
  if (!g_loading) return;
  DemoBackend* backend = g_loading;
  g_loading = nullptr;
  backend->loaded(len >= 0 ? std::string_view(text, static_cast<std::size_t>(len)) : std::string_view{}, len >= 0);
}

std::unique_ptr<Backend> make_demo_backend() { return std::make_unique<DemoBackend>(); }

}  // namespace portal::client
