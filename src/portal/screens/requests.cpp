// Placeholder until the screen lands (see requests.h).
#include "screens/requests.h"

#include "client/i18n.h"
#include "ui/widgets.h"

namespace portal::screens {

void RequestsScreen::draw(app::Context&) {
  ui::title(i18n::tr("nav.requests"));
}

void RequestsScreen::open(const std::string&) {}
void RequestsScreen::start_new(const nlohmann::json&) {}

}  // namespace portal::screens
