#include "store_choice.h"

#include <cstdlib>
#include <stdexcept>

#include "data_folder.h"
#include "pg_conn.h"
#include "pg_shared.h"
#include "pg_store.h"
#include "sqlite_store.h"

namespace portal {

std::optional<std::string> database_url(const Args& args) {
  std::string url = args.get("database");
  if (url.empty()) {
    const char* env = std::getenv("PORTAL_DATABASE_URL");
    if (env && *env) url = env;
  }
  if (url.empty()) return std::nullopt;
  if (!is_postgres_url(url))
    throw UsageError("--database must be a PostgreSQL URL: postgresql://USER@HOST:PORT/DB (got \"" +
                     PgStore::redacted(url) + "\")");
  return url;
}

OpenedStore open_store(const Args& args) {
  OpenedStore out;
  if (auto url = database_url(args)) {
    PgStore::Options options;
    options.pool_size = static_cast<int>(int_option(args, "pool", 8, 1, 256));
    out.store = std::make_unique<PgStore>(*url, options);
    out.pg_url = *url;
    out.description = "database: " + PgStore::redacted(*url);
    return out;
  }
  const Locations where = locations(args);
  auto sqlite = std::make_unique<SqliteStore>(where.data);
  out.sqlite_db = sqlite->db_path();
  out.description = "data: " + sqlite->db_path().string();
  out.store = std::move(sqlite);
  return out;
}

namespace {

const char* const kDemoSetting = "demo";

bool pg_demo_marked(const std::string& url) {
  pg::Conn conn(url);
  return conn.query("SELECT 1 FROM shared_settings WHERE name = $1", pg::Params().text(kDemoSetting)).rows() > 0;
}

}  // namespace

void mark_demo(const OpenedStore& opened, const Args& args) {
  if (!opened.pg_url) return mark_demo(locations(args).data);
  pg_shared_setting(static_cast<PgStore&>(*opened.store), kDemoSetting, "seeded by --demo: its logins are public");
}

void check_not_demo(const OpenedStore& opened, const Args& args) {
  if (!opened.pg_url) return check_not_demo(locations(args).data);
  if (!pg_demo_marked(*opened.pg_url)) return;
  throw std::runtime_error("the database " + PgStore::redacted(*opened.pg_url) +
                           " holds demo data (seeded by --demo; the demo logins and passwords are published), so it "
                           "is not served without --demo. Start with --demo to keep using it as a demo, or use a new, "
                           "empty database for real use.");
}

}  // namespace portal
