// Demo data: the companies, people, requests and calls that `portal-server --demo` and the
// offline demo start with. The logins are listed in README.md (and only exist with --demo).
#pragma once
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "domain/env.h"
#include "domain/store.h"

namespace portal {

struct DemoLogin {
  std::string email, password, role, description;
};

// The demo accounts (customers first, then agents).
std::vector<DemoLogin> demo_logins();

// Seeds the store unless it already holds the demo accounts (idempotent). Requests and their
// SLA clocks are made with the same domain functions as live ones, relative to `now`.
void seed_demo(Store& store, const Catalog& catalog, Env& env, Instant now);

}  // namespace portal
