// One client interface, two back ends: the UI cannot tell them apart.
//   online: fetch() to the same-origin portal-server;
//   demo:   the core's Router over a MemoryStore inside the page, seeded with demo data and saved
//           to IndexedDB after every change (restored on reload).
#pragma once
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace portal::client {

struct Reply {
  int status = 0;       // 0: no answer (network down)
  nlohmann::json body;  // the parsed JSON body (null when not JSON)
  std::string text;     // the raw body (e.g. an .ics file)
  bool ok() const { return status >= 200 && status < 300; }
  bool network_error() const { return status == 0; }
  std::string error_message() const;  // body.error.message, or a plain sentence for the status
  std::string error_field() const;    // body.error.field or ""
  std::string error_code() const;     // body.error.code or ""
};

using ReplyFn = std::function<void(const Reply&)>;
// One change event of GET /api/v1/events: {"type", "id", …} (see the OpenAPI document).
using EventFn = std::function<void(const nlohmann::json& event)>;

class Backend {
 public:
  virtual ~Backend() = default;
  // target: "/api/v1/requests?status=open"; body: JSON text or ""; token: "" when signed out.
  // `done` runs later, on the main thread, between frames (never inside send).
  virtual void send(const std::string& method, const std::string& target, const std::string& body,
                    const std::string& token, ReplyFn done) = 0;
  virtual bool demo() const = 0;
  // Called once per frame by the app: delivers demo replies, saves demo state when it changed.
  virtual void pump() {}
  // The session's change events (live_events.h): `fn` runs between frames, once per event; a
  // lost stream reconnects with backoff by itself. listen() again replaces the listener.
  virtual void listen(const std::string& token, EventFn fn) = 0;
  virtual void unlisten() = 0;
  // "off", "connecting", "live" or "reconnecting" (the portal shows the last as a cue).
  virtual const char* live_state() const = 0;
};

std::unique_ptr<Backend> make_online_backend();
// The offline demo's in-page server is linked into the demo build only (portal-demo.wasm; see
// src/portal/CMakeLists.txt). In the online build (portal.wasm) make_demo_backend() asks the
// page to load the demo build instead (client/demo_handoff.cpp) and returns null.
std::unique_ptr<Backend> make_demo_backend();
// True in the demo build: web/loader.js chose it (?demo=1, or no server), the app starts the demo.
bool demo_build();

}  // namespace portal::client
