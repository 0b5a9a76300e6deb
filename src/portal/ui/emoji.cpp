#include "ui/emoji.h"

#include <emscripten.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
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

// scripts/subset-emoji's blocks, in chunks of 64 code points: U+2100-2BFF, then U+1F000-1F9FF.
constexpr unsigned kChunk = 64;
constexpr unsigned kSymbolsFirst = 0x2100, kSymbolsChunks = (0x2C00 - 0x2100) / kChunk;
constexpr unsigned kEmojiFirst = 0x1F000, kEmojiChunks = (0x1FA00 - 0x1F000) / kChunk;
constexpr unsigned kChunks = kSymbolsChunks + kEmojiChunks;

// The chunk holding c, or -1 when c is outside the font's blocks.
int chunk_of(unsigned c) {
  if (c >= kSymbolsFirst && c < kSymbolsFirst + kSymbolsChunks * kChunk)
    return static_cast<int>((c - kSymbolsFirst) / kChunk);
  if (c >= kEmojiFirst && c < kEmojiFirst + kEmojiChunks * kChunk)
    return static_cast<int>(kSymbolsChunks + (c - kEmojiFirst) / kChunk);
  return -1;
}
unsigned chunk_start(unsigned i) {
  return i < kSymbolsChunks ? kSymbolsFirst + i * kChunk : kEmojiFirst + (i - kSymbolsChunks) * kChunk;
}

enum class ChunkState : unsigned char { None, Loading, Loaded, Absent };

struct Chunk {
  ChunkState state = ChunkState::None;
  unsigned char* data = nullptr;  // malloc'ed by the page; the atlas reads it in place
  int size = 0;
  int ranges_at = -1;  // this build's [c, c] pairs of the chunk in State::ranges
};

struct State {
  Chunk chunks[kChunks];
  std::vector<ImWchar> seen;    // sorted code points drawn without a glyph
  std::vector<ImWchar> ranges;  // every loaded chunk's pairs, 0-terminated each; built once per
                                // atlas build (the same for every font), read by ImGui in place
  bool invisible_seen = false;  // a variation selector, joiner or skin tone was drawn
};

State& st() {
  static State s;
  return s;
}

// Parts of emoji sequences a monochrome font cannot compose: drawn as nothing, never as "?".
bool invisible(unsigned c) {
  return c == 0x200D || c == 0xFE0E || c == 0xFE0F || c == 0x20E3 || (c >= 0x1F3FB && c <= 0x1F3FF) ||
         (c >= 0xE0020 && c <= 0xE007F);
}

// For tests (portalTest.state().values.emoji_glyphs): the code points seen that have a real glyph
// in the body font now, not the "?" fallback, in hex.
void publish() {
  static bool once = false;
  if (once) return;
  once = true;
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

void build_ranges(State& s) {
  s.ranges.clear();
  for (unsigned i = 0; i < kChunks; i++) {
    Chunk& chunk = s.chunks[i];
    chunk.ranges_at = -1;
    if (chunk.state != ChunkState::Loaded) continue;
    const auto lo = std::lower_bound(s.seen.begin(), s.seen.end(), static_cast<ImWchar>(chunk_start(i)));
    const auto hi = std::lower_bound(lo, s.seen.end(), static_cast<ImWchar>(chunk_start(i) + kChunk));
    if (lo == hi) continue;
    chunk.ranges_at = static_cast<int>(s.ranges.size());
    for (auto it = lo; it != hi; ++it) {
      s.ranges.push_back(*it);
      s.ranges.push_back(*it);
    }
    s.ranges.push_back(0);
  }
}

}  // namespace

void merge_into(ImFontAtlas& atlas, ImFont* font, float px) {
  State& s = st();
  if (!font) return;
  if (s.invisible_seen) {
    // 1x1 transparent glyphs without advance (the atlas leaves custom rectangles empty).
    for (unsigned c : {0x200Du, 0xFE0Eu, 0xFE0Fu, 0x20E3u, 0x1F3FBu, 0x1F3FCu, 0x1F3FDu, 0x1F3FEu, 0x1F3FFu})
      atlas.AddCustomRectFontGlyph(font, static_cast<ImWchar>(c), 1, 1, 0);
  }
  if (font == atlas.Fonts.front()) build_ranges(s);  // the first font of a build
  for (const Chunk& chunk : s.chunks) {
    if (chunk.ranges_at < 0) continue;
    ImFontConfig cfg;
    cfg.MergeMode = true;
    cfg.DstFont = font;
    cfg.FontDataOwnedByAtlas = false;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    cfg.GlyphOffset = ImVec2(0, px * 0.08f);  // Symbola sits high next to Inter
    atlas.AddFontFromMemoryTTF(chunk.data, chunk.size, px * 1.08f, &cfg, s.ranges.data() + chunk.ranges_at);
  }
}

}  // namespace portal::ui::emoji

extern "C" {

void portal_imgui_missing_glyph(unsigned int c) {
  using namespace portal::ui::emoji;
  State& s = st();
  const bool hide = invisible(c);
  const int i = chunk_of(c);
  if (!hide && i < 0) return;
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
  Chunk& chunk = s.chunks[i];
  if (chunk.state == ChunkState::None) {
    chunk.state = ChunkState::Loading;
    portal_emoji_fetch(chunk_start(static_cast<unsigned>(i)));
  } else if (chunk.state == ChunkState::Loaded) {
    portal::platform::rebuild_fonts();
  }
}

EMSCRIPTEN_KEEPALIVE void portal_emoji_loaded(unsigned start, unsigned char* data, int size) {
  using namespace portal::ui::emoji;
  const int i = chunk_of(start);
  if (i < 0) return;
  Chunk& chunk = st().chunks[i];
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
