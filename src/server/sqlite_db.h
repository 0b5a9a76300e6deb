// A thin RAII layer over the SQLite C API: one connection (Db) with a cache of prepared
// statements, and statements (Stmt) with bind/step/column helpers. Errors become SqliteError.
//
// Text is always bound with its explicit length and read back as raw bytes, so any byte string
// (invalid UTF-8, embedded NULs) survives byte for byte. A Db is used by one thread at a time.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace portal::sqlite {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }                 // extended result code
  int primary_code() const { return code_ & 0xff; }  // SQLITE_CONSTRAINT, SQLITE_BUSY, ...
 private:
  int code_;
};

class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);  // prepares; throws SqliteError
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Parameters are 1-based, as in SQLite.
  Stmt& bind(int index, std::string_view text);
  Stmt& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Stmt& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Stmt& bind(int index, std::int64_t value);
  Stmt& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Stmt& bind(int index, std::optional<std::int64_t> value);
  Stmt& bind_null(int index);

  bool step();  // true: a row is ready; false: done. Throws SqliteError.
  void run();   // steps until done (statements without rows)

  // Columns are 0-based.
  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  int int32(int column) const { return static_cast<int>(int64(column)); }
  std::optional<std::int64_t> opt_int64(int column) const;
  std::string text(int column) const;  // raw bytes, "" for NULL

  void reset();  // reset and clear bindings
  sqlite3_stmt* handle() const { return stmt_; }

 private:
  friend class Db;
  friend class Query;
  void check_bind(int rc, int index);
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool in_use_ = false;
};

// A statement on loan from a Db's cache (or owned, when not cached): reset when it goes out of
// scope, so that a cached statement is never left mid-step, even when an exception flies.
class Query {
 public:
  Query(Stmt* stmt, std::unique_ptr<Stmt> owned) : stmt_(stmt), owned_(std::move(owned)) {}
  Query(Query&& other) noexcept : stmt_(other.stmt_), owned_(std::move(other.owned_)) { other.stmt_ = nullptr; }
  Query& operator=(Query&&) = delete;
  ~Query();
  Stmt* operator->() const { return stmt_; }
  Stmt& operator*() const { return *stmt_; }

 private:
  Stmt* stmt_;
  std::unique_ptr<Stmt> owned_;
};

class Db {
 public:
  // Opens (and creates) the database file. Extended result codes on, no per-connection mutex
  // (each Db is used by one thread at a time).
  explicit Db(const std::string& path, bool create = true);
  ~Db();  // finalizes every cached statement, then sqlite3_close_v2
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs constant SQL (one or several statements, no parameters). Never for user data.
  void exec(const char* sql);
  // A prepared statement for this SQL, from the cache (prepared once per connection).
  Query query(std::string_view sql);
  // Prepared for one use only (SQL whose shape varies widely); finalized when the Query ends.
  Query query_uncached(std::string_view sql);

  std::size_t cached_statements() const { return cache_.size(); }
  bool in_transaction() const;
  int changes() const;  // rows changed by the last INSERT, UPDATE or DELETE
  sqlite3* handle() const { return db_; }

 private:
  // Looked up by string_view, without building a std::string per call.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Stmt>, SqlHash, std::equal_to<>> cache_;
};

[[noreturn]] void throw_error(sqlite3* db, int rc, std::string_view context);

}  // namespace portal::sqlite
