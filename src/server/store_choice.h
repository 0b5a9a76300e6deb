// Which database a portal-server process uses: PostgreSQL when --database URL (or the
// environment variable PORTAL_DATABASE_URL) is given, else SQLite in --data DIR. The same for
// serving and for every operator command.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/store.h"
#include "server_options.h"

namespace portal {

struct OpenedStore {
  std::unique_ptr<Store> store;
  std::optional<std::string> pg_url;               // PostgreSQL
  std::optional<std::filesystem::path> sqlite_db;  // SQLite: DATA/portal.db
  std::string description;                         // for the start-up line (no password)
};

// The PostgreSQL URL asked for, if any (--database wins over PORTAL_DATABASE_URL). Throws
// UsageError when it is not a postgresql:// URL.
std::optional<std::string> database_url(const Args& args);

// Opens (creates, migrates) the chosen database.
OpenedStore open_store(const Args& args);

// The demo marker (data_folder.h) for either database: SQLite's is DATA/DEMO, PostgreSQL's a
// shared setting, so that no instance serves a demo-seeded database without --demo.
void mark_demo(const OpenedStore& opened, const Args& args);
void check_not_demo(const OpenedStore& opened, const Args& args);

}  // namespace portal
