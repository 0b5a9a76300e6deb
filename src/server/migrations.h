// Versioned schema migrations of the portal's SQLite database.
//
// The database records every applied step in `schema_version` (version, applied_at). At open,
// apply_migrations runs, in ONE transaction (BEGIN IMMEDIATE), every step whose version is above
// the recorded one, in order: a crash mid-way leaves the previous version intact. Steps are
// append-only: never edit a released step, add a new one.
#pragma once
#include <vector>

#include "schema.h"
#include "sqlite_db.h"

namespace portal::sqlite {

// A step of schema.cpp (version, name, sql) in SQLite's words.
using Migration = schema::Step;

const std::vector<Migration>& migrations();
int latest_schema_version();

// Brings the database up to latest_schema_version(); returns the version it found before.
// Throws SqliteError, or std::runtime_error if the file was written by a newer schema.
int apply_migrations(Db& db);

// The version recorded in the database (0 for a new one).
int schema_version(Db& db);

}  // namespace portal::sqlite
