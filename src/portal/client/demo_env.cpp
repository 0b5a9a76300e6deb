#include "client/demo_env.h"

#include <emscripten.h>

#include <cstdlib>

namespace portal::client {

namespace {
constexpr int kPbkdf2Iterations = 20000;

std::string take(char* p) {
  std::string s(p);
  std::free(p);
  return s;
}
}  // namespace

EM_JS(double, portal_env_now_ms, (), { return Date.now(); });
EM_JS(void, portal_env_random, (char* out, int n), { crypto.getRandomValues(HEAPU8.subarray(out, out + n)); });
EM_JS(char*, portal_env_sha256_hex, (const char* data, int len), {
  var hex = globalThis.sha256.hex(HEAPU8.slice(data, data + len));
  var n = lengthBytesUTF8(hex) + 1;
  var p = _malloc(n);
  stringToUTF8(hex, p, n);
  return p;
});
// PBKDF2-HMAC-SHA256, one 32-byte block (RFC 8018), hex.
EM_JS(char*, portal_env_pbkdf2_hex, (const char* pw, int pw_len, const char* salt_hex, int iterations), {
  var password = HEAPU8.slice(pw, pw + pw_len);
  var saltText = UTF8ToString(salt_hex);
  var salt = [];
  for (var i = 0; i < saltText.length; i += 2) salt.push(parseInt(saltText.substr(i, 2), 16));
  var u = globalThis.sha256.hmac.array(password, salt.concat([0, 0, 0, 1]));
  var t = u.slice();
  for (var k = 1; k < iterations; k++) {
    u = globalThis.sha256.hmac.array(password, u);
    for (var j = 0; j < t.length; j++) t[j] ^= u[j];
  }
  var hex = t.map(function(b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  var n = lengthBytesUTF8(hex) + 1;
  var p = _malloc(n);
  stringToUTF8(hex, p, n);
  return p;
});

Instant DemoEnv::now() { return static_cast<Instant>(portal_env_now_ms() / 1000.0); }

std::string DemoEnv::random_bytes(std::size_t bytes) {
  std::string out(bytes, '\0');
  portal_env_random(out.data(), static_cast<int>(bytes));
  return out;
}

std::string DemoEnv::hash_token(std::string_view token) {
  return take(portal_env_sha256_hex(token.data(), static_cast<int>(token.size())));
}

std::string DemoEnv::hash_password(std::string_view password) {
  static const char* digits = "0123456789abcdef";
  std::string salt;
  for (unsigned char c : random_bytes(16)) {
    salt.push_back(digits[c >> 4]);
    salt.push_back(digits[c & 15]);
  }
  const std::string key =
      take(portal_env_pbkdf2_hex(password.data(), static_cast<int>(password.size()), salt.c_str(), kPbkdf2Iterations));
  return "pbkdf2-sha256$" + std::to_string(kPbkdf2Iterations) + "$" + salt + "$" + key;
}

bool DemoEnv::verify_password(std::string_view password, std::string_view hash) {
  // pbkdf2-sha256$<iterations>$<salt hex>$<key hex>
  const std::string h(hash);
  const auto a = h.find('$'), b = h.find('$', a + 1), c = h.find('$', b + 1);
  if (a == std::string::npos || b == std::string::npos || c == std::string::npos || h.substr(0, a) != "pbkdf2-sha256")
    return false;
  const int iterations = std::atoi(h.substr(a + 1, b - a - 1).c_str());
  if (iterations < 1 || iterations > 1000000) return false;
  const std::string salt = h.substr(b + 1, c - b - 1);
  const std::string key =
      take(portal_env_pbkdf2_hex(password.data(), static_cast<int>(password.size()), salt.c_str(), iterations));
  // Constant-time comparison.
  const std::string expected = h.substr(c + 1);
  if (key.size() != expected.size()) return false;
  unsigned diff = 0;
  for (std::size_t i = 0; i < key.size(); ++i) diff |= static_cast<unsigned>(key[i] ^ expected[i]);
  return diff == 0;
}

}  // namespace portal::client
