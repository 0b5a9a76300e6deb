// Dear ImGui build configuration for the portal (IMGUI_USER_CONFIG, seen by every ImGui file).
#pragma once

// Assertions stay on, without their expression strings (~7 KB gzip): a failed one reports the
// file and line, and the page shows its "Something went wrong" message (web/loader.js).
#ifdef __cplusplus
extern "C"
#endif
    [[noreturn]] void
    portal_imgui_assert_failed(const char* file, int line);
#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : portal_imgui_assert_failed(__FILE_NAME__, __LINE__))

// Code points beyond U+FFFF (emoji) reach the font instead of turning into U+FFFD.
#define IMGUI_USE_WCHAR32

// Called by ImFont::FindGlyph (patched in src/portal/CMakeLists.txt) for a character drawn
// without a glyph: ui/emoji.cpp downloads the emoji chunk that has it and rebuilds the atlas.
#ifdef __cplusplus
extern "C"
#endif
    void
    portal_imgui_missing_glyph(unsigned int codepoint);
