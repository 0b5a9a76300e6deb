#include "ops_commands.h"

#include <sqlite3.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <vector>

#include "data_folder.h"
#include "domain/account_rules.h"
#include "domain/demo_data.h"
#include "domain/subscription.h"
#include "domain/text.h"
#include "portal_assets.h"
#include "sodium_env.h"
#include "sqlite_store.h"
#include "store_choice.h"
#include "terminal_text.h"
#include "time/iso8601.h"

namespace portal {

namespace fs = std::filesystem;

namespace {

struct CommandError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string strip_line_end(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// A line from the terminal without echo (or plain stdin when it is not a terminal).
std::string read_secret_line(const char* prompt) {
  const bool tty = ::isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::fprintf(stderr, "%s", prompt);
    std::fflush(stderr);
    ::tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    std::fprintf(stderr, "\n");
  }
  if (!got) throw CommandError("no password given on stdin");
  return strip_line_end(line);
}

std::string read_password(const Args& args, const char* prompt = "Password for the new agent: ") {
  std::string password;
  if (args.has("password-file")) {
    std::ifstream in(args.get("password-file"), std::ios::binary);
    if (!in) throw CommandError("cannot read the password file " + args.get("password-file"));
    std::getline(in, password);
    password = strip_line_end(password);
  } else {
    password = read_secret_line(prompt);
    if (::isatty(STDIN_FILENO) && read_secret_line("Repeat the password: ") != password)
      throw CommandError("the passwords differ");
  }
  if (auto problem = account_rules::password_problem(password, "the password")) throw CommandError(*problem);
  return password;
}

std::string normalise_email(const std::string& raw) {
  std::string e = account_rules::normalise_email(raw);
  if (auto problem = account_rules::email_problem(e, "--email")) throw CommandError(*problem);
  return e;
}

int add_agent(const Args& args) {
  const std::string email = normalise_email(args.require("email"));
  const std::string name = args.require("name");
  const std::optional<Level> level = parse_level(args.require("level"));
  if (!level) throw UsageError("--level must be L1, L2 or L3");
  if (auto problem = account_rules::name_problem(name, "--name", account_rules::kMaxPersonNameChars))
    throw UsageError(*problem);
  const std::string password = read_password(args);
  SodiumEnv env(SodiumEnv::options_from_environment());
  Agent agent{"ag_" + to_hex(env.random_bytes(8)), email, name, *level, env.hash_password(password), env.now()};
  OpenedStore opened = open_store(args);
  Store& store = *opened.store;
  bool inserted = false;
  store.write([&](StoreTx& tx) { inserted = tx.insert_agent(agent); });
  if (!inserted) throw CommandError("the email " + email + " is already used by an agent or a customer");
  std::cout << "added agent " << agent.id << " (" << to_string(*level) << ") " << terminal_safe(email) << " \""
            << terminal_safe(name) << "\"\n";
  return 0;
}

// An agent forgot the password or left: a new one, and every session of the agent ends.
int set_agent_password(const Args& args) {
  const std::string email = normalise_email(args.require("email"));
  OpenedStore opened = open_store(args);
  Store& store = *opened.store;
  std::optional<Agent> agent;
  store.read([&](StoreTx& tx) { agent = tx.agent_by_email(email); });
  if (!agent) throw CommandError("no agent with the email " + email + " (see portal-server list-agents)");
  const std::string password = read_password(args, "New password for the agent: ");
  SodiumEnv env(SodiumEnv::options_from_environment());
  const std::string hash = env.hash_password(password);  // slow: outside the transaction
  bool updated = false;
  int signed_out = 0;
  store.write([&](StoreTx& tx) {  // re-read: only the password changes, whatever else did meanwhile
    auto current = tx.agent(agent->id);
    if (!current) return;
    current->password_hash = hash;
    updated = tx.update_agent(*current);
    signed_out = tx.delete_sessions_of(current->id);
  });
  if (!updated) throw CommandError("the agent " + email + " was removed meanwhile");
  std::cout << "new password for agent " << agent->id << " " << terminal_safe(email) << "; signed out of " << signed_out
            << (signed_out == 1 ? " session\n" : " sessions\n");
  return 0;
}

int list_agents(const Args& args) {
  OpenedStore opened = open_store(args);
  Store& store = *opened.store;
  std::vector<Agent> agents;
  store.read([&](StoreTx& tx) { agents = tx.agents(); });
  for (const Agent& a : agents)
    std::cout << a.id << '\t' << to_string(a.level) << '\t' << terminal_safe(a.email) << '\t' << terminal_safe(a.name)
              << '\n';
  if (agents.empty()) std::cerr << "no agents yet: add one with portal-server add-agent\n";
  return 0;
}

std::string date_of(Instant t) { return format_instant(t).substr(0, 10); }

int list_companies(const Args& args) {
  const Locations where = locations(args);
  OpenedStore opened = open_store(args);  // creates / migrates the database if needed
  Store& store = *opened.store;
  std::vector<Company> companies;
  store.read([&](StoreTx& tx) {
    for (const auto& id : tx.company_ids())
      if (auto c = tx.company(id)) companies.push_back(*c);
  });
  for (const Company& c : companies)
    std::cout << c.id << '\t' << c.plan << '\t' << c.category << '\t' << date_of(c.customer_since) << '\t'
              << c.monthly_volume_cents << '\t' << terminal_safe(c.name) << '\n';
  if (companies.empty()) std::cerr << "no companies yet\n";
  return 0;
}

int set_company(const Args& args) {
  const Locations where = locations(args);
  if (args.has("id") == args.has("customer-email"))
    throw UsageError("set-company: give either --id or --customer-email");
  std::optional<std::string> category;
  std::optional<Instant> since;
  std::optional<std::int64_t> volume;
  if (args.has("category")) {
    category = args.get("category");
    if (*category != "key" && *category != "regular") throw UsageError("--category must be key or regular");
  }
  if (args.has("customer-since")) {
    std::string error;
    auto d = parse_date(args.get("customer-since"), &error);
    if (!d) throw UsageError("--customer-since must be a date YYYY-MM-DD: " + error);
    since = days_from_civil(*d) * kSecondsPerDay;
  }
  if (args.has("volume-cents")) volume = int_option(args, "volume-cents", 0, 0, 1'000'000'000'000LL);
  if (!category && !since && !volume)
    throw UsageError("set-company: nothing to change (--category, --customer-since, --volume-cents)");

  const Catalog catalog = load_catalog_file(where.catalog);
  SodiumEnv env;
  OpenedStore opened = open_store(args);
  Store& store = *opened.store;
  Company company;
  bool found = false;
  store.write([&](StoreTx& tx) {
    std::optional<Company> c;
    if (args.has("id")) {
      c = tx.company(args.get("id"));
    } else if (auto customer = tx.customer_by_email(normalise_email(args.get("customer-email")))) {
      c = tx.company(customer->company_id);
    }
    if (!c) return;
    found = true;
    if (category) c->category = *category;
    if (since) c->customer_since = *since;
    if (volume) c->monthly_volume_cents = *volume;
    tx.put_company(*c);
    company = *c;
  });
  if (!found) throw CommandError("no such company");
  const EffectiveTier tier = effective_tier(catalog, company, env.now());
  std::cout << company.id << " \"" << terminal_safe(company.name) << "\": category " << company.category
            << ", customer since " << date_of(company.customer_since) << ", monthly volume "
            << company.monthly_volume_cents << " cents; plan " << company.plan << ", effective tier " << tier.tier
            << '\n';
  for (const TierSource& s : tier.sources) std::cout << "  " << s.kind << ' ' << s.id << " → " << s.tier << '\n';
  return 0;
}

int check_catalog(const Args& args) {
  const Locations where = locations(args);
  const Catalog catalog = load_catalog_file(where.catalog);
  KnowledgeBase kb;
  load_knowledge_base(kb, where.assets);
  std::cout << where.catalog.string() << ": ok — " << catalog.plans.size() << " plans, " << catalog.packages.size()
            << " packages, " << catalog.addons.size() << " add-ons, " << catalog.schedules.size() << " schedules, "
            << catalog.policies.size() << " policies, " << catalog.tier_rules.size() << " tier rules\n";
  for (const std::string& lang : kb.languages())
    std::cout << "knowledge base " << lang << ": " << kb.articles(lang).size() << " articles\n";
  return 0;
}

int backup(const Args& args) {
  if (database_url(args))
    throw UsageError("backup copies the SQLite database; for PostgreSQL use pg_dump (or the provider's backups)");
  const Locations where = locations(args);
  const fs::path to = args.require("to");
  const fs::path from = where.data / "portal.db";
  std::error_code ec;
  if (!fs::is_regular_file(from, ec)) throw CommandError("no database at " + from.string());
  if (fs::exists(to, ec)) throw CommandError(to.string() + " exists already; choose a new file");
  const fs::path tmp = to.string() + ".partial";
  fs::remove(tmp, ec);

  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto close_all = [&] {
    sqlite3_close(src);
    sqlite3_close(dst);
  };
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(tmp.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string msg = dst ? sqlite3_errmsg(dst) : src ? sqlite3_errmsg(src) : "out of memory";
    close_all();
    throw CommandError("backup: " + msg);
  }
  sqlite3_busy_timeout(src, 5000);
  // All pages in one step: one consistent snapshot even while the server keeps writing.
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  int rc = SQLITE_ERROR;
  if (b) {
    do {
      rc = sqlite3_backup_step(b, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK);
    sqlite3_backup_finish(b);
  }
  std::string msg = sqlite3_errmsg(dst);
  if (rc == SQLITE_DONE) {
    // The copy keeps the source's WAL mode; make it one self-contained file.
    sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  }
  close_all();
  if (rc != SQLITE_DONE) {
    fs::remove(tmp, ec);
    throw CommandError("backup failed: " + msg);
  }
  fs::rename(tmp, to);
  std::cout << "backed up " << from.string() << " to " << to.string() << " (" << fs::file_size(to) << " bytes)\n";
  return 0;
}

int seed_demo_command(const Args& args) {
  const Locations where = locations(args);
  const Catalog catalog = load_catalog_file(where.catalog);
  SodiumEnv env(SodiumEnv::options_from_environment());
  OpenedStore opened = open_store(args);
  Store& store = *opened.store;
  seed_demo(store, catalog, env, env.now());
  mark_demo(opened, args);
  for (const DemoLogin& l : demo_logins())
    std::cout << "  " << l.role << "  " << l.email << "  " << l.password << "  " << l.description << '\n';
  return 0;
}

}  // namespace

int run_ops_command(const Args& args) {
  try {
    if (args.command == "add-agent") return add_agent(args);
    if (args.command == "set-agent-password") return set_agent_password(args);
    if (args.command == "list-agents") return list_agents(args);
    if (args.command == "list-companies") return list_companies(args);
    if (args.command == "set-company") return set_company(args);
    if (args.command == "check-catalog") return check_catalog(args);
    if (args.command == "backup") return backup(args);
    if (args.command == "seed-demo") return seed_demo_command(args);
    throw UsageError("unknown command " + args.command);
  } catch (const UsageError& e) {
    std::cerr << "portal-server: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "portal-server " << args.command << ": " << e.what() << '\n';
    return 1;
  }
}

}  // namespace portal
