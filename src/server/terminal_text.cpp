#include "terminal_text.h"

#include <cstdio>

namespace portal {

namespace {

bool is_bidi_or_invisible(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) ||               // LRE RLE PDF LRO RLO
         (c >= 0x2066 && c <= 0x2069) ||               // LRI RLI FSI PDI
         c == 0x200E || c == 0x200F || c == 0x061C ||  // LRM RLM ALM
         (c >= 0x200B && c <= 0x200D) || c == 0xFEFF || c == 0x2028 || c == 0x2029;
}

// "\\x" + 2 hex digits (a byte) or "\\u" + 4 (a code point below U+10000; larger ones are never escaped).
void append_escape(std::string& out, char kind, unsigned value) {
  static constexpr char kHex[] = "0123456789abcdef";
  const int digits = kind == 'x' ? 2 : 4;
  out += '\\';
  out += kind;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
}

}  // namespace

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7f) append_escape(out, 'x', b);
      else if (b == '\\') out += "\\\\";
      else out += static_cast<char>(b);
      ++i;
      continue;
    }
    // Decode one UTF-8 sequence (strictly: no overlongs, no surrogates).
    int len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
    if (b >= 0xF5) len = 0;
    char32_t c = len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
    bool ok = len > 0 && i + len <= text.size();
    for (int k = 1; ok && k < len; ++k) {
      const auto cb = static_cast<unsigned char>(text[i + k]);
      ok = (cb & 0xC0) == 0x80;
      c = (c << 6) | (cb & 0x3F);
    }
    if (ok)
      ok = !(len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) && !(len == 4 && (c < 0x10000 || c > 0x10FFFF));
    if (!ok) {
      append_escape(out, 'x', b);
      ++i;
      continue;
    }
    if ((c >= 0x80 && c < 0xA0) || is_bidi_or_invisible(c)) append_escape(out, 'u', static_cast<unsigned>(c));
    else out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace portal
