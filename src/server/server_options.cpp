#include "server_options.h"

#include <cerrno>
#include <cstdlib>
#include <vector>

#ifndef PORTAL_ROOT
#define PORTAL_ROOT "."
#endif

namespace portal {

namespace fs = std::filesystem;

namespace {

struct CommandSpec {
  const char* name;
  std::vector<std::string> values;  // options taking a value
  std::vector<std::string> flags;   // options without one
};

const std::vector<std::string> kPlaces = {"data", "database", "assets", "catalog"};

std::vector<std::string> with_places(std::vector<std::string> v) {
  v.insert(v.end(), kPlaces.begin(), kPlaces.end());
  return v;
}

const std::vector<CommandSpec>& specs() {
  static const std::vector<CommandSpec> s = {
      {"serve",
       with_places({"host", "port", "web", "threads", "workers", "trusted-proxy", "tls-cert", "tls-key",
                    "max-connections-per-address", "request-deadline", "tls-handshake-deadline", "pool",
                    "drain-seconds"}),
       {"demo", "quiet"}},
      {"add-agent", with_places({"email", "name", "level", "password-file"}), {}},
      {"set-agent-password", with_places({"email", "password-file"}), {}},
      {"list-agents", with_places({}), {}},
      {"list-companies", with_places({}), {}},
      {"set-company", with_places({"id", "customer-email", "category", "customer-since", "volume-cents"}), {}},
      {"check-catalog", with_places({}), {}},
      {"backup", with_places({"to"}), {}},
      {"seed-demo", with_places({}), {}},
  };
  return s;
}

}  // namespace

std::string Args::get(const std::string& key, const std::string& fallback) const {
  auto it = values.find(key);
  return it == values.end() ? fallback : it->second;
}

std::string Args::require(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end() || it->second.empty()) throw UsageError(command + ": --" + key + " is required");
  return it->second;
}

Args parse_args(int argc, char** argv) {
  Args args;
  int i = 1;
  args.command = "serve";
  if (i < argc && argv[i][0] != '-') {
    args.command = argv[i++];
    if (args.command == "help") {
      args.help = true;
      args.command = "serve";
    }
  }
  const CommandSpec* spec = nullptr;
  for (const auto& s : specs())
    if (args.command == s.name) spec = &s;
  if (!spec) throw UsageError("unknown command \"" + args.command + "\" (see --help)");
  auto in = [](const std::vector<std::string>& list, const std::string& k) {
    for (const auto& x : list)
      if (x == k) return true;
    return false;
  };
  for (; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      args.help = true;
      continue;
    }
    if (a.size() < 3 || a.substr(0, 2) != "--") throw UsageError("unexpected argument \"" + a + "\" (see --help)");
    std::string key = a.substr(2), value;
    bool inline_value = false;
    if (auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
      inline_value = true;
    }
    if (in(spec->flags, key)) {
      if (inline_value) throw UsageError("--" + key + " takes no value");
      args.flags.insert(key);
    } else if (in(spec->values, key)) {
      if (!inline_value) {
        if (i + 1 >= argc) throw UsageError("--" + key + " needs a value");
        value = argv[++i];
      }
      args.values[key] = value;
      args.repeated.emplace(key, value);
    } else {
      throw UsageError("unknown option --" + key + " for " + args.command + " (see --help)");
    }
  }
  return args;
}

long long int_option(const Args& args, const std::string& key, long long fallback, long long lo, long long hi) {
  if (!args.has(key)) return fallback;
  const std::string v = args.get(key);
  errno = 0;
  char* end = nullptr;
  const long long n = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || errno == ERANGE || n < lo || n > hi)
    throw UsageError("--" + key + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return n;
}

Locations locations(const Args& args) {
  Locations l;
  l.assets = args.has("assets") ? fs::path(args.get("assets")) : fs::path(PORTAL_ROOT) / "assets";
  l.catalog = args.has("catalog") ? fs::path(args.get("catalog")) : l.assets / "catalog.json";
  l.data = args.get("data", "./data");
  if (args.has("web")) {
    l.web = fs::path(args.get("web"));
  } else {
    std::error_code ec;
    const fs::path dist = fs::path(PORTAL_ROOT) / "dist";
    if (fs::is_directory(dist, ec)) l.web = dist;
  }
  return l;
}

ServeOptions serve_options(const Args& args) {
  ServeOptions o;
  HttpServerConfig& h = o.http;
  h.host = args.get("host", "127.0.0.1");
  h.port = static_cast<unsigned short>(int_option(args, "port", 8080, 0, 65535));
  o.demo = args.flags.count("demo") > 0;
  h.access_log = args.flags.count("quiet") == 0;
  h.io_threads = static_cast<unsigned>(int_option(args, "threads", 0, 0, 256));
  h.workers = static_cast<unsigned>(int_option(args, "workers", 0, 0, 1024));
  h.drain_seconds = static_cast<unsigned>(int_option(args, "drain-seconds", 0, 0, 600));
  auto [from, to] = args.repeated.equal_range("trusted-proxy");
  for (auto it = from; it != to; ++it) h.trusted_proxies.push_back(it->second);
  h.tls_cert = args.get("tls-cert");
  h.tls_key = args.get("tls-key");
  if (h.tls_cert.empty() != h.tls_key.empty()) throw UsageError("--tls-cert and --tls-key go together");
  h.max_connections_per_address = static_cast<unsigned>(int_option(args, "max-connections-per-address", 64, 1, 100000));
  h.request_deadline_seconds = static_cast<unsigned>(int_option(args, "request-deadline", 10, 1, 300));
  h.tls_handshake_deadline_seconds = static_cast<unsigned>(int_option(args, "tls-handshake-deadline", 10, 1, 300));
  return o;
}

