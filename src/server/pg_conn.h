// A thin RAII layer over libpq: one connection (Conn), its results (Result) and bound
// parameters (Params). Everything travels in libpq's BINARY format: text and bytea as raw bytes
// (so any byte string survives, see schema.cpp), integers as big-endian int8. Statements are
// prepared once per connection and cached by their SQL. A Conn is used by one thread at a time.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace portal::pg {

// An error from PostgreSQL (sqlstate set) or from the connection (connection_lost).
class PgError : public std::runtime_error {
 public:
  PgError(const std::string& what, std::string sqlstate, bool connection_lost)
      : std::runtime_error(what), sqlstate_(std::move(sqlstate)), connection_lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }  // "23505", "23P01", ...; "" when none
  bool connection_lost() const { return connection_lost_; }
  // The server is unreachable, shutting down, or the call could not complete in time: the
  // caller may answer 503 and try again later.
  bool transient() const;

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

class Result {
 public:
  explicit Result(pg_result* r) : r_(r) {}
  Result(Result&& other) noexcept : r_(other.r_) { other.r_ = nullptr; }
  Result& operator=(Result&&) = delete;
  ~Result();

  int rows() const;
  bool is_null(int row, int column) const;
  std::string bytes(int row, int column) const;   // raw bytes; "" for NULL
  std::int64_t int64(int row, int column) const;  // int2/int4/int8 in binary; 0 for NULL
  int int32(int row, int column) const { return static_cast<int>(int64(row, column)); }
  std::optional<std::int64_t> opt_int64(int row, int column) const;
  bool boolean(int row, int column) const;

 private:
  pg_result* r_;
};

// Parameters $1, $2, ... in order.
class Params {
 public:
  Params& bytes(std::string_view value);  // bytea
  Params& text(std::string_view value);   // text (must be valid UTF-8)
  Params& int64(std::int64_t value);
  Params& int64(std::optional<std::int64_t> value);
  Params& null_int64();
  Params& null_bytes();

  int size() const { return static_cast<int>(types_.size()); }
  const unsigned* types() const { return types_.data(); }
  std::vector<const char*> values() const;
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  Params& add(unsigned type, std::string value, bool null);
  std::vector<std::string> storage_;
  std::vector<bool> null_;
  std::vector<unsigned> types_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

class Conn {
 public:
  // Connects (blocking, bounded by connect_timeout in the URL or the default added here).
  // Throws PgError (connection_lost) when it cannot.
  explicit Conn(const std::string& url);
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Constant SQL without parameters (may hold several statements). Never for user data.
  void exec(const char* sql);
  // One statement with parameters; prepared once per connection (the SQL is the cache key).
  Result query(const std::string& sql, const Params& params = Params());
  // Prepared for this call only (SQL whose shape varies widely).
  Result query_once(const std::string& sql, const Params& params = Params());

  bool ok() const;              // the connection is usable
  bool in_transaction() const;  // inside BEGIN ... (also a failed transaction)
  bool idle() const;            // connected, no transaction open
  pg_conn* handle() const { return conn_; }
  int socket() const;

 private:
  [[noreturn]] void fail(pg_result* r, const std::string& context);
  Result check(pg_result* r, const std::string& context);
  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
};

// The connection URL with libpq's timeouts added when the caller gave none, so that no call can
// hang on an unreachable server: connect_timeout, TCP keepalives and tcp_user_timeout.
std::string with_timeouts(const std::string& url);

}  // namespace portal::pg
