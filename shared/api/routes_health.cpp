// GET /health: for load balancers. 200 while this instance reaches its database and is not
// shutting down; 503 + Retry-After otherwise (Router::set_draining, StoreUnavailable).
#include "api/router_impl.h"
#include "domain/store.h"

namespace portal {

namespace {

HttpResponse unhealthy(const char* code, const char* message) {
  HttpResponse r = json_response(503, {{"error", {{"code", code}, {"message", message}}}});  // no-store
  r.headers.push_back({"Retry-After", "1"});
  return r;
}

}  // namespace

HttpResponse Router::Impl::get_health(Call&) {
  if (draining.load()) return unhealthy("draining", "this server is shutting down");
  try {
    store.read([](StoreTx&) {});  // a transaction begun and ended: the database answers
  } catch (const std::exception&) {
    return unhealthy("database_unavailable", "the database cannot be reached");
  }
  return json_response(200, {{"status", "ok"}});
}

}  // namespace portal
