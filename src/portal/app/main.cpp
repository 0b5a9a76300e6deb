// The portal's entry point: platform, theme and fonts, then the app's frame function.
#include "app/app.h"
#include "platform/web_platform.h"
#include "ui/theme.h"

int main() {
  namespace platform = portal::platform;
  namespace ui = portal::ui;
  if (!platform::init()) return 0;  // no WebGL2: the page shows why
  ui::set_theme(ui::system_prefers_dark() ? ui::Theme::Dark : ui::Theme::Light);
  platform::set_font_builder(ui::build_fonts);
  platform::set_document_title("Support portal");
  static portal::app::App app;  // reads the saved language and theme, then picks the back end
  platform::run([] { app.frame(); });
  return 0;  // the runtime stays alive (EXIT_RUNTIME=0): DOM events drive the frames
}
