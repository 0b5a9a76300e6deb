// Placeholder until the screen lands (see help.h).
#include "screens/help.h"

#include "client/i18n.h"
#include "ui/widgets.h"

namespace portal::screens {

void HelpScreen::draw(app::Context&) {
  ui::title(i18n::tr("nav.help"));
}

}  // namespace portal::screens
