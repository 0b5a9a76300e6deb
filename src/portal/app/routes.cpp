#include "app/routes.h"

#include <emscripten.h>

#include <cstdlib>

#include "platform/web_platform.h"

namespace portal::app::routes {
namespace {

bool g_changed = false;

EM_JS(char*, portal_route_read, (), {
  var h = "";
  try {
    h = location.hash;
    if (h.charAt(0) === '#') h = h.slice(1);
    if (h.charAt(0) === '/') h = h.slice(1);
    h = decodeURIComponent(h);
  } catch (e) {}
  if (!Module.portalRouteListening) {
    Module.portalRouteListening = true;
    var on = function() { _portal_route_changed(); };
    window.addEventListener('popstate', on);
    window.addEventListener('hashchange', on);
  }
  var n = lengthBytesUTF8(h) + 1, p = _malloc(n);
  stringToUTF8(h, p, n);
  return p;
});

EM_JS(void, portal_route_write, (const char* route, int push), {
  var url = '#/' + UTF8ToString(route).split('/').map(encodeURIComponent).join('/');
  if (location.hash === url) return;
  try {
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  } catch (e) {}
});

}  // namespace

std::string current() {
  char* p = portal_route_read();
  std::string s(p ? p : "");
  std::free(p);
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

void show(const std::string& route, bool push) { portal_route_write(route.c_str(), push ? 1 : 0); }

bool take_change() {
  const bool was = g_changed;
  g_changed = false;
  return was;
}

}  // namespace portal::app::routes

extern "C" EMSCRIPTEN_KEEPALIVE void portal_route_changed() {
  portal::app::routes::g_changed = true;
  portal::platform::request_frame();
}
