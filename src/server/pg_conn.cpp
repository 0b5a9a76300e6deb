#include "pg_conn.h"

#include <endian.h>
#include <libpq-fe.h>

#include <cstring>

namespace portal::pg {

namespace {

constexpr unsigned kByteaOid = 17;
constexpr unsigned kInt8Oid = 20;
constexpr unsigned kTextOid = 25;

std::string message_of(PGconn* conn, PGresult* r) {
  std::string m = r ? PQresultErrorMessage(r) : "";
  if (m.empty() && conn) m = PQerrorMessage(conn);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m.empty() ? "unknown error" : m;
}

}  // namespace

bool PgError::transient() const {
  if (connection_lost_) return true;
  // 08: connection exception; 57P0x: admin/crash shutdown, cannot connect now; 53: out of
  // resources; 40001/40P01: serialization failure, deadlock; 55P03 lock not available; 57014
  // statement timeout (our bound on waiting for locks).
  const std::string& s = sqlstate_;
  return s.rfind("08", 0) == 0 || s.rfind("57P", 0) == 0 || s.rfind("53", 0) == 0 || s == "40001" || s == "40P01" ||
         s == "55P03" || s == "57014";
}

// ---- Result ----

Result::~Result() {
  if (r_) PQclear(r_);
}

int Result::rows() const { return PQntuples(r_); }

bool Result::is_null(int row, int column) const { return PQgetisnull(r_, row, column) != 0; }

std::string Result::bytes(int row, int column) const {
  if (PQgetisnull(r_, row, column)) return {};
  return std::string(PQgetvalue(r_, row, column), static_cast<std::size_t>(PQgetlength(r_, row, column)));
}

std::int64_t Result::int64(int row, int column) const {
  if (PQgetisnull(r_, row, column)) return 0;
  const char* v = PQgetvalue(r_, row, column);
  switch (PQgetlength(r_, row, column)) {
    case 8: {
      std::uint64_t x;
      std::memcpy(&x, v, 8);
      return static_cast<std::int64_t>(be64toh(x));
    }
    case 4: {
      std::uint32_t x;
      std::memcpy(&x, v, 4);
      return static_cast<std::int32_t>(be32toh(x));
    }
    case 2: {
      std::uint16_t x;
      std::memcpy(&x, v, 2);
      return static_cast<std::int16_t>(be16toh(x));
    }
    default: throw PgError("pg: column " + std::to_string(column) + " is not an integer", "", false);
  }
}

std::optional<std::int64_t> Result::opt_int64(int row, int column) const {
  if (PQgetisnull(r_, row, column)) return std::nullopt;
  return int64(row, column);
}

bool Result::boolean(int row, int column) const {
  return !PQgetisnull(r_, row, column) && PQgetlength(r_, row, column) == 1 && PQgetvalue(r_, row, column)[0] != 0;
}

// ---- Params ----

Params& Params::add(unsigned type, std::string value, bool null) {
  lengths_.push_back(static_cast<int>(value.size()));
  storage_.push_back(std::move(value));
  null_.push_back(null);
  types_.push_back(type);
  formats_.push_back(1);
  return *this;
}

Params& Params::bytes(std::string_view value) { return add(kByteaOid, std::string(value), false); }
Params& Params::text(std::string_view value) { return add(kTextOid, std::string(value), false); }
Params& Params::int64(std::int64_t value) {
  const std::uint64_t be = htobe64(static_cast<std::uint64_t>(value));
  return add(kInt8Oid, std::string(reinterpret_cast<const char*>(&be), 8), false);
}
Params& Params::int64(std::optional<std::int64_t> value) { return value ? int64(*value) : null_int64(); }
Params& Params::null_int64() { return add(kInt8Oid, {}, true); }
Params& Params::null_bytes() { return add(kByteaOid, {}, true); }

std::vector<const char*> Params::values() const {
  std::vector<const char*> out;
  out.reserve(storage_.size());
  for (std::size_t i = 0; i < storage_.size(); ++i) out.push_back(null_[i] ? nullptr : storage_[i].data());
  return out;
}

// ---- Conn ----

std::string with_timeouts(const std::string& url) {
  std::string out = url;
  const bool is_url = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  auto add = [&](const char* key, const char* value) {
    if (out.find(std::string(key) + "=") != std::string::npos) return;
    if (is_url) out += out.find('?') == std::string::npos ? '?' : '&';
    else out += ' ';  // keyword=value form
    out += std::string(key) + "=" + value;
  };
  add("connect_timeout", "3");
  add("keepalives", "1");
  add("keepalives_idle", "5");
  add("keepalives_interval", "2");
  add("keepalives_count", "2");
  add("tcp_user_timeout", "10000");
  add("application_name", "portal-server");
  return out;
}

Conn::Conn(const std::string& url) {
  conn_ = PQconnectdb(with_timeouts(url).c_str());
  if (!conn_) throw PgError("pg: out of memory connecting", "", true);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string m = PQerrorMessage(conn_);
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("pg: cannot connect: " + m, "", true);
  }
  // NOTICEs ("already exists, skipping", ...) are not errors: not printed.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

Conn::~Conn() {
  if (conn_) PQfinish(conn_);
}

bool Conn::ok() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }
bool Conn::in_transaction() const {
  const auto s = PQtransactionStatus(conn_);
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}
bool Conn::idle() const { return ok() && PQtransactionStatus(conn_) == PQTRANS_IDLE; }
int Conn::socket() const { return PQsocket(conn_); }

void Conn::fail(PGresult* r, const std::string& context) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  std::string what = "pg: " + context + ": " + message_of(conn_, r);
  if (r) PQclear(r);
  throw PgError(what, sqlstate, PQstatus(conn_) != CONNECTION_OK);
}

Result Conn::check(PGresult* r, const std::string& context) {
  const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, context);
  return Result(r);
}

void Conn::exec(const char* sql) { check(PQexec(conn_, sql), sql); }

Result Conn::query(const std::string& sql, const Params& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    const std::string name = "s" + std::to_string(prepared_.size());
    check(PQprepare(conn_, name.c_str(), sql.c_str(), params.size(), params.types()), "prepare " + sql);
    it = prepared_.emplace(sql, name).first;
  }
  const auto values = params.values();
  return check(
      PQexecPrepared(conn_, it->second.c_str(), params.size(), values.data(), params.lengths(), params.formats(), 1),
      sql);
}

Result Conn::query_once(const std::string& sql, const Params& params) {
  const auto values = params.values();
  return check(PQexecParams(conn_, sql.c_str(), params.size(), params.types(), values.data(), params.lengths(),
                            params.formats(), 1),
               sql);
}

}  // namespace portal::pg
