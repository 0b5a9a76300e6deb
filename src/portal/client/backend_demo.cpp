// Demo back end: the core's Router over a MemoryStore inside the page. The state is loaded from
// IndexedDB at start (or seeded with demo data) and saved after every change; the tabs of the
// demo share it (client/demo_tabs.h: each call runs under a lock on the newest saved state, and
// the events it causes reach the other tabs' screens live). A save that fails is shown and
// retried every few seconds; the last state is written again when the page is hidden or closed;
// a saved state that cannot be read is kept aside (key "unreadable-<time>"), never overwritten,
// and the page says so.
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
#include "client/demo_tabs.h"
#include "client/embedded_assets.h"
#include "domain/demo_data.h"
#include "domain/kb.h"
#include "domain/memory_store.h"
#include "client/i18n.h"
#include "platform/web_platform.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::client {

using i18n::tr;

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
DemoBackend* g_demo = nullptr;  // the live demo back end (target of knowledge-base downloads)

struct Pending {
  HttpRequest request;
  ReplyFn done;
};

class DemoBackend : public Backend, public demo_tabs::Handler {
 public:
  DemoBackend()
      : catalog_(load_catalog(
            std::string_view(reinterpret_cast<const char*>(demo_assets::catalog().data), demo_assets::catalog().size))),
        router_(catalog_, kb_, store_, env_) {
    router_.set_event_bus(&bus_);
    // Events are queued while the router works and delivered after its replies (see pump); the
    // other tabs get them all, and each keeps those its session may read.
    subscription_ = bus_.subscribe([this](const Event& e) {
      hear(e);
      nlohmann::json o = {{"data", e.data},
                          {"type", e.type},
                          {"id", e.object_id},
                          {"company_id", e.audience.company_id},
                          {"levels", e.audience.levels},
                          {"agent_ids", e.audience.agent_ids}};
      outgoing_.push_back(std::move(o));
    });
    g_demo = this;
    demo_tabs::start(this);
  }
  ~DemoBackend() override {
    demo_tabs::stop(this);
    if (g_demo == this) g_demo = nullptr;
  }

