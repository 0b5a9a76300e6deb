// GET /health: for load balancers. 200 while this instance reaches its database and is not
// shutting down; 503 + Retry-After otherwise (Router::set_draining, StoreUnavailable).
#include "api/router_impl.h"
#include "domain/store.h"

namespace portal {

namespace {

HttpResponse health(int status, const char* state) {
  HttpResponse r = json_response(status, {{"status", state}});  // no-store
  if (status == 503) r.headers.push_back({"Retry-After", "1"});
  return r;
}

}  // namespace

HttpResponse Router::Impl::get_health(Call&) {
  if (draining.load()) return health(503, "draining");
  try {
    store.read([](StoreTx&) {});  // a transaction begun and ended: the database answers
  } catch (const std::exception&) {
    return health(503, "database_unavailable");
  }
  return health(200, "ok");
}

}  // namespace portal
