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
#include "pg_event_bus.h"
#include "pg_shared.h"
#include "pg_store.h"
#include "store_choice.h"
#include "static_files.h"

namespace {

using namespace portal;

std::string url_host(const std::string& host) { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }

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
  } catch (const std::exception&) {}

  // Destroyed last (after the router and the HTTP server): the database closes cleanly.
  // SQLite in --data, or PostgreSQL with --database / PORTAL_DATABASE_URL (store_choice.h).
  OpenedStore opened = open_store(args);
  Store& store = *opened.store;
  if (!options.demo) check_not_demo(opened, args);
  if (options.demo) {
    seed_demo(store, catalog, env, env.now());
    mark_demo(opened, args);
  }
  Router router(catalog, kb, store, env);
  {
    std::string key;  // in the store: every instance over one PostgreSQL database shares it
    const std::string fresh = env.hash_token(env.random_bytes(32));  // 64 hex digits
    store.write([&](StoreTx& tx) { key = tx.keep_secret("device_cookie_key", fresh); });
    router.set_device_secret(key);
  }
  // Several instances over PostgreSQL count sign-in and registration attempts together.
  if (opened.pg_url) router.set_shared_counters(std::make_shared<PgRateCounters>(static_cast<PgStore&>(store)));
  // One server: events in memory. Over PostgreSQL every instance's streams hear every change
  // (pg_event_bus.h: an events table and LISTEN/NOTIFY).
  std::unique_ptr<EventBus> event_bus;
  if (opened.pg_url) event_bus = std::make_unique<PgEventBus>(static_cast<PgStore&>(store), *opened.pg_url);
  else event_bus = std::make_unique<MemoryEventBus>();
  EventBus& events = *event_bus;
  router.set_event_bus(&events);

  HttpServerConfig config = options.http;
  config.events = &events;
  config.on_listening = [&](unsigned short port) {
    std::printf("listening on %s://%s:%u\n", options.http.tls_cert.empty() ? "http" : "https",
                url_host(options.http.host).c_str(), port);
    std::printf("%s  web: %s%s\n", opened.description.c_str(), web ? web->root().string().c_str() : "(none)",
                env.fast() ? "  (PORTAL_FAST_HASH: test password cost)" : "");
    if (options.demo) {
      std::printf("demo logins:\n");
      for (const DemoLogin& l : demo_logins())
        std::printf("  %-8s %-26s %-14s %s\n", l.role.c_str(), l.email.c_str(), l.password.c_str(),
                    l.description.c_str());
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
