// Placeholder until the screen lands (see metrics.h).
#include "screens/metrics.h"

#include "client/i18n.h"
#include "ui/widgets.h"

namespace portal::screens {

void MetricsScreen::draw(app::Context&) {
  ui::title(i18n::tr("nav.metrics"));
}

}  // namespace portal::screens
