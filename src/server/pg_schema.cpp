#include "pg_schema.h"

#include <string>

#include "pg_conn.h"
#include "schema.h"

namespace portal::pg {

namespace {

// Taken by apply_pg_migrations for the whole run (session lock, released at the end).
constexpr std::int64_t kMigrationLock = 0x706f7274616c01;  // "portal" 01

}  // namespace

const std::vector<PgMigration>& pg_migrations() {
  return schema::steps(schema::Dialect::kPostgres);  // the SQL is shared with the other store
}

int pg_latest_schema_version() { return pg_migrations().empty() ? 0 : pg_migrations().back().version; }

int apply_pg_migrations(Conn& conn) {
  conn.query("SELECT pg_advisory_lock($1)", Params().int64(kMigrationLock));
  struct Unlock {
    Conn& conn;
    ~Unlock() {
      try {
        if (conn.ok()) conn.query("SELECT pg_advisory_unlock($1)", Params().int64(kMigrationLock));
      } catch (...) {}
    }
  } unlock{conn};
  conn.exec(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      "  version    BIGINT PRIMARY KEY,"
      "  name       TEXT NOT NULL,"
      "  applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  const int found = conn.query("SELECT coalesce(max(version), 0)::int8 FROM schema_version").int32(0, 0);
  if (found > pg_latest_schema_version())
    throw PgError("pg: database schema version " + std::to_string(found) + " is newer than this program's " +
                      std::to_string(pg_latest_schema_version()),
                  "", false);
  for (const PgMigration& m : pg_migrations()) {
    if (m.version <= found) continue;
    conn.exec("BEGIN");
    try {
      conn.exec(m.sql.c_str());
      conn.query("INSERT INTO schema_version (version, name) VALUES ($1, $2)", Params().int64(m.version).text(m.name));
      conn.exec("COMMIT");
    } catch (...) {
      try {
        if (conn.ok()) conn.exec("ROLLBACK");
      } catch (...) {}
      throw;
    }
  }
  return found;
}

}  // namespace portal::pg
