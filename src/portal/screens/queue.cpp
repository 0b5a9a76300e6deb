// Placeholder until the screen lands (see queue.h).
#include "screens/queue.h"

#include "client/i18n.h"
#include "ui/widgets.h"

namespace portal::screens {

void QueueScreen::draw(app::Context&) {
  ui::title(i18n::tr("nav.queue"));
}

void QueueScreen::open(const std::string&) {}

}  // namespace portal::screens
