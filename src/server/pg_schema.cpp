#include "pg_schema.h"

#include <string>

#include "pg_conn.h"

namespace portal::pg {

namespace {

// Taken by apply_pg_migrations for the whole run (session lock, released at the end).
constexpr std::int64_t kMigrationLock = 0x706f7274616c01;  // "portal" 01

// Version 1: the model of shared/domain/model.h, as in the SQLite store (migrations.cpp), with:
//  - BYTEA for every string: the Store keeps strings byte for byte (NULs, invalid UTF-8), which
//    PostgreSQL's TEXT cannot hold. Integers are BIGINT.
//  - requests.search_words: the folded words of subject + description, each preceded by a space
//    (" printer broken ..."), so the text filter is a substring test per query word
//    (text_matches: every query word is a prefix of some word).
//  - Bookings: besides one active booking per agent and start, an EXCLUSION constraint refuses any
//    two active bookings of an agent whose time ranges overlap, whatever their starts.
//  - Emails are unique per table; across customers and agents, insert_* take an advisory lock
//    per email before checking (see pg_store_tx.cpp).
constexpr const char* kV1 = R"sql(
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE sequences (
  name  BYTEA PRIMARY KEY,
  value BIGINT NOT NULL
);

CREATE TABLE companies (
  id                   BYTEA PRIMARY KEY,
  name                 BYTEA NOT NULL,
  plan                 BYTEA NOT NULL,
  pending_plan         BYTEA NOT NULL,
  period_start         BIGINT NOT NULL,
  period_end           BIGINT NOT NULL,
  category             BYTEA NOT NULL,
  customer_since       BIGINT NOT NULL,
  monthly_volume_cents BIGINT NOT NULL,
  manager_id           BYTEA NOT NULL,
  dedicated_agent_id   BYTEA NOT NULL
);
CREATE INDEX companies_manager ON companies(manager_id);
CREATE INDEX companies_dedicated_agent ON companies(dedicated_agent_id);

CREATE TABLE company_offers (
  company_id BYTEA NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  kind       BYTEA NOT NULL,
  pos        BIGINT NOT NULL,
  offer_id   BYTEA NOT NULL,
  PRIMARY KEY (company_id, kind, pos)
);

CREATE TABLE customers (
  id            BYTEA PRIMARY KEY,
  company_id    BYTEA NOT NULL,
  email         BYTEA NOT NULL UNIQUE,
  name          BYTEA NOT NULL,
  password_hash BYTEA NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX customers_company ON customers(company_id);

CREATE TABLE agents (
  id            BYTEA PRIMARY KEY,
  email         BYTEA NOT NULL UNIQUE,
  name          BYTEA NOT NULL,
  level         BYTEA NOT NULL,
  password_hash BYTEA NOT NULL,
  created_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash   BYTEA PRIMARY KEY,
  kind         BYTEA NOT NULL,
  principal_id BYTEA NOT NULL,
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_principal ON sessions(principal_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE requests (
  id                  BYTEA PRIMARY KEY,
  number              BIGINT NOT NULL UNIQUE,
  company_id          BYTEA NOT NULL,
  customer_id         BYTEA NOT NULL,
  subject             BYTEA NOT NULL,
  description         BYTEA NOT NULL,
  severity            BIGINT NOT NULL,
  category            BYTEA NOT NULL,
  address             BYTEA NOT NULL,
  status              BYTEA NOT NULL,
  level               BYTEA NOT NULL,
  assignee_id         BYTEA NOT NULL,
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL,
  resolved_at         BIGINT,
  closed_at           BIGINT,
  next_due            BIGINT,
  fr_started_at       BIGINT NOT NULL,
  fr_due              BIGINT NOT NULL,
  fr_met_at           BIGINT,
  fr_policy_id        BYTEA NOT NULL,
  fr_minutes          BIGINT NOT NULL,
  fr_clock            BYTEA NOT NULL,
  fu_started_at       BIGINT,
  fu_due              BIGINT,
  fu_met_at           BIGINT,
  fu_policy_id        BYTEA,
  fu_minutes          BIGINT,
  fu_clock            BYTEA,
  follow_ups_met      BIGINT NOT NULL,
  follow_ups_breached BIGINT NOT NULL,
  rating_score        BIGINT,
  rating_comment      BYTEA,
  rating_created_at   BIGINT,
  search_words        TEXT NOT NULL
);
CREATE INDEX requests_company_created ON requests(company_id, created_at, number);
CREATE INDEX requests_created ON requests(created_at, number);
CREATE INDEX requests_level_status ON requests(level, status, next_due);
CREATE INDEX requests_assignee_status ON requests(assignee_id, status, next_due);

CREATE TABLE messages (
  request_id  BYTEA NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  seq         BIGINT NOT NULL,
  id          BYTEA NOT NULL,
  author_kind BYTEA NOT NULL,
  author_id   BYTEA NOT NULL,
  author_name BYTEA NOT NULL,
  body        BYTEA NOT NULL,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (request_id, seq)
);

CREATE TABLE bookings (
  id          BYTEA PRIMARY KEY,
  company_id  BYTEA NOT NULL,
  customer_id BYTEA NOT NULL,
  agent_id    BYTEA NOT NULL,
  start_at    BIGINT NOT NULL,
  end_at      BIGINT NOT NULL,
  topic       BYTEA NOT NULL,
  note        BYTEA NOT NULL,
  status      BYTEA NOT NULL,
  sequence    BIGINT NOT NULL,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX bookings_active_slot ON bookings(agent_id, start_at) WHERE status = 'booked'::bytea;
-- No two active bookings of one agent overlap in time (any starts): the database decides races
-- between instances. greatest() keeps a malformed end before its start from raising.
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
  agent_id WITH =,
  tstzrange(to_timestamp(start_at), to_timestamp(greatest(end_at, start_at)), '[)') WITH &&
) WHERE (status = 'booked'::bytea);
CREATE INDEX bookings_agent ON bookings(agent_id, start_at);
CREATE INDEX bookings_company ON bookings(company_id, start_at);
)sql";

// Version 2: what several instances must share beyond the Store interface (pg_shared.h):
//  - rate_counters: events per key over a window (sign-in and registration throttles), so that
//    every instance counts the same; rows expire with their window;
//  - shared_settings: values made once for the whole cluster (e.g. the key signing device
//    cookies), first writer wins.
constexpr const char* kV2 = R"sql(
CREATE TABLE rate_counters (
  key          BYTEA PRIMARY KEY,
  count        BIGINT NOT NULL,
  window_start BIGINT NOT NULL,
  last         BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL
);
CREATE INDEX rate_counters_expires ON rate_counters(expires_at);

CREATE TABLE shared_settings (
  name  TEXT PRIMARY KEY,
  value BYTEA NOT NULL
);
)sql";

// Version 3: live events and chats (issue #10).
//  - events: the EventBus across instances (pg_event_bus.h): ids from events_id_seq, taken
//    under an advisory lock so that they become visible in order; the newest ones are kept.
//  - chats: the document (chat_to_store_json) plus the columns list_chats filters on.
constexpr const char* kV3 = R"sql(
CREATE SEQUENCE events_id_seq;
CREATE TABLE events (
  id        BIGINT PRIMARY KEY,
  type      BYTEA NOT NULL,
  object_id BYTEA NOT NULL,
  data      BYTEA NOT NULL,
  audience  BYTEA NOT NULL,
  at        BIGINT NOT NULL
);

CREATE TABLE chats (
  id            BYTEA PRIMARY KEY,
  company_id    BYTEA NOT NULL,
  customer_id   BYTEA NOT NULL,
  agent_id      BYTEA NOT NULL,
  status        BYTEA NOT NULL,
  waiting_since BIGINT NOT NULL,
  doc           BYTEA NOT NULL
);
CREATE INDEX chats_status ON chats(status, waiting_since, id);
CREATE INDEX chats_company ON chats(company_id, waiting_since);
CREATE INDEX chats_agent ON chats(agent_id, waiting_since);

CREATE TABLE agent_availability (
  agent_id BYTEA PRIMARY KEY
);
)sql";

// Version 4: sessions gain their last use and browser (the sessions list of issue #11).
constexpr const char* kV4 = R"sql(
ALTER TABLE sessions ADD COLUMN last_used_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent BYTEA NOT NULL DEFAULT ''::bytea;
)sql";

}  // namespace

const std::vector<PgMigration>& pg_migrations() {
  static const std::vector<PgMigration> steps = {
      {1, "initial schema", kV1},
      {2, "shared rate counters and settings", kV2},
      {3, "events and chats", kV3},
      {4, "sessions: last use and browser", kV4},
  };
  return steps;
}

int pg_latest_schema_version() { return pg_migrations().empty() ? 0 : pg_migrations().back().version; }

int apply_pg_migrations(Conn& conn) {
  conn.query("SELECT pg_advisory_lock($1)", Params().int64(kMigrationLock));
  struct Unlock {
    Conn& conn;
    ~Unlock() {
      try {
        if (conn.ok()) conn.query("SELECT pg_advisory_unlock($1)", Params().int64(kMigrationLock));
      } catch (...) {
      }
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
      conn.exec(m.sql);
      conn.query("INSERT INTO schema_version (version, name) VALUES ($1, $2)",
                 Params().int64(m.version).text(m.name));
      conn.exec("COMMIT");
    } catch (...) {
      try {
        if (conn.ok()) conn.exec("ROLLBACK");
      } catch (...) {
      }
      throw;
    }
  }
  return found;
}

}  // namespace portal::pg
