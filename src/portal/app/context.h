// What every screen of the portal can use: the signed-in session, the catalog, API calls and
// navigation. The App (app.cpp) implements it; screens (src/portal/screens/) receive it.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "catalog/catalog.h"
#include "client/backend.h"

namespace portal::app {

class Context {
 public:
  virtual ~Context() = default;

  // The session: role "customer" or "agent" ("" when signed out), and GET /me's body.
  virtual const std::string& role() const = 0;
  virtual const nlohmann::json& me() const = 0;
  // GET /plans's body typed by the core (load_public_catalog): plans, packages, add-ons, schedules,
  // policies, severities, tiers, for the core's rules (hours, due times, subscription) and the
  // catalog's words (screens/catalog_words.h). Empty (no plans) until GET /plans has answered.
  virtual const Catalog& core_catalog() const = 0;
  virtual bool demo() const = 0;

  // An API call with the session's token. A network failure shows the error banner with Retry
  // (which repeats the call); a 401 signs out. `done` gets every other reply, errors included.
  virtual void call(const std::string& method, const std::string& target, const nlohmann::json& body,
                    client::ReplyFn done) = 0;
  // Fetches /me again (after a plan change, a purchase …) and redraws.
  virtual void refresh_me() = 0;
  // Switches screen: "my_support", "plans", "requests", "calls", "help", "metrics", "queue" …
  virtual void go(const std::string& screen) = 0;
  virtual const std::string& screen() const = 0;
  // Shows one request: the customer's Requests screen, or the agent's queue.
  virtual void open_request(const std::string& request_id) = 0;
  // The customer's new-request form, prefilled: {subject, description, severity, category}.
  virtual void new_request(const nlohmann::json& draft) = 0;
};

}  // namespace portal::app
