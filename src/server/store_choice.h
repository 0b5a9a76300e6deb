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
  std::string description;                          // for the start-up line (no password)
};

// The PostgreSQL URL asked for, if any (--database wins over PORTAL_DATABASE_URL). Throws
// UsageError when it is not a postgresql:// URL.
std::optional<std::string> database_url(const Args& args);

// Opens (creates, migrates) the chosen database.
OpenedStore open_store(const Args& args);

// Every company id, by name (the Store interface has no company list; list-companies needs one).
std::vector<std::string> all_company_ids(const OpenedStore& opened);

}  // namespace portal
