#include "client/events_online.h"

#include <emscripten.h>

#include "platform/web_platform.h"

namespace portal::client {

namespace {

// One listener at a time (one session per page); generations drop a stopped stream's leftovers.
EventFn g_listener;
int g_gen = 0;
int g_state = 0;  // 0 off, 1 connecting, 2 live, 3 reconnecting

const char* kStates[] = {"off", "connecting", "live", "reconnecting"};

}  // namespace

EM_JS(void, portal_events_open, (int gen, const char* token_ptr), {
  var token = UTF8ToString(token_ptr);
  var NL = String.fromCharCode(10), CR = new RegExp(String.fromCharCode(13), "g");
  var self = Module.portalEvents = {gen: gen, stopped: false, ctrl: null, timer: 0, lastId: "", delay: 1000};
  var state = function(s) { if (!self.stopped) { _portal_client_events_state(gen, s); _portal_request_frame(); } };
  var deliver = function(id, data) {
    if (self.stopped || data === null) return;
    var n = lengthBytesUTF8(data) + 1;
    var p = _malloc(n);
    stringToUTF8(data, p, n);
    _portal_client_event(gen, p);
    _free(p);
    _portal_request_frame();
  };
  var connect = function() {
    if (self.stopped) return;
    self.ctrl = new AbortController();
    var headers = {"Authorization": "Bearer " + token, "Accept": "text/event-stream"};
    if (self.lastId) headers["Last-Event-ID"] = self.lastId;
    var again = function(status) {
      if (self.stopped) return;
      if (status === 401) { state(0); return; }  // signed out elsewhere: the next call says so
      state(3);
      self.timer = setTimeout(connect, self.delay);
      self.delay = Math.min(self.delay * 2, 30000);
    };
    fetch("/api/v1/events", {headers: headers, cache: "no-store", credentials: "same-origin", signal: self.ctrl.signal})
      .then(function(r) {
        if (r.status !== 200 || !r.body) { again(r.status); return; }
        self.delay = 1000;
        state(2);
        var reader = r.body.getReader(), dec = new TextDecoder(), buf = "";
        var read = function() {
          return reader.read().then(function(x) {
            if (x.done) { again(0); return; }
            buf += dec.decode(x.value, {stream: true}).replace(CR, "");
            var end;
            while ((end = buf.indexOf(NL + NL)) >= 0) {
              var frame = buf.slice(0, end), data = null;
              buf = buf.slice(end + 2);
              frame.split(NL).forEach(function(line) {
                if (line.indexOf("id:") === 0) self.lastId = line.slice(3).trim();
                else if (line.indexOf("data:") === 0) data = (data === null ? "" : data + NL) + line.slice(5).replace(/^ /, "");
              });
              deliver(self.lastId, data);
            }
            return read();
          });
        };
        return read();
      })
      .catch(function() { again(0); });
  };
  state(1);
  connect();
});

EM_JS(void, portal_events_close, (), {
  var self = Module.portalEvents;
  if (!self) return;
  self.stopped = true;
  clearTimeout(self.timer);
  try { if (self.ctrl) self.ctrl.abort(); } catch (e) {}
  Module.portalEvents = null;
});

extern "C" EMSCRIPTEN_KEEPALIVE void portal_client_event(int gen, const char* data) {
  if (gen != g_gen || !g_listener) return;
  auto event = nlohmann::json::parse(std::string_view(data), nullptr, false);
  if (!event.is_object()) return;
  EventFn fn = g_listener;  // the listener may stop the stream
  fn(event);
}

extern "C" EMSCRIPTEN_KEEPALIVE void portal_client_events_state(int gen, int state) {
  if (gen == g_gen) g_state = state;
}

OnlineEvents::~OnlineEvents() { unlisten(); }

void OnlineEvents::listen(const std::string& token, EventFn fn) {
  unlisten();
  g_listener = std::move(fn);
  portal_events_open(++g_gen, token.c_str());
}

void OnlineEvents::unlisten() {
  if (!g_listener && g_state == 0) return;
  portal_events_close();
  g_listener = nullptr;
  ++g_gen;
  g_state = 0;
}

const char* OnlineEvents::state() const { return kStates[g_state]; }

}  // namespace portal::client
