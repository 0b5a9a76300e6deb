// Placeholder until the screen lands (see calls.h).
#include "screens/calls.h"

#include "client/i18n.h"
#include "ui/widgets.h"

namespace portal::screens {

void CallsScreen::draw(app::Context&) {
  ui::title(i18n::tr("nav.calls"));
}

}  // namespace portal::screens
