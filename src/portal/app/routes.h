// The page's address: hash routes (#/requests/1042, #/plans/priority, #/calls …), which work
// on any static host, the offline demo included (nothing on the server has to know them). The
// App shows its current route with history.pushState (a new screen: Back returns to the last
// one) or replaceState (a redirect, e.g. after signing in), and follows Back / Forward / an
// edited address through popstate and hashchange.
#pragma once
#include <string>

namespace portal::app::routes {

// The route in the address bar, without "#/" (e.g. "requests/1042"; "" when none).
std::string current();
// Puts `route` in the address bar: a new history entry (push) or in place of the current one.
void show(const std::string& route, bool push);
// True once after the user moved through history or edited the address.
bool take_change();

}  // namespace portal::app::routes
