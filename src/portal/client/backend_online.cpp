// Online back end: fetch() to the same-origin portal-server.
#include <emscripten.h>

#include <map>

#include "client/backend.h"
#include "client/events_online.h"

namespace portal::client {

namespace {

// Replies in flight, by id; the JS side calls portal_client_fetch_done with the id.
std::map<int, ReplyFn>& pending() {
  static std::map<int, ReplyFn> calls;
  return calls;
}

}  // namespace

EM_JS(void, portal_fetch, (int id, const char* method, const char* target, const char* body, int body_len,
                          const char* token), {
  var headers = {"Accept": "application/json"};
  var t = UTF8ToString(token);
  if (t) headers["Authorization"] = "Bearer " + t;
  var init = {method: UTF8ToString(method), headers: headers, credentials: "same-origin", cache: "no-store"};
  if (body_len > 0) {
    headers["Content-Type"] = "application/json; charset=utf-8";
    init.body = HEAPU8.slice(body, body + body_len);
  }
  var done = function(status, text) {
    var n = lengthBytesUTF8(text) + 1;
    var p = _malloc(n);
    stringToUTF8(text, p, n);
    _portal_client_fetch_done(id, status, p, n - 1);
    _free(p);
    _portal_request_frame();
  };
  fetch(UTF8ToString(target), init)
      .then(function(r) { return r.text().then(function(text) { done(r.status, text); }); })
      .catch(function() { done(0, ""); });
});

extern "C" EMSCRIPTEN_KEEPALIVE void portal_client_fetch_done(int id, int status, const char* text, int len) {
  auto it = pending().find(id);
  if (it == pending().end()) return;
  ReplyFn done = std::move(it->second);
  pending().erase(it);
  Reply r;
  r.status = status;
  r.text.assign(text, static_cast<std::size_t>(len));
  r.body = nlohmann::json::parse(std::string_view(r.text), nullptr, false);  // string_view: one parser in the wasm
  if (r.body.is_discarded()) r.body = nullptr;
  done(r);
}

namespace {

class OnlineBackend : public Backend {
 public:
  void send(const std::string& method, const std::string& target, const std::string& body, const std::string& token,
            ReplyFn done) override {
    const int id = next_id_++;
    pending()[id] = std::move(done);
    portal_fetch(id, method.c_str(), target.c_str(), body.data(), static_cast<int>(body.size()), token.c_str());
  }
  bool demo() const override { return false; }
  void listen(const std::string& token, EventFn fn) override { events_.listen(token, std::move(fn)); }
  void unlisten() override { events_.unlisten(); }
  const char* live_state() const override { return events_.state(); }

 private:
  int next_id_ = 1;
  OnlineEvents events_;
};

}  // namespace

std::unique_ptr<Backend> make_online_backend() { return std::make_unique<OnlineBackend>(); }

}  // namespace portal::client
