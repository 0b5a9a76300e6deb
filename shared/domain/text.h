// UTF-8 text: validation, length, and case folding for search (Latin, Latin-1, Latin Extended-A,
// Greek and Cyrillic, so Russian and Bulgarian search is case-insensitive too).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace portal {

bool is_valid_utf8(std::string_view text);
// Number of code points (text must be valid UTF-8).
std::size_t utf8_length(std::string_view text);
// Lower-case for matching: also folds ё → е and й stays й; invalid bytes are dropped.
std::string fold_case(std::string_view text);
// Words (runs of letters and digits, any script) of the folded text.
std::vector<std::string> fold_words(std::string_view text);
// True when every word of `query` is a prefix of some word of `text` (both folded here).
bool text_matches(std::string_view text, std::string_view query);
// The same text with invalid bytes dropped (always valid UTF-8).
std::string utf8_scrub(std::string_view text);

// Byte ranges [begin, end) of the words of `text` itself (same word rule as fold_words), so a
// caller can fold each word and still point back into the original text (KB snippets).
struct WordSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};
std::vector<WordSpan> word_spans(std::string_view text);

// At most max_code_points code points, cut at a code point boundary, with "…" when cut (the "…"
// counts as one of them). Invalid bytes are dropped.
std::string utf8_truncate(std::string_view text, std::size_t max_code_points);

// ASCII only (other bytes unchanged): for emails, header names, file extensions, codes.
std::string ascii_lower(std::string_view text);
// Equal ignoring ASCII case (header names, content codings).
bool ascii_iequals(std::string_view a, std::string_view b);
// Lower-case hex of every byte ("\x01\xff" → "01ff").
std::string to_hex(std::string_view bytes);
// Appends `text` as a JSON string literal (quotes included): ", \ and control characters escaped,
// other bytes as they are (for hand-written JSON where nlohmann would cost bytes or time).
void append_json_string(std::string& out, std::string_view text);

}  // namespace portal
