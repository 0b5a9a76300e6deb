#include "client/prefs.h"

#include <emscripten.h>

#include <cstdlib>

namespace portal::client {

// localStorage may be unavailable (privacy modes): every call degrades to "not kept".
EM_JS(char*, portal_pref_get, (const char* key), {
  try {
    var v = window.localStorage.getItem("portal." + UTF8ToString(key));
    if (v === null) return 0;
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
  } catch (e) { return 0; }
});
EM_JS(void, portal_pref_set, (const char* key, const char* value), {
  try { window.localStorage.setItem("portal." + UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});
EM_JS(void, portal_pref_remove, (const char* key), {
  try { window.localStorage.removeItem("portal." + UTF8ToString(key)); } catch (e) {}
});
EM_JS(void, portal_download, (const char* name, const char* mime, const char* data, int len), {
  var bytes = HEAPU8.slice(data, data + len);
  var blob = new Blob([bytes], {type: UTF8ToString(mime)});
  var a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  window.portalLastDownload = {name: UTF8ToString(name), mime: UTF8ToString(mime), text: new TextDecoder().decode(bytes)};
});

std::string pref_get(const std::string& key, const std::string& fallback) {
  char* v = portal_pref_get(key.c_str());
  if (!v) return fallback;
  std::string out(v);
  std::free(v);
  return out;
}

void pref_set(const std::string& key, const std::string& value) { portal_pref_set(key.c_str(), value.c_str()); }
void pref_remove(const std::string& key) { portal_pref_remove(key.c_str()); }

void download_file(const std::string& filename, const std::string& mime, const std::string& content) {
  portal_download(filename.c_str(), mime.c_str(), content.data(), static_cast<int>(content.size()));
}

}  // namespace portal::client
