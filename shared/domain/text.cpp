#include "domain/text.h"

#include <algorithm>

namespace portal {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at text[i] and moves i past it. A malformed sequence (bad lead byte,
// stray or missing continuation byte, overlong form, surrogate, > U+10FFFF) gives kInvalid and
// moves i by one byte only, so decoding resynchronises on the next byte.
char32_t decode(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;  // the smallest code point that needs `len` bytes (smaller = overlong)
  if ((lead & 0xE0) == 0xC0) {
    len = 2, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    len = 3, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    len = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    ++i;  // a continuation byte without a lead, or 0xF8..0xFF
    return kInvalid;
  }
  if (text.size() - i < len) {
    ++i;
    return kInvalid;
  }
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kInvalid;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kInvalid;
  }
  i += len;
  return cp;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool even(char32_t c) { return c % 2 == 0; }

char32_t fold_latin_extended_a(char32_t c) {  // U+0100..U+017F: mostly upper/lower pairs
  if (c == 0x130) return U'i';                // İ (its lower case is i + combining dot; plain i matches better)
  if (c == 0x178) return 0xFF;                // Ÿ → ÿ
  if (c == 0x17F) return U's';                // long s
  if (c <= 0x137 && c != 0x131) return even(c) ? c + 1 : c;
  if (c >= 0x139 && c <= 0x148) return even(c) ? c : c + 1;
  if (c >= 0x14A && c <= 0x177) return even(c) ? c + 1 : c;
  if (c >= 0x179 && c <= 0x17E) return even(c) ? c : c + 1;
  return c;  // ı ĸ ŉ and the lower-case halves
}

char32_t fold_greek(char32_t c) {  // U+0370..U+03FF
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 0x25;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 0x3F;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 0x20;
  if (c == 0x3C2) return 0x3C3;  // final sigma matches sigma
  return c;
}

char32_t fold_cyrillic(char32_t c) {  // U+0400..U+04FF
  if (c <= 0x40F) c += 0x50;
  else if (c <= 0x42F) c += 0x20;
  else if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || c >= 0x4D0) c += even(c) ? 1 : 0;
  else if (c == 0x4C0) c = 0x4CF;
  else if (c >= 0x4C1 && c <= 0x4CE) c += even(c) ? 0 : 1;
  if (c == 0x451) c = 0x435;  // ё → е: Russian text often writes е for ё
  return c;
}

char32_t fold(char32_t c) {
  if (c < 0x80) return (c >= U'A' && c <= U'Z') ? c + 0x20 : c;
  if (c < 0x100) return (c >= 0xC0 && c <= 0xDE && c != 0xD7) ? c + 0x20 : c;
  if (c < 0x180) return fold_latin_extended_a(c);
  if (c >= 0x370 && c < 0x400) return fold_greek(c);
  if (c >= 0x400 && c < 0x500) return fold_cyrillic(c);
  return c;
}

// Letters and digits of any script, roughly: exact for Latin, Greek and Cyrillic, and every
// other code point from U+0370 on counts as a letter unless it is punctuation or a space.
bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
  if (c < 0xC0) return false;                    // NBSP, « », ©, ° …
  if (c == 0xD7 || c == 0xF7) return false;      // × ÷
  if (c < 0x2B0) return true;                    // Latin-1 letters, Latin Extended-A/B, IPA
  if (c < 0x300) return false;                   // spacing modifiers (ʼ is an apostrophe: it splits)
  if (c < 0x370) return true;                    // combining marks stay inside their word (и + ̆)
  if (c == 0x37E || c == 0x387) return false;    // Greek question mark, ano teleia
  if (c >= 0x2000 && c <= 0x206F) return false;  // General Punctuation: dashes, quotes, spaces
  if (c >= 0x2E00 && c <= 0x2E7F) return false;  // Supplemental Punctuation
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK spaces and punctuation
  return c != 0xFEFF;                            // byte order mark
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (decode(text, i) == kInvalid) return false;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  // Counting lead bytes is enough for valid text and never overruns on invalid text.
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

std::string fold_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = decode(text, i);
    if (cp != kInvalid) encode(fold(cp), out);
  }
  return out;
}

std::string utf8_scrub(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    if (decode(text, i) != kInvalid) out.append(text.substr(start, i - start));
  }
  return out;
}

std::vector<WordSpan> word_spans(std::string_view text) {
  std::vector<WordSpan> spans;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = decode(text, i);
    const bool word = cp != kInvalid && is_word_char(cp);
    if (word && !in_word) spans.push_back({start, start});
    if (word) spans.back().end = i;
    in_word = word;
  }
  return spans;
}

std::vector<std::string> fold_words(std::string_view text) {
  const std::string folded = fold_case(text);
  std::vector<std::string> words;
  for (const WordSpan& span : word_spans(folded)) {
    words.emplace_back(folded, span.begin, span.end - span.begin);
  }
  return words;
}

bool text_matches(std::string_view text, std::string_view query) {
  const std::vector<std::string> words = fold_words(text);
  for (const std::string& q : fold_words(query)) {
    const bool found = std::any_of(words.begin(), words.end(), [&](const std::string& w) { return w.starts_with(q); });
    if (!found) return false;
  }
  return true;  // also for a query without words
}

std::string utf8_truncate(std::string_view text, std::size_t max_code_points) {
  std::string valid = utf8_scrub(text);
  if (utf8_length(valid) <= max_code_points) return valid;
  if (max_code_points == 0) return {};
  // Keep max_code_points - 1 code points, so the result with "…" is max_code_points long.
  std::size_t kept = 0;
  std::size_t cut = 0;
  while (cut < valid.size() && kept < max_code_points - 1) {
    decode(valid, cut);
    ++kept;
  }
  valid.resize(cut);
  return valid + "…";
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kDigits[c >> 4];
          out += kDigits[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

}  // namespace portal
