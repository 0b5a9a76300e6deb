#include "pg_shared.h"

#include "pg_conn.h"

namespace portal {

using pg::Params;

PgSharedCounters::Entry PgSharedCounters::get(const std::string& key, std::int64_t window, std::int64_t now) {
  Entry e;
  store_.run([&](pg::Conn& conn) {
    auto r = conn.query("SELECT count, window_start, last FROM rate_counters WHERE key = $1 AND window_start + $2 > $3",
                        Params().bytes(key).int64(window).int64(now));
    if (r.rows() == 0) return;
    e.count = r.int32(0, 0);
    e.window_start = r.int64(0, 1);
    e.last = r.int64(0, 2);
  });
  return e;
}

PgSharedCounters::Entry PgSharedCounters::hit(const std::string& key, std::int64_t window, std::int64_t now) {
  Entry e;
  const bool sweep = (++hits_ % 1024) == 0;
  store_.run([&](pg::Conn& conn) {
    auto r = conn.query(
        "INSERT INTO rate_counters AS c (key, count, window_start, last, expires_at) VALUES ($1, 1, $2, $2, $2 + $3) "
        "ON CONFLICT (key) DO UPDATE SET "
        "  count = CASE WHEN c.window_start + $3 <= $2 THEN 1 ELSE c.count + 1 END, "
        "  window_start = CASE WHEN c.window_start + $3 <= $2 THEN $2 ELSE c.window_start END, "
        "  expires_at = CASE WHEN c.window_start + $3 <= $2 THEN $2 + $3 ELSE c.expires_at END, "
        "  last = $2 "
        "RETURNING count, window_start, last",
        Params().bytes(key).int64(now).int64(window));
    e.count = r.int32(0, 0);
    e.window_start = r.int64(0, 1);
    e.last = r.int64(0, 2);
    if (sweep) conn.query("DELETE FROM rate_counters WHERE expires_at <= $1", Params().int64(now));
  });
  return e;
}

void PgSharedCounters::clear(const std::string& key) {
  store_.run([&](pg::Conn& conn) { conn.query("DELETE FROM rate_counters WHERE key = $1", Params().bytes(key)); });
}

std::string pg_shared_setting(PgStore& store, const std::string& name, const std::string& candidate) {
  std::string value;
  store.run([&](pg::Conn& conn) {
    conn.query("INSERT INTO shared_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
               Params().text(name).bytes(candidate));
    value = conn.query("SELECT value FROM shared_settings WHERE name = $1", Params().text(name)).bytes(0, 0);
  });
  return value;
}

}  // namespace portal
