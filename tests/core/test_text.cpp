// UTF-8 validation, case folding (Latin, Greek, Cyrillic) and word matching.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "domain/text.h"

using namespace portal;
using Words = std::vector<std::string>;

TEST_CASE("text: valid UTF-8 is accepted") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII"));
  CHECK(is_valid_utf8("Привет, мир"));
  CHECK(is_valid_utf8("€ 1000"));                // 3-byte sequence
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));      // U+1F600 😀, 4 bytes
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point
  CHECK(is_valid_utf8("\xEF\xBF\xBF"));          // U+FFFF is a noncharacter but valid
  CHECK(is_valid_utf8(std::string("a\0b", 3)));  // NUL is a code point like any other
}

TEST_CASE("text: invalid UTF-8 is rejected") {
  SUBCASE("overlong forms") {
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));  // '/' in 2 bytes
    CHECK_FALSE(is_valid_utf8("\xC1\xBF"));
    CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // '/' in 3 bytes
    CHECK_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // U+07FF in 3 bytes
    CHECK_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in 4 bytes
  }
  SUBCASE("surrogates") {
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));  // U+D800
    CHECK_FALSE(is_valid_utf8("\xED\xBF\xBF"));  // U+DFFF
    CHECK(is_valid_utf8("\xED\x9F\xBF"));        // U+D7FF, just below, is fine
  }
  SUBCASE("beyond U+10FFFF and impossible bytes") {
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
    CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
    CHECK_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // old 5-byte form
    CHECK_FALSE(is_valid_utf8("\xFF"));
    CHECK_FALSE(is_valid_utf8("\xFE"));
  }
  SUBCASE("truncated sequences and stray continuation bytes") {
    CHECK_FALSE(is_valid_utf8("\xD0"));          // first byte of "П" only
    CHECK_FALSE(is_valid_utf8("\xE2\x82"));      // two bytes of "€"
    CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));  // three bytes of 😀
    CHECK_FALSE(is_valid_utf8("abc\xD0"));       // cut at the end of a string
    CHECK_FALSE(
        is_valid_utf8("\xD0"
                      "A"));                     // lead byte followed by ASCII
    CHECK_FALSE(is_valid_utf8("\x80"));          // continuation without a lead
    CHECK_FALSE(is_valid_utf8("\xD0\x9F\x80"));  // one continuation too many
  }
}

TEST_CASE("text: utf8_length counts code points") {
  CHECK(utf8_length("") == 0);
  CHECK(utf8_length("abc") == 3);
  CHECK(utf8_length("привет") == 6);
  CHECK(utf8_length("€😀") == 2);
}

TEST_CASE("text: fold_case lower-cases ASCII and Latin") {
  CHECK(fold_case("Hello WORLD 42") == "hello world 42");
  CHECK(fold_case("ÀÉÎÕÜÞ") == "àéîõüþ");
  CHECK(fold_case("×") == "×");  // the multiplication sign has no case
  CHECK(fold_case("ß") == "ß");
  CHECK(fold_case("ŁÓDŹ") == "łódź");  // Latin Extended-A, odd/even pairs both ways
  CHECK(fold_case("ŠČŽĆĐ") == "ščžćđ");
  CHECK(fold_case("Ÿ") == "ÿ");
}

TEST_CASE("text: fold_case handles Greek") {
  CHECK(fold_case("ΑΘΗΝΑ") == "αθηνα");
  CHECK(fold_case("Άλφα Ώρα") == "άλφα ώρα");
  CHECK(fold_case("λόγος") == "λόγοσ");  // final sigma folds to sigma
}

