#include "sodium_env.h"

#include <sodium.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace portal {

// Limits how many Argon2id computations run at once: each needs 64 MiB and a full core, so a
// burst of sign-ins queues here instead of exhausting memory.
class SodiumEnv::HashSlot {
 public:
  explicit HashSlot(SodiumEnv& env) : env_(env) {
    std::unique_lock lock(env_.mutex_);
    env_.cv_.wait(lock, [&] { return env_.running_ < env_.max_parallel_; });
    ++env_.running_;
  }
  ~HashSlot() {
    {
      std::lock_guard lock(env_.mutex_);
      --env_.running_;
    }
    env_.cv_.notify_one();
  }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;

 private:
  SodiumEnv& env_;
};

SodiumEnv::SodiumEnv() : SodiumEnv(Options{}) {}

SodiumEnv::SodiumEnv(Options options) : fast_(options.fast) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  max_parallel_ = options.max_parallel_hashes ? options.max_parallel_hashes : std::thread::hardware_concurrency();
  if (max_parallel_ == 0) max_parallel_ = 2;
}

SodiumEnv::Options SodiumEnv::options_from_environment() {
  Options o;
  const char* fast = std::getenv("PORTAL_FAST_HASH");
  o.fast = fast && std::string_view(fast) == "1";
  return o;
}

Instant SodiumEnv::now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string SodiumEnv::random_bytes(std::size_t bytes) {
  std::string out(bytes, '\0');
  if (bytes) randombytes_buf(out.data(), bytes);
  return out;
}

std::string SodiumEnv::hash_token(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, sizeof digest * 2);
}

std::string SodiumEnv::hash_password(std::string_view password) {
  const unsigned long long ops = fast_ ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const std::size_t mem = fast_ ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  char out[crypto_pwhash_STRBYTES];
  HashSlot slot(*this);
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("password hashing failed (out of memory)");
  return out;
}

bool SodiumEnv::verify_password(std::string_view password, std::string_view hash) {
  // crypto_pwhash_str_verify wants a NUL-terminated string of at most STRBYTES - 1 characters.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  char stored[crypto_pwhash_STRBYTES] = {};
  hash.copy(stored, hash.size());
  HashSlot slot(*this);
  return crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
}

}  // namespace portal
