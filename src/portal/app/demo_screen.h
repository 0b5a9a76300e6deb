// A demo of the platform and UI foundation (to be replaced by the real portal screens): side
// navigation with three entries, cards, English / Russian / Bulgarian text, icon buttons, a text
// field, a live countdown (1 frame per second when idle), light/dark and an error banner.
#pragma once

#include <array>
#include <string>

namespace portal::app {

class DemoApp {
public:
    DemoApp();
    void frame();  // the per-frame UI, called by the platform between NewFrame and Render

private:
    void home();
    void tickets();
    void knowledge_base();
    void settings_card();
    void countdown_card();
    void publish_state();

    int nav_ = 0;
    int lang_ = 0;  // 0 en, 1 ru, 2 bg
    bool dark_ = false;
    std::array<char, 256> question_{};
    std::array<char, 128> search_{};
    double callback_at_ms_ = 0;  // the countdown's target (wall clock)
    int sent_ = 0;
};

}  // namespace portal::app
