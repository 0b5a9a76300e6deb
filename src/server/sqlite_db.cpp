#include "sqlite_db.h"

#include <sqlite3.h>

#include <climits>

namespace portal::sqlite {

void throw_error(sqlite3* db, int rc, std::string_view context) {
  std::string what = "sqlite: ";
  what += context;
  what += ": ";
  what += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const int code = db ? sqlite3_extended_errcode(db) : rc;
  throw SqliteError(what, code);
}

// ---- Stmt ----

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  if (sql.size() > INT_MAX) throw SqliteError("sqlite: SQL text too long", SQLITE_TOOBIG);
  const char* tail = nullptr;
  const int rc =
      sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, &tail);
  if (rc != SQLITE_OK) throw_error(db, rc, "prepare " + std::string(sql.substr(0, 80)));
  if (!stmt_) throw SqliteError("sqlite: empty statement", SQLITE_MISUSE);
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

void Stmt::check_bind(int rc, int index) {
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind parameter " + std::to_string(index));
}

Stmt& Stmt::bind(int index, std::string_view text) {
  // A null data pointer would bind SQL NULL: an empty string must stay an empty string.
  const char* data = text.data() ? text.data() : "";
  check_bind(sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
  return *this;
}

Stmt& Stmt::bind(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

Stmt& Stmt::bind(int index, std::optional<std::int64_t> value) {
  return value ? bind(index, *value) : bind_null(index);
}

Stmt& Stmt::bind_null(int index) {
  check_bind(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

bool Stmt::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // sqlite3_step (v2 interface) already returns the specific error code.
  std::string context = "step ";
  const char* sql = sqlite3_sql(stmt_);
  context += std::string_view(sql ? sql : "").substr(0, 80);
  throw_error(db_, rc, context);
}

void Stmt::run() {
  while (step()) {}
}

bool Stmt::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t Stmt::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<std::int64_t> Stmt::opt_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return sqlite3_column_int64(stmt_, column);
}

std::string Stmt::text(int column) const {
  // column_blob returns the stored bytes of a TEXT value unchanged (no encoding conversion);
  // bytes must be asked for after the pointer.
  const void* data = sqlite3_column_blob(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (!data || size <= 0) return {};
  return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

void Stmt::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

// ---- Query ----

Query::~Query() {
  if (!stmt_) return;
  stmt_->reset();
  stmt_->in_use_ = false;
}

// ---- Db ----

Db::Db(const std::string& path, bool create) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string what = "sqlite: open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw SqliteError(what, rc);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() {
  cache_.clear();  // finalize before closing
  sqlite3_close_v2(db_);
}

void Db::exec(const char* sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string what = "sqlite: exec: ";
    what += message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw SqliteError(what, sqlite3_extended_errcode(db_));
  }
}

int Db::changes() const { return sqlite3_changes(db_); }

Query Db::query(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(std::string(sql), std::make_unique<Stmt>(db_, sql)).first;
  Stmt* stmt = it->second.get();
  // A statement still stepping (an outer loop) must not be reset under its user's feet.
  if (stmt->in_use_) throw std::logic_error("sqlite: statement already in use: " + std::string(sql.substr(0, 80)));
  stmt->in_use_ = true;
  return Query(stmt, nullptr);
}

Query Db::query_uncached(std::string_view sql) {
  auto owned = std::make_unique<Stmt>(db_, sql);
  Stmt* stmt = owned.get();
  stmt->in_use_ = true;
  return Query(stmt, std::move(owned));
}

bool Db::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace portal::sqlite
