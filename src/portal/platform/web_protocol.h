// The values that cross between the wasm (C++) and the page's JavaScript (web/*.js), each with a
// name, defined once here. This header is the single source: scripts/gen-web-protocol.mjs reads
// it at build time and writes the JS side ($PortalProtocol, a --js-library of the portal), so
// web/portal_glue.js says PortalProtocol.pointer.Down where C++ says web_protocol::pointer::kDown.
// CTest web_protocol (tests/web_protocol_test.mjs) fails when the generated JS and this header
// disagree, or when a JS call passes a bare number where a name exists.
//
// Format read by the generator (keep it): inside `namespace portal::web_protocol`, one
// `namespace GROUP {` per group, each value on its own line as `constexpr int kName = N;`, and
// string tables as `constexpr const char* kName[] = {"a", "b"};` on one line.
#pragma once

namespace portal::web_protocol {

// portal_on_pointer(kind, x, y, button, is_touch): what happened to the primary pointer.
namespace pointer {
constexpr int kMove = 0;
constexpr int kDown = 1;
constexpr int kUp = 2;
constexpr int kLeave = 3;
constexpr int kCancel = 4;
}  // namespace pointer

// portal_on_key_tap(which): an editing key synthesised from an on-screen keyboard's input event.
namespace key_tap {
constexpr int kBackspace = 0;
constexpr int kEnter = 1;
}  // namespace key_tap

// portal_js_set_cursor(cursor): ImGuiMouseCursor_* (-1: hidden) to the CSS cursor, by index.
namespace cursor {
constexpr int kHidden = -1;
constexpr const char* kCss[] = {"default",     "text",        "move",    "ns-resize",  "ew-resize",
                                "nesw-resize", "nwse-resize", "pointer", "not-allowed"};
}  // namespace cursor

// portal_field_submit(id): Enter in single-line field `id`; kForm: the sign-in form submitted.
namespace field_submit {
constexpr int kForm = 0;
}  // namespace field_submit

}  // namespace portal::web_protocol
