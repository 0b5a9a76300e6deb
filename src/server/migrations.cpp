#include "migrations.h"

#include <chrono>
#include <string>

#include "schema.h"

namespace portal::sqlite {

const std::vector<Migration>& migrations() {
  return schema::steps(schema::Dialect::kSqlite);  // the SQL is shared with the other store
}

int latest_schema_version() { return migrations().empty() ? 0 : migrations().back().version; }

int schema_version(Db& db) {
  {
    auto q = db.query("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'");
    q->step();
    if (q->int64(0) == 0) return 0;
  }
  auto q = db.query("SELECT coalesce(max(version), 0) FROM schema_version");
  q->step();
  return q->int32(0);
}

int apply_migrations(Db& db) {
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        "  version    INTEGER PRIMARY KEY NOT NULL,"
        "  applied_at INTEGER NOT NULL)");
    const int found = schema_version(db);
    if (found > latest_schema_version())
      throw std::runtime_error("sqlite: database schema version " + std::to_string(found) +
                               " is newer than this program's " + std::to_string(latest_schema_version()));
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    for (const Migration& m : migrations()) {
      if (m.version <= found) continue;
      db.exec(m.sql.c_str());
      auto q = db.query("INSERT INTO schema_version (version, applied_at) VALUES (?1, ?2)");
      q->bind(1, m.version).bind(2, static_cast<std::int64_t>(now));
      q->run();
    }
    db.exec("COMMIT");
    return found;
  } catch (...) {
    if (db.in_transaction()) {
      try {
        db.exec("ROLLBACK");
      } catch (...) {}
    }
    throw;
  }
}

}  // namespace portal::sqlite
