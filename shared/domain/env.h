// What the core needs from its host and cannot do itself without I/O: the clock, randomness and
// hashing. The server implements it with libsodium (Argon2id, BLAKE2b), the browser with
// crypto.getRandomValues, tests with a deterministic fake.
#pragma once
#include <string>
#include <string_view>

#include "time/civil.h"

namespace portal {

class Env {
 public:
  virtual ~Env() = default;
  virtual Instant now() = 0;
  // `bytes` cryptographically random bytes.
  virtual std::string random_bytes(std::size_t bytes) = 0;
  // One-way hash of a session token (tokens are 256 random bits: a fast hash suffices).
  virtual std::string hash_token(std::string_view token) = 0;
  // Slow, salted password hashing (Argon2id on the server) and its check.
  virtual std::string hash_password(std::string_view password) = 0;
  virtual bool verify_password(std::string_view password, std::string_view hash) = 0;
};

}  // namespace portal
