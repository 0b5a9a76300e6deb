// Customer-supplied text (names, emails) printed by the operator's commands: control characters
// (ESC sequences could rewrite the operator's terminal) and bidirectional overrides (which can
// make a line read differently from its bytes) come out as visible escapes: \x1b, \u202e.
// Invalid UTF-8 bytes come out as \xNN. Everything else is printed as is.
#pragma once
#include <string>
#include <string_view>

namespace portal {

std::string terminal_safe(std::string_view text);

}  // namespace portal
