// The core's Env in the browser, for the offline demo: Date.now(), crypto.getRandomValues, and
// SHA-256 from the js-sha256 npm package (PBKDF2-HMAC-SHA256 for passwords). The demo's data
// never leaves this browser; the server uses Argon2id (src/server/sodium_env.cpp).
#pragma once
#include "domain/env.h"

namespace portal::client {

class DemoEnv : public Env {
 public:
  Instant now() override;
  std::string random_bytes(std::size_t bytes) override;
  std::string hash_token(std::string_view token) override;
  std::string hash_password(std::string_view password) override;
  bool verify_password(std::string_view password, std::string_view hash) override;
};

}  // namespace portal::client
