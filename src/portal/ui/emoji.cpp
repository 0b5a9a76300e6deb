#include "ui/emoji.h"

#include <emscripten.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "platform/web_platform.h"
#include "ui/test_hooks.h"

// Fetches emoji/<hex>.ttf beside portal.js; answers portal_emoji_loaded(chunk, bytes, n), n = -1
// when the file is not there (no glyph of that chunk in the font) or the download failed.
EM_JS(void, portal_emoji_fetch, (unsigned chunk), {
  var done = function(bytes) {
    if (!bytes) { _portal_emoji_loaded(chunk, 0, -1); return; }
    var p = _malloc(bytes.length);
    HEAPU8.set(bytes, p);
    _portal_emoji_loaded(chunk, p, bytes.length);  // takes the buffer
  };
  fetch("emoji/" + chunk.toString(16) + ".ttf")
      .then(function(r) { return r.ok ? r.arrayBuffer() : null; })
      .then(function(b) { done(b ? new Uint8Array(b) : null); }, function() { done(null); });
});

namespace portal::ui::emoji {
namespace {

constexpr unsigned kChunk = 64;  // code points per file, as in scripts/subset-emoji

enum class ChunkState { Loading, Loaded, Absent };

struct Chunk {
    ChunkState state = ChunkState::Loading;
    unsigned char* data = nullptr;  // malloc'ed by the page; the atlas reads it in place
    int size = 0;
};

struct State {
    std::map<unsigned, Chunk> chunks;     // by first code point
    std::vector<ImWchar> seen;            // sorted code points drawn without a glyph
    // The last build's ranges, one vector per merged chunk: ImGui keeps the pointers until the
    // atlas is built again (a moved vector keeps its buffer).
    std::vector<std::vector<ImWchar>> ranges;
    bool invisible_seen = false;          // a variation selector, joiner or skin tone was drawn
};

State& st() {
    static State s;
    return s;
}

// Code points Symbola's chunks may have (scripts/subset-emoji's blocks).
bool in_font_blocks(unsigned c) { return (c >= 0x2100 && c <= 0x2BFF) || (c >= 0x1F000 && c <= 0x1F9FF); }

// Parts of emoji sequences a monochrome font cannot compose: drawn as nothing, never as "?".
bool invisible(unsigned c) {
    return c == 0x200D || c == 0xFE0E || c == 0xFE0F || c == 0x20E3 || (c >= 0x1F3FB && c <= 0x1F3FF) ||
           (c >= 0xE0020 && c <= 0xE007F);
}

std::string loaded_chunks() {
    std::string out;
    for (const auto& [start, chunk] : st().chunks) {
        if (chunk.state != ChunkState::Loaded) continue;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%s%x", out.empty() ? "" : ",", start);
        out += buf;
    }
    return out;
}

void publish() {
    static bool once = false;
    if (once) return;
    once = true;
    test_hooks::set_value_source("emoji_chunks", &once, [] { return loaded_chunks(); });
    // Code points that have a real glyph in the body font now (not the "?" fallback).
    test_hooks::set_value_source("emoji_glyphs", &once, [] {
        std::string out;
        const ImFont* body = ImGui::GetIO().FontDefault;
        if (!body) return out;
        for (ImWchar c : st().seen) {
            if (invisible(c) || !body->FindGlyphNoFallback(c)) continue;
            char buf[16];
            std::snprintf(buf, sizeof buf, "%s%x", out.empty() ? "" : ",", static_cast<unsigned>(c));
            out += buf;
        }
        return out;
    });
}

}  // namespace

void merge_into(ImFontAtlas& atlas, ImFont* font, float px) {
    State& s = st();
    if (!font) return;
    if (s.invisible_seen) {
        // 1x1 transparent glyphs without advance (the atlas leaves custom rectangles empty).
        for (unsigned c : {0x200Du, 0xFE0Eu, 0xFE0Fu, 0x20E3u})
            atlas.AddCustomRectFontGlyph(font, static_cast<ImWchar>(c), 1, 1, 0);
        for (unsigned c = 0x1F3FB; c <= 0x1F3FF; c++) atlas.AddCustomRectFontGlyph(font, static_cast<ImWchar>(c), 1, 1, 0);
    }
    if (font == atlas.Fonts.front()) s.ranges.clear();  // the first font of a build: ranges anew
    for (const auto& [start, chunk] : s.chunks) {
        if (chunk.state != ChunkState::Loaded) continue;
        // This chunk's code points seen so far, as [c, c] pairs, 0-terminated.
        const auto lo = std::lower_bound(s.seen.begin(), s.seen.end(), static_cast<ImWchar>(start));
        const auto hi = std::lower_bound(lo, s.seen.end(), static_cast<ImWchar>(start + kChunk));
        if (lo == hi) continue;
        std::vector<ImWchar> pairs;
        for (auto it = lo; it != hi; ++it) {
            pairs.push_back(*it);
            pairs.push_back(*it);
        }
        pairs.push_back(0);
        s.ranges.push_back(std::move(pairs));
        ImFontConfig cfg;
        cfg.MergeMode = true;
        cfg.DstFont = font;
        cfg.FontDataOwnedByAtlas = false;
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        cfg.GlyphOffset = ImVec2(0, px * 0.08f);  // Symbola sits high next to Inter
        atlas.AddFontFromMemoryTTF(chunk.data, chunk.size, px * 1.08f, &cfg, s.ranges.back().data());
    }
}

}  // namespace portal::ui::emoji

extern "C" {

void portal_imgui_missing_glyph(unsigned int c) {
    using namespace portal::ui::emoji;
    State& s = st();
    const bool hide = invisible(c);
    if (!hide && !in_font_blocks(c)) return;
    const ImWchar wc = static_cast<ImWchar>(c);
    const auto it = std::lower_bound(s.seen.begin(), s.seen.end(), wc);
    if (it != s.seen.end() && *it == wc) return;  // asked before (loading, or not in Symbola)
    s.seen.insert(it, wc);
    publish();
    if (hide) {
        if (!s.invisible_seen) {
            s.invisible_seen = true;
            portal::platform::rebuild_fonts();
        }
        return;
    }
    const unsigned start = c / kChunk * kChunk;
    auto [chunk, fresh] = s.chunks.try_emplace(start);
    if (fresh) portal_emoji_fetch(start);
    else if (chunk->second.state == ChunkState::Loaded) portal::platform::rebuild_fonts();
}

EMSCRIPTEN_KEEPALIVE void portal_emoji_loaded(unsigned start, unsigned char* data, int size) {
    using namespace portal::ui::emoji;
    Chunk& chunk = st().chunks[start];
    if (size <= 0) {
        chunk.state = ChunkState::Absent;
        return;
    }
    chunk.state = ChunkState::Loaded;
    chunk.data = data;
    chunk.size = size;
    portal::platform::rebuild_fonts();
}

}  // extern "C"