TEST_CASE("text: fold_case handles Russian and Bulgarian Cyrillic") {
  CHECK(fold_case("ПРИВЕТ") == "привет");
  CHECK(fold_case("Ёлка") == "елка");      // Ё → е
  CHECK(fold_case("ёлка") == "елка");      // ё → е
  CHECK(fold_case("ЩЪРКЕЛ") == "щъркел");  // Bulgarian: Щ and Ъ
  CHECK(fold_case("ЮЛИЯ ЯНКОВА") == "юлия янкова");
  CHECK(fold_case("ЙОД") == "йод");                        // й stays й
  CHECK(fold_case("ЂЃЄЅІЇЈЉЊЋЌЍЎЏ") == "ђѓєѕіїјљњћќѝўџ");  // U+0400..U+040F → +0x50
  CHECK(fold_case("ѢѪҐҒӨӁ") == "ѣѫґғөӂ");                  // pairs in U+0460..U+04FF
  CHECK(fold_case("Ӏ") == "ӏ");
}

TEST_CASE("text: fold_case keeps other scripts and drops invalid bytes") {
  CHECK(fold_case("日本語 😀") == "日本語 😀");
  CHECK(fold_case("a\xFF"
                  "b\xD0") == "ab");
  CHECK(fold_case("\xC0\xAF") == "");
  CHECK(is_valid_utf8(fold_case("Ω\xE2\x82 ok\xED\xA0\x80")));
}

TEST_CASE("text: fold_words splits on everything but letters and digits") {
  CHECK(fold_words("Hello, World!") == Words{"hello", "world"});
  CHECK(fold_words("  ") == Words{});
  CHECK(fold_words("") == Words{});
  CHECK(fold_words("Тариф «Премиум»—24/7") == Words{"тариф", "премиум", "24", "7"});
  CHECK(fold_words("don't") == Words{"don", "t"});  // apostrophes split
  CHECK(fold_words("don’t") == Words{"don", "t"});  // U+2019 too
  CHECK(fold_words("e-mail_address") == Words{"e", "mail", "address"});
  CHECK(fold_words("Café №5 l’été") == Words{"café", "№5", "l", "été"});  // № counts as a letter (>= U+0370)
  CHECK(fold_words("Ёлка\u00A0ЩЪРКЕЛ") == Words{"елка", "щъркел"});       // NBSP separates
  CHECK(fold_words("a\xFF"
                   "b") == Words{"ab"});  // invalid byte dropped first
}

TEST_CASE("text: word_spans point into the original text") {
  const std::string text = "ПРИВЕТ, мир!";
  const auto spans = word_spans(text);
  REQUIRE(spans.size() == 2);
  CHECK(text.substr(spans[0].begin, spans[0].end - spans[0].begin) == "ПРИВЕТ");
  CHECK(text.substr(spans[1].begin, spans[1].end - spans[1].begin) == "мир");
}

TEST_CASE("text: text_matches needs every query word as a word prefix") {
  CHECK(text_matches("Printer does not print", "print"));
  CHECK(text_matches("Printer does not print", "PRINTER NOT"));
  CHECK(text_matches("Тарифы и цены", "ТАРИФ"));
  CHECK(text_matches("Новогодняя ёлка", "елк"));
  CHECK_FALSE(text_matches("Printer does not print", "rinter"));  // prefix, not substring
  CHECK_FALSE(text_matches("Printer does not print", "printer scanner"));
  CHECK(text_matches("anything", ""));  // no words: nothing to miss
  CHECK(text_matches("anything", "  ,  "));
  CHECK_FALSE(text_matches("", "word"));
}

TEST_CASE("text: utf8_truncate cuts at code points") {
  CHECK(utf8_truncate("short", 10) == "short");
  CHECK(utf8_truncate("exactly10!", 10) == "exactly10!");
  CHECK(utf8_truncate("привет мир", 5) == "прив…");
  CHECK(utf8_length(utf8_truncate("привет мир", 5)) == 5);
  CHECK(utf8_truncate("😀😀😀", 2) == "😀…");
  CHECK(utf8_truncate("abc", 0) == "");
  CHECK(is_valid_utf8(utf8_truncate("ab\xE2\x82", 10)));
}

TEST_CASE("text: utf8_scrub keeps valid text only") {
  CHECK(utf8_scrub("ok") == "ok");
  CHECK(utf8_scrub("Я\xC0\xAFя") == "Яя");
  CHECK(utf8_scrub("\xF0\x9F\x98\x80\xF0\x9F") == "😀");
}
