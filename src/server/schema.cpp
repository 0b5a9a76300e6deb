#include "schema.h"

#include <sstream>

namespace portal::schema {

namespace {

// The model of shared/domain/model.h (version 1 of both stores).
//  - Strings: empty means "none" where the model uses an empty std::string, NULL where it uses
//    std::optional.
//  - Emails are unique per table; across customers and agents, insert_customer/insert_agent check
//    (SQLite: the single writer; PostgreSQL: an advisory lock per email, see pg_store_tx.cpp).
//  - The booking race is decided by the partial UNIQUE index bookings_active_slot; PostgreSQL, with
//    several instances, also refuses any two active bookings of an agent that overlap in time.
//  - PostgreSQL's requests.search_words: the folded words of subject + description, each preceded
//    by a space (" printer broken ..."), so the text filter is a substring test per query word
//    (text_matches: every query word is a prefix of some word).
constexpr const char* kModel = R"sql(
@pg CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE sequences (
  name  $str $key,
  value $int NOT NULL
)$norowid;

CREATE TABLE companies (
  id                   $str $key,
  name                 $str NOT NULL,
  plan                 $str NOT NULL,
  pending_plan         $str NOT NULL,
  period_start         $int NOT NULL,
  period_end           $int NOT NULL,
  category             $str NOT NULL,
  customer_since       $int NOT NULL,
  monthly_volume_cents $int NOT NULL,
  manager_id           $str NOT NULL,
  dedicated_agent_id   $str NOT NULL
);
CREATE INDEX companies_manager ON companies(manager_id);
CREATE INDEX companies_dedicated_agent ON companies(dedicated_agent_id);

-- Company.packages (kind 'package') and Company.addons (kind 'addon'), in order.
CREATE TABLE company_offers (
  company_id $str NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  kind       $str NOT NULL,
  pos        $int NOT NULL,
  offer_id   $str NOT NULL,
  PRIMARY KEY (company_id, kind, pos)
)$norowid;

CREATE TABLE customers (
  id            $str $key,
  company_id    $str NOT NULL,
  email         $str NOT NULL UNIQUE,
  name          $str NOT NULL,
  password_hash $str NOT NULL,
  created_at    $int NOT NULL
);
CREATE INDEX customers_company ON customers(company_id);

CREATE TABLE agents (
  id            $str $key,
  email         $str NOT NULL UNIQUE,
  name          $str NOT NULL,
  level         $str NOT NULL,
  password_hash $str NOT NULL,
  created_at    $int NOT NULL
);

CREATE TABLE sessions (
  token_hash   $str $key,
  kind         $str NOT NULL,  -- 'customer' | 'agent'
  principal_id $str NOT NULL,
  created_at   $int NOT NULL,
  expires_at   $int NOT NULL
)$norowid;
@pg CREATE INDEX sessions_principal ON sessions(principal_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE requests (
  id                  $str $key,
  number              $int NOT NULL UNIQUE,
  company_id          $str NOT NULL,
  customer_id         $str NOT NULL,
  subject             $str NOT NULL,
  description         $str NOT NULL,
  severity            $int NOT NULL,
  category            $str NOT NULL,
  address             $str NOT NULL,
  status              $str NOT NULL,
  level               $str NOT NULL,
  assignee_id         $str NOT NULL,
  created_at          $int NOT NULL,
  updated_at          $int NOT NULL,
  resolved_at         $int,
  closed_at           $int,
  next_due            $int,           -- Request::next_due(), denormalised for the queue
  fr_started_at       $int NOT NULL,  -- first_response clock
  fr_due              $int NOT NULL,
  fr_met_at           $int,
  fr_policy_id        $str NOT NULL,
  fr_minutes          $int NOT NULL,
  fr_clock            $str NOT NULL,  -- 'business' | 'calendar'
  fu_started_at       $int,           -- follow_up clock: all NULL when there is none
  fu_due              $int,
  fu_met_at           $int,
  fu_policy_id        $str,
  fu_minutes          $int,
  fu_clock            $str,
  follow_ups_met      $int NOT NULL,
  follow_ups_breached $int NOT NULL,
  rating_score        $int,           -- rating: all NULL when there is none
  rating_comment      $str,
  rating_created_at   $int
@pg   , search_words  TEXT NOT NULL
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
  request_id  $str NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  seq         $int NOT NULL,  -- position in Request::messages, from 0
  id          $str NOT NULL,
  author_kind $str NOT NULL,
  author_id   $str NOT NULL,
  author_name $str NOT NULL,
  body        $str NOT NULL,
  created_at  $int NOT NULL,
  PRIMARY KEY (request_id, seq)
)$norowid;

CREATE TABLE bookings (
  id          $str $key,
  company_id  $str NOT NULL,
  customer_id $str NOT NULL,
  agent_id    $str NOT NULL,
  start_at    $int NOT NULL,
  end_at      $int NOT NULL,
  topic       $str NOT NULL,
  note        $str NOT NULL,
  status      $str NOT NULL,  -- 'booked' | 'cancelled'
  sequence    $int NOT NULL,
  created_at  $int NOT NULL,
  updated_at  $int NOT NULL
);
-- One active booking per agent and start: the database decides a race between two bookings.
CREATE UNIQUE INDEX bookings_active_slot ON bookings(agent_id, start_at) WHERE status = 'booked'$bytes;
-- PostgreSQL: no two active bookings of one agent overlap in time (any starts), whichever
-- instance made them. greatest() keeps a malformed end before its start from raising.
@pg ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
@pg   agent_id WITH =,
@pg   tstzrange(to_timestamp(start_at), to_timestamp(greatest(end_at, start_at)), '[)') WITH &&
@pg ) WHERE (status = 'booked'$bytes);
CREATE INDEX bookings_agent ON bookings(agent_id, start_at);
CREATE INDEX bookings_company ON bookings(company_id, start_at);
)sql";

// Chats (issue #10): the chat with its messages is one document (the core's chat_to_store_json,
// bounded to 200 messages); the columns are what lists filter and order by. Each store indexes
// what its list_chats asks.
constexpr const char* kChats = R"sql(
CREATE TABLE chats (
  id            $str $key,
  company_id    $str NOT NULL,
  customer_id   $str NOT NULL,
  agent_id      $str NOT NULL,
  status        $str NOT NULL,
  waiting_since $int NOT NULL,
  doc           $str NOT NULL
);
CREATE INDEX chats_status ON chats(status, waiting_since, id);
@sqlite CREATE INDEX chats_customer ON chats(customer_id);
@pg CREATE INDEX chats_company ON chats(company_id, waiting_since);
@pg CREATE INDEX chats_agent ON chats(agent_id, waiting_since);

CREATE TABLE agent_availability (
  agent_id $str $key
)$norowid;
)sql";