  void send(const std::string& method, const std::string& target, const std::string& body, const std::string& token,
            ReplyFn done) override {
    HttpRequest r = HttpRequest::to(method, target);
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
      // demo passwords takes ~0.4 s); replies wait for it as for a slow network. It is saved on
      // the first call, unless another tab saved its own first.
      if (platform::frames_rendered() == 0) {
        platform::request_frame();
        return;
      }
      seed_pending_ = false;
      seed_demo(store_, catalog_, env_, env_.now());
      loaded_ = true;
      must_save_ = true;
    }
    if (!loaded_) return;
    watch_saving();
    resolve_reader();
    if (!locking_ && (front_ready() || must_save_)) {
      locking_ = true;
      demo_tabs::lock();
    }
    deliver_events();
  }

  void loaded(std::string_view saved, bool has_saved) override {
    bool restored = false;
    if (has_saved) {
      try {
        store_.from_json(saved);
        restored = true;
      } catch (const std::exception&) {
        // A damaged or older save: kept aside (never overwritten), and the demo starts again
        // from its data; the page says so.
        demo_tabs::keep_aside(saved);
        ui::toast(tr("demo.unreadable"), ui::ToastKind::Error, 20000);
        test_hooks::set_value("demo.storage", "unreadable_kept_aside");
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

  // Under the lock: the newest state, the calls that are ready, one save, the events out.
  void locked(std::string_view newer, bool has_newer) override {
    locking_ = false;
    if (has_newer) {
      try {
        store_.from_json(newer);
        saved_revision_ = store_.revision();
        must_save_ = false;  // another tab's state wins over this one's unsaved seed
      } catch (const std::exception&) {
        // Another tab saved what this one cannot read (an older portal): this tab's state stays.
      }
    }
    outgoing_.clear();
    while (front_ready()) {
      Pending p = std::move(queue_.front());
      queue_.pop_front();
      const HttpResponse response = router_.handle(p.request);
      Reply reply;
      reply.status = response.status;
      reply.text = response.body;
      reply.body =
          nlohmann::json::parse(std::string_view(reply.text), nullptr, false);  // string_view: one parser in the wasm
      if (reply.body.is_discarded()) reply.body = nullptr;
      p.done(reply);
    }
    const bool save = must_save_ || store_.revision() != saved_revision_;
    must_save_ = false;
    saved_revision_ = store_.revision();
    const std::string events = outgoing_.empty() ? std::string() : nlohmann::json(outgoing_).dump();
    outgoing_.clear();
    demo_tabs::commit(save, save ? store_.to_json() : std::string(), events);
    deliver_events();
    platform::request_frame();
  }

  // Another tab's events: this tab's screens hear those its session may read (their reloads
  // then run on the newest state, see locked).
  void remote(std::string_view events_json) override {
    const auto list = nlohmann::json::parse(events_json, nullptr, false);
    if (!list.is_array()) return;
    for (const auto& o : list) {
      if (!o.is_object()) continue;
      Event e;
      e.data = o.value("data", "");
      e.type = o.value("type", "");
      e.object_id = o.value("id", "");
      e.audience.company_id = o.value("company_id", "");
      if (o.contains("levels") && o["levels"].is_array())
        for (const auto& l : o["levels"])
          if (l.is_string()) e.audience.levels.push_back(l.get<std::string>());
      if (o.contains("agent_ids") && o["agent_ids"].is_array())
        for (const auto& l : o["agent_ids"])
          if (l.is_string()) e.audience.agent_ids.push_back(l.get<std::string>());
      hear(e);
    }
    platform::request_frame();
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

  void hear(const Event& e) {
    if (listener_ && reader_ && may_read(*reader_, e)) events_.push_back(e.data);
  }

  // Whether the first queued call can run now: knowledge-base calls wait for their language's
  // download (started here); one whose download failed is answered like a network failure.
  bool front_ready() {
    while (!queue_.empty()) {
      // The first knowledge-base language this call needs that is not here yet: its own, and for
      // a search every language (the search looks across languages).
      std::string lang = kb_language(queue_.front().request);
      if (!lang.empty() && kb_state_[lang] == KbState::Loaded && queue_.front().request.path == "/api/v1/kb/search") {
        for (const char* l : {"en", "ru", "bg"})
          if (kb_state_[l] == KbState::Missing || kb_state_[l] == KbState::Loading) {  // a failed one is left out
            lang = l;
            break;
          }
      }
      if (lang.empty() || kb_state_[lang] == KbState::Loaded) return true;
      if (kb_state_[lang] == KbState::Loading) return false;  // replies keep their order
      if (kb_state_[lang] == KbState::Missing) {
        kb_state_[lang] = KbState::Loading;
        portal_kb_fetch(lang.c_str());
        return false;
      }
      // Failed: answered like a network failure (the banner's Retry downloads it again).
      kb_state_[lang] = KbState::Missing;
      Pending p = std::move(queue_.front());
      queue_.pop_front();
      p.done(Reply{});
    }
    return false;
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
  // A failed save: shown once, retried every 5 s until a save succeeds (which is shown too).
  void watch_saving() {
    const bool failed = demo_tabs::save_failed();
    if (failed && !save_failed_) {
      save_failed_ = true;
      ui::toast(tr("demo.save_failed"), ui::ToastKind::Error, 8000);
      test_hooks::set_value("demo.storage", "save_failed");
      retry_at_ms_ = platform::now_ms() + 5000;
      platform::request_frame_in(5000);
    } else if (!failed && save_failed_) {
      save_failed_ = false;
      ui::toast(tr("demo.saved_again"), ui::ToastKind::Success);
      test_hooks::set_value("demo.storage", "saved");
    }
    if (save_failed_ && platform::now_ms() >= retry_at_ms_) {
      retry_at_ms_ = platform::now_ms() + 5000;
      must_save_ = true;  // saved on the next turn under the lock
      platform::request_frame_in(5000);
    }
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
  std::deque<std::string> events_;        // data of events this session may read, not yet delivered
  std::vector<nlohmann::json> outgoing_;  // events of this turn under the lock, for the other tabs
  std::deque<Pending> queue_;
  std::map<std::string, KbState> kb_state_;
  bool loaded_ = false;
  bool seed_pending_ = false;  // nothing saved: seed on the first pump after the first frame
  std::uint64_t saved_revision_ = 0;
  bool locking_ = false;    // the lock is asked for (locked() comes)
  bool must_save_ = false;  // a seed or a failed save to write on the next turn
  bool save_failed_ = false;
  double retry_at_ms_ = 0;
};

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void portal_client_demo_kb_loaded(const char* lang, const char* text, int len) {
  if (!g_demo) return;
  g_demo->kb_loaded(lang, len >= 0 ? std::string_view(text, static_cast<std::size_t>(len)) : std::string_view{},
                    len >= 0);
}

std::unique_ptr<Backend> make_demo_backend() { return std::make_unique<DemoBackend>(); }

bool demo_build() { return true; }

}  // namespace portal::client
