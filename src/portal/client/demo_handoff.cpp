// The online build's stand-in for the offline demo (portal.wasm has no in-page server: see
// src/portal/CMakeLists.txt). web/loader.js loads the demo build when ?demo=1 is asked or its
// probe finds no server; should the app still find no server (a page whose loader did not
// probe), the page reloads into the demo build (Module.portalLoadDemo, web/loader.js).
#include <emscripten.h>

#include "client/backend.h"

namespace portal::client {

EM_JS(void, portal_load_demo_build, (), {
  if (Module.portalLoadDemo) Module.portalLoadDemo();
});

bool demo_build() { return false; }

std::unique_ptr<Backend> make_demo_backend() {
  portal_load_demo_build();
  return nullptr;
}

}  // namespace portal::client
