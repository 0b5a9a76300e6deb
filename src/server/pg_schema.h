// The PostgreSQL schema of PgStore: versioned migrations (their SQL: schema.cpp, shared with the
// SQLite store), applied by one instance at a time.
#pragma once
#include <string>
#include <vector>

#include "schema.h"

namespace portal::pg {

class Conn;

// A step of schema.cpp (version, name, sql) in PostgreSQL's words.
using PgMigration = schema::Step;

const std::vector<PgMigration>& pg_migrations();
int pg_latest_schema_version();

// Brings the database to the latest version. Several instances may call this at the same time:
// a session advisory lock makes them take turns, and each applies only what is missing (every
// version in its own transaction, recorded in schema_version). Returns the version found.
// Throws when the database is newer than this program.
int apply_pg_migrations(Conn& conn);

}  // namespace portal::pg
