// The database schema of both stores, written once (schema.cpp): SqliteStore's migrations
// (migrations.cpp) and PgStore's (pg_schema.cpp) take their SQL from here.
//
// The tables are written in one neutral DDL with a few words that each dialect spells its own
// way (see ddl()); what only one store has is marked per line. The two stores number their
// steps differently (they grew apart: PostgreSQL's version 2 is its shared counters, SQLite's
// is chats), so each dialect has its own list of steps, made of the same pieces. Steps are
// append-only: never change what a released step creates, add a step.
#pragma once
#include <string>
#include <vector>

namespace portal::schema {

enum class Dialect { kSqlite, kPostgres };

// The neutral DDL in one dialect:
//   $str      a string column: TEXT (SQLite) / BYTEA (PostgreSQL: the Store keeps strings byte
//             for byte, NULs and invalid UTF-8 included, which PostgreSQL's TEXT cannot hold)
//   $int      a 64-bit integer: INTEGER / BIGINT
//   $key      a single-column primary key: PRIMARY KEY NOT NULL / PRIMARY KEY
//   $norowid  a table clustered on its key: WITHOUT ROWID / nothing
//   $bytes    after a string literal compared with or stored in a $str column: nothing / ::bytea
//   "@sqlite " / "@pg " at the start of a line: the line is for that dialect only.
std::string ddl(const std::string& neutral, Dialect dialect);

struct Step {
  int version;       // 1, 2, 3, … without gaps
  std::string name;  // what it adds
  std::string sql;   // in the dialect's words: one or several statements
};

// Every migration step of the dialect, in order (built once; the strings live for the program).
const std::vector<Step>& steps(Dialect dialect);

}  // namespace portal::schema
