#include "migrations.h"

#include <chrono>
#include <string>

namespace portal::sqlite {

namespace {

// Version 1: the whole model of shared/domain/model.h.
//  - Text columns hold raw bytes (bound with explicit lengths); empty string means "none" where
//    the model uses an empty std::string, NULL where it uses std::optional.
//  - Email uniqueness across customers AND agents is checked by insert_customer/insert_agent
//    (single writer, so race-free); each table also has its own UNIQUE index.
//  - The booking race is decided by the partial UNIQUE index bookings_active_slot.
constexpr const char* kV1 = R"sql(
CREATE TABLE sequences (
  name  TEXT PRIMARY KEY NOT NULL,
  value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE companies (
  id                   TEXT PRIMARY KEY NOT NULL,
  name                 TEXT NOT NULL,
  plan                 TEXT NOT NULL,
  pending_plan         TEXT NOT NULL,
  period_start         INTEGER NOT NULL,
  period_end           INTEGER NOT NULL,
  category             TEXT NOT NULL,
  customer_since       INTEGER NOT NULL,
  monthly_volume_cents INTEGER NOT NULL,
  manager_id           TEXT NOT NULL,
  dedicated_agent_id   TEXT NOT NULL
);
CREATE INDEX companies_manager ON companies(manager_id);
CREATE INDEX companies_dedicated_agent ON companies(dedicated_agent_id);

-- Company.packages (kind 'package') and Company.addons (kind 'addon'), in order.
CREATE TABLE company_offers (
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  pos        INTEGER NOT NULL,
  offer_id   TEXT NOT NULL,
  PRIMARY KEY (company_id, kind, pos)
) WITHOUT ROWID;

CREATE TABLE customers (
  id            TEXT PRIMARY KEY NOT NULL,
  company_id    TEXT NOT NULL,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX customers_company ON customers(company_id);

CREATE TABLE agents (
  id            TEXT PRIMARY KEY NOT NULL,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  level         TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY NOT NULL,
  kind         TEXT NOT NULL,  -- 'customer' | 'agent'
  principal_id TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE requests (
  id                  TEXT PRIMARY KEY NOT NULL,
  number              INTEGER NOT NULL UNIQUE,
  company_id          TEXT NOT NULL,
  customer_id         TEXT NOT NULL,
  subject             TEXT NOT NULL,
  description         TEXT NOT NULL,
  severity            INTEGER NOT NULL,
  category            TEXT NOT NULL,
  address             TEXT NOT NULL,
  status              TEXT NOT NULL,
  level               TEXT NOT NULL,
  assignee_id         TEXT NOT NULL,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  resolved_at         INTEGER,
  closed_at           INTEGER,
  next_due            INTEGER,          -- Request::next_due(), denormalised for the queue
  fr_started_at       INTEGER NOT NULL, -- first_response clock
  fr_due              INTEGER NOT NULL,
  fr_met_at           INTEGER,
  fr_policy_id        TEXT NOT NULL,
  fr_minutes          INTEGER NOT NULL,
  fr_clock            TEXT NOT NULL,    -- 'business' | 'calendar'
  fu_started_at       INTEGER,          -- follow_up clock: all NULL when there is none
  fu_due              INTEGER,
  fu_met_at           INTEGER,
  fu_policy_id        TEXT,
  fu_minutes          INTEGER,
  fu_clock            TEXT,
  follow_ups_met      INTEGER NOT NULL,
  follow_ups_breached INTEGER NOT NULL,
  rating_score        INTEGER,          -- rating: all NULL when there is none
  rating_comment      TEXT,
  rating_created_at   INTEGER
);
-- Every index is written by every new request: only those the API's queries need. Customers list
-- their company's (company_id); agents their queue (level OR assignee); an unfiltered list pages
-- newest first (created_at).
CREATE INDEX requests_company_created ON requests(company_id, created_at, number);
CREATE INDEX requests_created ON requests(created_at, number);
-- Agents' queues: level = ? OR assignee_id = ?, usually with status IN (open ones).
CREATE INDEX requests_level_status ON requests(level, status, next_due);
CREATE INDEX requests_assignee_status ON requests(assignee_id, status, next_due);

CREATE TABLE messages (
  request_id  TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,  -- position in Request::messages, from 0
  id          TEXT NOT NULL,
  author_kind TEXT NOT NULL,
  author_id   TEXT NOT NULL,
  author_name TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (request_id, seq)
) WITHOUT ROWID;

CREATE TABLE bookings (
  id          TEXT PRIMARY KEY NOT NULL,
  company_id  TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  agent_id    TEXT NOT NULL,
  start_at    INTEGER NOT NULL,
  end_at      INTEGER NOT NULL,
  topic       TEXT NOT NULL,
  note        TEXT NOT NULL,
  status      TEXT NOT NULL,  -- 'booked' | 'cancelled'
  sequence    INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
-- One active booking per agent and start: the database decides a race between two bookings.
CREATE UNIQUE INDEX bookings_active_slot ON bookings(agent_id, start_at) WHERE status = 'booked';
CREATE INDEX bookings_agent ON bookings(agent_id, start_at);
CREATE INDEX bookings_company ON bookings(company_id, start_at);
)sql";

// Version 2: chats (issue #10). The chat with its messages is one JSON document (the core's
// chat_to_store_json, bounded to 200 messages); the columns are what lists filter and order by.
constexpr const char* kV2 = R"sql(
CREATE TABLE chats (
  id            TEXT PRIMARY KEY NOT NULL,
  company_id    TEXT NOT NULL,
  customer_id   TEXT NOT NULL,
  agent_id      TEXT NOT NULL,
  status        TEXT NOT NULL,
  waiting_since INTEGER NOT NULL,
  doc           TEXT NOT NULL
);
CREATE INDEX chats_status ON chats(status, waiting_since, id);
CREATE INDEX chats_customer ON chats(customer_id);

CREATE TABLE agent_availability (
  agent_id TEXT PRIMARY KEY NOT NULL
) WITHOUT ROWID;
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> steps = {
      {1, "initial schema", kV1},
      {2, "chats", kV2},
      {3, "sessions: last use and browser",
       "ALTER TABLE sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;\n"
       "ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';\n"
       "CREATE INDEX sessions_principal ON sessions(principal_id);\n"},
      {4, "server-wide secrets (the device-cookie key)",
       "CREATE TABLE secrets (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;\n"},
  };
  return steps;
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
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    for (const Migration& m : migrations()) {
      if (m.version <= found) continue;
      db.exec(m.sql);
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
      } catch (...) {
      }
    }
    throw;
  }
}

}  // namespace portal::sqlite
