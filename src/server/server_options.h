// The command line of portal-server: `portal-server [serve options]` or
// `portal-server <command> [options]`, parsed against a table of what each command accepts.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "http_server.h"

namespace portal {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Args {
  std::string command;                               // "serve" when none is given
  std::map<std::string, std::string> values;         // "--port 0" → values["port"] = "0"
  std::set<std::string> flags;                       // "--demo" → flags {"demo"}
  std::multimap<std::string, std::string> repeated;  // every value of every option, in order
  bool help = false;

  bool has(const std::string& key) const { return values.count(key) > 0; }
  std::string get(const std::string& key, const std::string& fallback = {}) const;
  std::string require(const std::string& key) const;  // throws UsageError when absent
};

// Parses argv; throws UsageError on an unknown command or option, or a missing value.
Args parse_args(int argc, char** argv);

// The --help text.
std::string usage_text();

// Where things are, with the defaults of the issue: assets = <PORTAL_ROOT>/assets, the catalog
// in it, the web folder <PORTAL_ROOT>/dist when it exists.
struct Locations {
  std::filesystem::path assets;
  std::filesystem::path catalog;
  std::filesystem::path data;
  std::optional<std::filesystem::path> web;  // none: no static portal served
};
Locations locations(const Args& args);

// The serve command: the HTTP front's settings (host, port, threads, access log, drain, trusted
// proxies, TLS, limits; http_server.h) from the command line, and --demo. (--pool is the store's:
// store_choice.h.)
struct ServeOptions {
  HttpServerConfig http;
  bool demo = false;
};
ServeOptions serve_options(const Args& args);

// An integer option in [lo, hi]; throws UsageError naming the option.
long long int_option(const Args& args, const std::string& key, long long fallback, long long lo, long long hi);

}  // namespace portal
