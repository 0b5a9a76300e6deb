// portal-server: the customer support portal's REST server (see --help), and the operator's
// commands (ops_commands.h).
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "api/router.h"
#include "data_folder.h"
#include "domain/demo_data.h"
#include "http_server.h"
#include "ops_commands.h"
#include "portal_assets.h"
#include "server_options.h"
#include "sodium_env.h"
#include "sqlite_store.h"
#include "static_files.h"

namespace {

using namespace portal;

std::string url_host(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

int serve(const Args& args) {
  const ServeOptions options = serve_options(args);
  const Locations where = locations(args);

  Catalog catalog = load_catalog_file(where.catalog);
  KnowledgeBase kb;
  load_knowledge_base(kb, where.assets);
  SodiumEnv env(SodiumEnv::options_from_environment());

  std::unique_ptr<StaticFiles> web;
  if (where.web) web = std::make_unique<StaticFiles>(*where.web);  // throws when missing: an explicit --web must exist
  std::unique_ptr<StaticFiles> assets;
  try {
    assets = std::make_unique<StaticFiles>(where.assets);
  } catch (const std::exception&) {
  }

  // Destroyed last (after the router and the HTTP server): the database closes cleanly.
  if (!options.demo) check_not_demo(where.data);
  SqliteStore store(where.data);
  if (options.demo) {
    seed_demo(store, catalog, env, env.now());
    mark_demo(where.data);
  }
  Router router(catalog, kb, store, env);
  {
    std::string key;
    const std::string fresh = env.hash_token(env.random_bytes(32));  // 64 hex digits
    store.write([&](StoreTx& tx) { key = tx.keep_secret("device_cookie_key", fresh); });
    router.set_device_secret(key);
  }
  MemoryEventBus events;  // one server: in-process (the PostgreSQL store will fan out across servers)
  router.set_event_bus(&events);

  HttpServerConfig config;
  config.host = options.host;
  config.port = options.port;
  config.io_threads = options.io_threads;
  config.workers = options.workers;
  config.access_log = options.access_log;
  config.trusted_proxies = options.trusted_proxies;
  config.tls_cert = options.tls_cert;
  config.tls_key = options.tls_key;
  config.max_connections_per_address = options.max_connections_per_address;
  config.request_deadline_seconds = options.request_deadline_seconds;
  config.events = &events;
  config.on_listening = [&](unsigned short port) {
    std::printf("listening on %s://%s:%u\n", options.tls_cert.empty() ? "http" : "https", url_host(options.host).c_str(), port);
    std::printf("data: %s/portal.db  web: %s%s\n", where.data.string().c_str(),
                web ? web->root().string().c_str() : "(none)", env.fast() ? "  (PORTAL_FAST_HASH: test password cost)" : "");
    if (options.demo) {
      std::printf("demo logins:\n");
      for (const DemoLogin& l : demo_logins())
        std::printf("  %-8s %-26s %-14s %s\n", l.role.c_str(), l.email.c_str(), l.password.c_str(), l.description.c_str());
    }
    std::fflush(stdout);
  };
  return run_http_server(config, router, web.get(), assets.get());
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  try {
    args = parse_args(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << "portal-server: " << e.what() << '\n';
    return 2;
  }
  if (args.help) {
    std::cout << usage_text();
    return 0;
  }
  if (args.command != "serve") return run_ops_command(args);
  try {
    return serve(args);
  } catch (const UsageError& e) {
    std::cerr << "portal-server: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "portal-server: " << e.what() << '\n';
    return 1;
  }
}