std::string usage_text() {
  return std::string(R"(portal-server - the customer support portal's REST server (API under /api/v1) and static site.

USAGE
  portal-server [--host 127.0.0.1] [--port 8080] [--data ./data] [--web DIR] [--demo]
                [--assets DIR] [--catalog FILE] [--threads N] [--workers N] [--quiet]
  portal-server <command> [options]

SERVE OPTIONS
  --host ADDR        address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --port N           TCP port (default 8080); 0 picks a free port. The server prints
                     "listening on http://HOST:PORT" once it accepts connections.
  --data DIR         data folder; the SQLite database is DIR/portal.db (default ./data)
  --database URL     PostgreSQL instead of SQLite: postgresql://USER[:PASSWORD]@HOST:PORT/DB
                     (or the environment variable PORTAL_DATABASE_URL). Any number of
                     instances may serve one database (behind a load balancer).
  --pool N           PostgreSQL connections of this instance (default 8)
  --drain-seconds N  on SIGTERM, fail GET /api/v1/health for N seconds while still serving, so
                     that a load balancer stops sending before the listener closes (default 0)
  --web DIR          static portal to serve at / (default: )" PORTAL_ROOT R"(/dist if it exists)
  --assets DIR       catalog, knowledge base and openapi.json (default: )" PORTAL_ROOT R"(/assets)
  --catalog FILE     the catalog (default: ASSETS/catalog.json)
  --demo             seed the demo companies, customers, agents and requests (idempotent) and
                     print their logins. Without --demo no known login exists.
  --threads N        I/O threads (default: the number of hardware threads)
  --workers N        worker threads for API calls, which wait on the database (default: 4 per
                     hardware thread, at least 8)
  --quiet            no access log (by default one line per request on stderr:
                     method, path without the query, status, milliseconds)
  --trusted-proxy CIDR  a reverse proxy in front of the server (repeatable, e.g. 127.0.0.1 or
                     10.0.0.0/8): only requests from these peers have X-Forwarded-For read, and
                     its last hop that is not a trusted proxy is the client. Without it the TCP
                     peer is the client (for rate limits and the connection cap).
  --tls-cert FILE --tls-key FILE  serve HTTPS with this PEM certificate chain and key (HSTS on)
  --max-connections-per-address N  open connections one client address may hold (default 64);
                     its newest beyond that are refused, other addresses are served
  --request-deadline S  seconds for a whole request, head and body, to arrive (default 10): a
                     slow head or a trickled body is cut off (for a 1 MiB body, at least 100 KiB/s)
  --tls-handshake-deadline S  with HTTPS, seconds for the TLS handshake to end (default 10): a
                     client that opens a connection and sends nothing, or half a hello, is cut off
  --demo and the data folder: a folder seeded with --demo is marked (DATA/DEMO); a later start
                     without --demo refuses it, so the published demo logins never go live.

  Environment: PORTAL_FAST_HASH=1 lowers the Argon2id cost to its minimum (tests only).
  SIGTERM or SIGINT: GET /api/v1/health answers 503 (draining), stop accepting, let running
  requests finish, close the database, exit 0.

COMMANDS (all take --data DIR or --database URL, --assets DIR and --catalog FILE where it matters)
  add-agent --email E --name N --level L1|L2|L3 [--password-file F]
        create a support agent. The password (at least 8 characters) is the first line of F,
        or read from the terminal without echo (or from stdin when it is not a terminal).
  set-agent-password --email E [--password-file F]
        a new password for the agent (read as for add-agent); the agent's sessions end.
  list-agents
        the agents: id, level, email, name.
  list-companies
        the customer companies: id, plan, category, customer since, monthly volume, name.
  set-company --id ID | --customer-email E [--category key|regular] [--customer-since YYYY-MM-DD] [--volume-cents N]
        the operator's facts behind the catalog's tier rules (key accounts, tenure, volume)
        of the company with that id or of that customer;
        prints the company's effective tier afterwards.
  check-catalog [--catalog FILE]
        validate the catalog (and the knowledge base in ASSETS/kb); names the key at fault.
  backup --to FILE
        consistent copy of the database while the server runs (SQLite online backup;
        for PostgreSQL use pg_dump).
  seed-demo
        seed the demo data without starting the server (idempotent).

EXIT STATUS
  0 on success (and on a clean shutdown), 1 on errors, 2 on usage errors.
)");
}

}  // namespace portal
