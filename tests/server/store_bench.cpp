// Write throughput of SqliteStore (durable: WAL + synchronous=FULL) with 1 and 16 client threads,
// each doing POST-like single-request writes (next_sequence + insert_request with one message).
// Also prints what one fdatasync costs on this disk, the floor of a commit without grouping.
//   store_bench [seconds per run = 3] [dir = $TMPDIR or /tmp] [simulated sync ms = 0]
// With a simulated sync time (use a tmpfs dir such as /dev/shm, where a real sync is free), a
// shim VFS, made the default, sleeps that long in every xSync: a disk whose durable commit costs
// e.g. 0.25 ms.
#include <fcntl.h>
#include <time.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sqlite_store.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// ---- a VFS whose xSync takes at least g_sync_delay ----
std::chrono::microseconds g_sync_delay{0};
std::atomic<std::uint64_t> g_syncs{0};
std::atomic<std::uint64_t> g_sync_ns{0};
sqlite3_vfs* g_real_vfs = nullptr;
sqlite3_vfs g_shim_vfs;
// The unix VFS gives the main database and its WAL different io_methods (locking / no locking):
// one shim per distinct real table.
struct MethodsPair {
  const sqlite3_io_methods* real = nullptr;
  sqlite3_io_methods shim{};
};
MethodsPair g_methods[8];

int shim_sync(sqlite3_file* file, int flags) {
  const sqlite3_io_methods* real = nullptr;
  for (const auto& m : g_methods)
    if (file->pMethods == &m.shim) real = m.real;
  const auto t0 = Clock::now();
  std::this_thread::sleep_for(g_sync_delay);
  const int rc = real->xSync(file, flags);
  g_syncs.fetch_add(1);
  g_sync_ns.fetch_add(
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count()));
  return rc;
}

std::mutex g_methods_mutex;

int shim_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  // The real VFS fills in the file (same size); only its xSync is swapped for ours.
  const int rc = g_real_vfs->xOpen(g_real_vfs, name, file, flags, out_flags);
  if (rc != SQLITE_OK || !file->pMethods) return rc;
  std::lock_guard lock(g_methods_mutex);
  for (auto& m : g_methods) {
    if (!m.real) {
      m.real = file->pMethods;
      m.shim = *file->pMethods;
      m.shim.xSync = shim_sync;
    }
    if (m.real == file->pMethods) {
      file->pMethods = &m.shim;
      break;
    }
  }
  return rc;
}

void install_slow_sync_vfs(std::chrono::microseconds delay) {
  g_sync_delay = delay;
  g_real_vfs = sqlite3_vfs_find(nullptr);
  g_shim_vfs = *g_real_vfs;
  g_shim_vfs.zName = "slow_sync";
  g_shim_vfs.xOpen = shim_open;
  sqlite3_vfs_register(&g_shim_vfs, /*makeDflt=*/1);
}

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double fsync_ms(const fs::path& dir) {
  const fs::path file = dir / "fsync-probe";
  const int fd = ::open(file.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  if (fd < 0) return -1;
  std::string page(4096, 'x');
  constexpr int kRounds = 200;
  const auto t0 = Clock::now();
  for (int i = 0; i < kRounds; ++i) {
    if (::pwrite(fd, page.data(), page.size(), static_cast<off_t>(i) * 4096) < 0) break;
    ::fdatasync(fd);
  }
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / kRounds;
  ::close(fd);
  fs::remove(file);
  return ms;
}

portal::Request post_like(std::int64_t number, int thread, int i) {
  portal::Request r;
  r.id = "t" + std::to_string(thread) + "-" + std::to_string(i);
  r.number = number;
  r.company_id = "co" + std::to_string(thread % 4);
  r.customer_id = "cu" + std::to_string(thread);
  r.subject = "Printer does not print after the driver update";
  r.description = std::string(400, 'd');
  r.created_at = 1'790'000'000 + i;
  r.updated_at = r.created_at;
  r.first_response.started_at = r.created_at;
  r.first_response.due = r.created_at + 3600;
  r.first_response.policy_id = "basic";
  portal::Message m;
  m.id = r.id + "-m";
  m.author_kind = "customer";
  m.body = r.description;
  m.created_at = r.created_at;
  r.messages.push_back(m);
  return r;
}

void run(const fs::path& dir, int threads, double seconds) {
  const fs::path data = dir / ("bench-" + std::to_string(threads));
  fs::remove_all(data);
  {
    portal::SqliteStore store(data);
    std::atomic<bool> stop{false};
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(threads));
    std::vector<std::thread> pool;
    const double cpu0 = process_cpu_seconds();
    const auto t0 = Clock::now();
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        auto& lat = latencies[static_cast<std::size_t>(t)];
        for (int i = 0; !stop.load(std::memory_order_relaxed); ++i) {
          const auto s = Clock::now();
          store.write([&](portal::StoreTx& tx) { tx.insert_request(post_like(tx.next_sequence("requests"), t, i)); });
          lat.push_back(std::chrono::duration<double, std::milli>(Clock::now() - s).count());
        }
      });
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& th : pool) th.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cpu = process_cpu_seconds() - cpu0;
    std::vector<double> all;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    const auto stats = store.stats();
    auto pct = [&](double p) {
      return all.empty() ? 0.0
                         : all[std::min(all.size() - 1, static_cast<std::size_t>(p * static_cast<double>(all.size())))];
    };
    std::printf(
        "%2d threads: %8.0f writes/s  (%zu writes, %llu commits, mean batch %.1f, max %llu; latency p50 %.2f ms p99 "
        "%.2f ms)\n",
        threads, static_cast<double>(all.size()) / elapsed, all.size(), static_cast<unsigned long long>(stats.commits),
        stats.commits ? static_cast<double>(stats.jobs) / static_cast<double>(stats.commits) : 0.0,
        static_cast<unsigned long long>(stats.max_batch), pct(0.5), pct(0.99));
    const std::uint64_t syncs = g_syncs.exchange(0), sync_ns = g_sync_ns.exchange(0);
    if (syncs)
      std::printf("    (shim: %llu syncs, %.3f ms each on average)\n", static_cast<unsigned long long>(syncs),
                  static_cast<double>(sync_ns) / static_cast<double>(syncs) / 1e6);
    std::printf("    CPU (all threads of the process): %.1f us per write, %.0f%% of one core\n",
                all.empty() ? 0.0 : cpu * 1e6 / static_cast<double>(all.size()), 100.0 * cpu / elapsed);
  }
  fs::remove_all(data);
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  const char* tmp = std::getenv("TMPDIR");
  const fs::path dir = argc > 2 ? fs::path(argv[2]) : fs::path(tmp && *tmp ? tmp : "/tmp");
  const double simulated_ms = argc > 3 ? std::atof(argv[3]) : 0.0;
  std::printf("fdatasync of 4 KiB in %s: %.3f ms\n", dir.c_str(), fsync_ms(dir));
  if (simulated_ms > 0) {
    install_slow_sync_vfs(std::chrono::microseconds(static_cast<long>(simulated_ms * 1000)));
    std::printf("simulated sync: every xSync sleeps %.3f ms first\n", simulated_ms);
  }
  for (int threads : {1, 16}) run(dir, threads, seconds);
  return 0;
}