// Sessions gain their last use and browser (the sessions list of issue #11). SQLite's version 1
// had no index by principal; PostgreSQL's had.
constexpr const char* kSessionsLastUse = R"sql(
ALTER TABLE sessions ADD COLUMN last_used_at $int NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent $str NOT NULL DEFAULT ''$bytes;
@sqlite CREATE INDEX sessions_principal ON sessions(principal_id);
)sql";

// SQLite only (one server): secrets made once, e.g. the key signing device cookies.
constexpr const char* kSecrets = R"sql(
CREATE TABLE secrets (name $str $key, value $str NOT NULL)$norowid;
)sql";

// PostgreSQL only: what several instances must share beyond the Store interface (pg_shared.h):
//  - rate_counters: events per key over a window (sign-in and registration throttles), so that
//    every instance counts the same; rows expire with their window;
//  - shared_settings: values made once for the whole cluster (e.g. the key signing device
//    cookies), first writer wins.
constexpr const char* kSharedCounters = R"sql(
CREATE TABLE rate_counters (
  key          $str $key,
  count        $int NOT NULL,
  window_start $int NOT NULL,
  last         $int NOT NULL,
  expires_at   $int NOT NULL
);
CREATE INDEX rate_counters_expires ON rate_counters(expires_at);

CREATE TABLE shared_settings (
  name  TEXT $key,
  value $str NOT NULL
);
)sql";

// PostgreSQL only: the EventBus across instances (pg_event_bus.h): ids from events_id_seq, taken
// under an advisory lock so that they become visible in order; the newest ones are kept.
constexpr const char* kEvents = R"sql(
CREATE SEQUENCE events_id_seq;
CREATE TABLE events (
  id        $int $key,
  type      $str NOT NULL,
  object_id $str NOT NULL,
  data      $str NOT NULL,
  audience  $str NOT NULL,
  at        $int NOT NULL
);
)sql";

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

std::vector<Step> make_steps(Dialect d) {
  const auto sql = [d](std::initializer_list<const char*> parts) {
    std::string out;
    for (const char* p : parts) out += ddl(p, d);
    return out;
  };
  if (d == Dialect::kSqlite)
    return {
        {1, "initial schema", sql({kModel})},
        {2, "chats", sql({kChats})},
        {3, "sessions: last use and browser", sql({kSessionsLastUse})},
        {4, "server-wide secrets (the device-cookie key)", sql({kSecrets})},
    };
  return {
      {1, "initial schema", sql({kModel})},
      {2, "shared rate counters and settings", sql({kSharedCounters})},
      {3, "events and chats", sql({kEvents, kChats})},
      {4, "sessions: last use and browser", sql({kSessionsLastUse})},
  };
}

}  // namespace

std::string ddl(const std::string& neutral, Dialect d) {
  const bool pg = d == Dialect::kPostgres;
  std::string out;
  std::istringstream in(neutral);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("@sqlite ", 0) == 0) {
      if (pg) continue;
      line.erase(0, 8);
    } else if (line.rfind("@pg ", 0) == 0) {
      if (!pg) continue;
      line.erase(0, 4);
    }
    out += line;
    out += '\n';
  }
  replace_all(out, "$str", pg ? "BYTEA" : "TEXT");
  replace_all(out, "$int", pg ? "BIGINT" : "INTEGER");
  replace_all(out, "$key", pg ? "PRIMARY KEY" : "PRIMARY KEY NOT NULL");
  replace_all(out, "$norowid", pg ? "" : " WITHOUT ROWID");
  replace_all(out, "$bytes", pg ? "::bytea" : "");
  return out;
}

const std::vector<Step>& steps(Dialect d) {
  static const std::vector<Step> sqlite = make_steps(Dialect::kSqlite);
  static const std::vector<Step> pg = make_steps(Dialect::kPostgres);
  return d == Dialect::kSqlite ? sqlite : pg;
}

}  // namespace portal::schema
