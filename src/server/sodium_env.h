// The server's Env (shared/domain/env.h) on libsodium: the system clock, randombytes_buf,
// BLAKE2b token hashes and Argon2id password hashes.
#pragma once
#include <condition_variable>
#include <mutex>

#include "domain/env.h"

namespace portal {

class SodiumEnv final : public Env {
 public:
  struct Options {
    // Argon2id cost. Defaults: libsodium's INTERACTIVE limits (ops 2, 64 MiB; ~0.1-0.4 s here).
    // fast = OPSLIMIT_MIN / MEMLIMIT_MIN: still real Argon2id, for tests only.
    bool fast = false;
    // At most this many hashes at once (each takes 64 MiB and a core); 0 = hardware threads.
    unsigned max_parallel_hashes = 0;
  };

  // Calls sodium_init(); throws std::runtime_error if libsodium cannot start.
  SodiumEnv();
  explicit SodiumEnv(Options options);

  // Options from the environment: PORTAL_FAST_HASH=1 selects the fast (test) cost.
  static Options options_from_environment();

  Instant now() override;
  std::string random_bytes(std::size_t bytes) override;
  std::string hash_token(std::string_view token) override;  // BLAKE2b-256, lower-case hex
  std::string hash_password(std::string_view password) override;
  bool verify_password(std::string_view password, std::string_view hash) override;

  bool fast() const { return fast_; }

 private:
  class HashSlot;
  bool fast_;
  unsigned max_parallel_;
  std::mutex mutex_;
  std::condition_variable cv_;
  unsigned running_ = 0;
};

}  // namespace portal
