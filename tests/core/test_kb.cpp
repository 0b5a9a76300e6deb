// The knowledge base: loading, validation errors, ranked search, snippets, and the real assets.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "domain/kb.h"
#include "domain/text.h"

using namespace portal;

namespace {

const char* const kEnglish = R"({
  "lang": "en",
  "articles": [
    {"id": "printing", "kind": "article", "category": "devices", "title": "Printer does not print",
     "body": "Check the cable and the paper tray. Restart the printer.", "tags": ["hardware"]},
    {"id": "billing", "kind": "faq", "category": "billing", "title": "How are invoices sent?",
     "body": "Invoices are sent by email on the first day of the month. A printer-friendly PDF is attached.",
     "tags": ["invoice", "payment"]},
    {"id": "agent", "kind": "article", "category": "plans", "title": "Dedicated agent",
     "body": "The dedicated agent add-on gives Premium customers one named person to call.",
     "tags": ["premium", "calls"]},
    {"id": "calls", "kind": "faq", "category": "plans", "title": "Booking a call",
     "body": "Premium customers with a dedicated agent can book calls in the agent's calendar.",
     "tags": []}
  ]
})";

const char* const kRussian = R"({
  "lang": "ru",
  "articles": [
    {"id": "plans", "kind": "article", "category": "billing", "title": "Тарифы и цены",
     "body": "Базовый, стандартный и премиум тарифы отличаются сроками ответа.", "tags": ["оплата"]},
    {"id": "requests", "kind": "faq", "category": "support", "title": "Как создать запрос",
     "body": "Откройте раздел «Запросы» и нажмите «Создать». Статус запроса виден в списке.",
     "tags": ["заявка"]},
    {"id": "tree", "kind": "faq", "category": "other", "title": "Ёлка в офисе",
     "body": "Тарифный план не влияет на праздничную ёлку.", "tags": []}
  ]
})";

KnowledgeBase sample_kb() {
  KnowledgeBase kb;
  kb.add_language("en", kEnglish);
  kb.add_language("ru", kRussian);
  return kb;
}

std::vector<std::string> ids(const std::vector<KbResult>& results) {
  std::vector<std::string> out;
  for (const KbResult& r : results) out.push_back(r.article->id);
  return out;
}

// The message of the KbError that loading `json` throws, or "" when it loads.
std::string load_error(const std::string& json, const std::string& lang = "ru") {
  try {
    KnowledgeBase kb;
    kb.add_language(lang, json);
  } catch (const KbError& e) {
    return e.what();
  }
  return "";
}

// One ru article with one field replaced by `value` (raw JSON), or removed when value is empty.
std::string with_field(const std::string& key, const std::string& value) {
  const nlohmann::json good = {{"id", "first"}, {"kind", "faq"}, {"category", "c"},
                               {"title", "T"},  {"body", "B"},   {"tags", nlohmann::json::array()}};
  nlohmann::json broken = good;  // the second article: articles[1]
  broken["id"] = "second";
  if (value.empty()) {
    broken.erase(key);
  } else {
    broken[key] = nlohmann::json::parse(value);
  }
  return nlohmann::json{{"lang", "ru"}, {"articles", {good, broken}}}.dump();
}

}  // namespace

TEST_CASE("kb: loads languages and articles") {
  const KnowledgeBase kb = sample_kb();
  CHECK(kb.has_language("en"));
  CHECK(kb.has_language("ru"));
  CHECK_FALSE(kb.has_language("bg"));
  CHECK(kb.languages() == std::vector<std::string>{"en", "ru"});
  REQUIRE(kb.articles("en").size() == 4);
  CHECK(kb.articles("en")[1].kind == "faq");
  CHECK(kb.articles("en")[1].tags == std::vector<std::string>{"invoice", "payment"});
  CHECK(kb.articles("xx").empty());
  REQUIRE(kb.article("ru", "plans") != nullptr);
  CHECK(kb.article("ru", "plans")->title == "Тарифы и цены");
  CHECK(kb.article("ru", "nope") == nullptr);
  CHECK(kb.article("xx", "plans") == nullptr);
}

TEST_CASE("kb: search ranks title above tag above body") {
  const KnowledgeBase kb = sample_kb();
  // "printer" is in the title of `printing` and (as a prefix of printer-friendly) in a body.
  const auto results = kb.search("en", "printer");
  REQUIRE(results.size() == 2);
  CHECK(ids(results) == std::vector<std::string>{"printing", "billing"});
  CHECK(results[0].score > results[1].score);
  CHECK(results[1].score > 0);

  // "invoice" is a tag of `billing` only: found through the tag (and the title prefix).
  CHECK(ids(kb.search("en", "invoice")) == std::vector<std::string>{"billing"});
  // "premium" is a tag of `agent` and only in the body of `calls`.
  CHECK(ids(kb.search("en", "premium")) == std::vector<std::string>{"agent", "calls"});
}

TEST_CASE("kb: exact words weigh more than prefixes, and phrases in the title get a bonus") {
  const KnowledgeBase kb = sample_kb();
  const auto exact = kb.search("en", "printer");
  const auto prefix = kb.search("en", "print");
  REQUIRE(!exact.empty());
  REQUIRE(!prefix.empty());
  CHECK(exact[0].score > prefix[0].score);

  // Both `agent` and `calls` hold "dedicated agent"; only `agent` has it as its title.
  const auto phrase = kb.search("en", "dedicated agent");
  REQUIRE(phrase.size() == 2);
  CHECK(phrase[0].article->id == "agent");
  CHECK(phrase[0].score > phrase[1].score);
}

TEST_CASE("kb: ties are broken by id") {
  KnowledgeBase kb;
  kb.add_language("en", R"({"lang": "en", "articles": [
    {"id": "b", "kind": "faq", "category": "x", "title": "Same words", "body": "Body.", "tags": []},
    {"id": "a", "kind": "faq", "category": "x", "title": "Same words", "body": "Body.", "tags": []}]})");
  CHECK(ids(kb.search("en", "same")) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("kb: every query word must match") {
  const KnowledgeBase kb = sample_kb();
  CHECK(ids(kb.search("en", "printer cable")) == std::vector<std::string>{"printing"});
  CHECK(kb.search("en", "printer scanner").empty());  // two words: both must match
  // A question of three or more words: articles matching half of its words are suggestions.
  CHECK(ids(kb.search("en", "printer cable broken today")) == std::vector<std::string>{"printing"});
  CHECK(kb.search("en", "printer unknown words here").empty());  // one word of four
  CHECK(kb.search("en", "nothing-like-this").empty());
}

TEST_CASE("kb: Cyrillic search is case-insensitive") {
  const KnowledgeBase kb = sample_kb();
  CHECK(ids(kb.search("ru", "ТАРИФ")) == std::vector<std::string>{"plans", "tree"});
  CHECK(ids(kb.search("ru", "тарифы")).front() == "plans");
  CHECK(ids(kb.search("ru", "ЁЛКА")).front() == "tree");
  CHECK(ids(kb.search("ru", "елка")).front() == "tree");  // ё and е are one letter for search
}

TEST_CASE("kb: inflected Russian words match (crude stemming)") {
  const KnowledgeBase kb = sample_kb();
  // "тарифы" shares "тари" with "тарифный": the tree article mentions "Тарифный план".
  CHECK(ids(kb.search("ru", "тарифы")) == std::vector<std::string>{"plans", "tree"});
  // "запроса" (genitive) finds the article titled "Как создать запрос".
  CHECK(ids(kb.search("ru", "запроса")) == std::vector<std::string>{"requests"});
  CHECK(ids(kb.search("ru", "создать запросы")) == std::vector<std::string>{"requests"});
  // Short words are prefixes only: "тар" matches, "тарь" does not.
  CHECK(!kb.search("ru", "тар").empty());
  CHECK(kb.search("ru", "тарь").empty());
}

TEST_CASE("kb: empty queries, unknown languages and limits") {
  const KnowledgeBase kb = sample_kb();
  CHECK(kb.search("en", "").empty());
  CHECK(kb.search("en", "  ?! ").empty());
  CHECK(kb.search("de", "printer").empty());
  CHECK(kb.search("en", "printer", 1).size() == 1);
  CHECK(kb.search("en", "printer", 0).empty());
  CHECK(kb.search("en", "a", 2).size() == 2);
}

TEST_CASE("kb: invalid JSON and invalid fields name the key at fault") {
  CHECK(load_error(kRussian) == "");
  CHECK(load_error("{not json").starts_with("kb ru: invalid JSON"));
  CHECK(load_error("[]") == "kb ru: (root): must be an object");
  CHECK(load_error(R"({"articles": []})") == "kb ru: lang: must be a non-empty string");
  CHECK(load_error(R"({"lang": "en", "articles": []})") == "kb ru: lang: must be \"ru\"");
  CHECK(load_error(R"({"lang": "ru"})") == "kb ru: articles: must be an array");
  CHECK(load_error(R"({"lang": "ru", "articles": [1]})") == "kb ru: articles[0]: must be an object");

  CHECK(load_error(with_field("title", "")) == "kb ru: articles[1].title: must be a non-empty string");
  CHECK(load_error(with_field("title", "\"\"")) == "kb ru: articles[1].title: must be a non-empty string");
  CHECK(load_error(with_field("title", "42")) == "kb ru: articles[1].title: must be a non-empty string");
  CHECK(load_error(with_field("id", "null")) == "kb ru: articles[1].id: must be a non-empty string");
  CHECK(load_error(with_field("body", "")) == "kb ru: articles[1].body: must be a non-empty string");
  CHECK(load_error(with_field("category", "[]")) == "kb ru: articles[1].category: must be a non-empty string");
  CHECK(load_error(with_field("kind", "\"blog\"")) == "kb ru: articles[1].kind: must be \"article\" or \"faq\"");
  CHECK(load_error(with_field("tags", "\"x\"")) == "kb ru: articles[1].tags: must be an array of strings");
  CHECK(load_error(with_field("tags", "[\"ok\", 3]")) == "kb ru: articles[1].tags[1]: must be a non-empty string");
  CHECK(load_error(with_field("tags", "")) == "");  // tags are optional
  CHECK(load_error(with_field("id", "\"first\"")) == "kb ru: articles[1].id: duplicate id \"first\"");
}

TEST_CASE("kb: a failed load keeps the previous articles") {
  KnowledgeBase kb = sample_kb();
  CHECK_THROWS_AS(kb.add_language("ru", with_field("title", "")), KbError);
  CHECK(kb.articles("ru").size() == 3);
  CHECK_FALSE(kb.search("ru", "тариф").empty());
}

TEST_CASE("kb: snippets") {
  const std::string filler = "Эта статья описывает общие правила работы службы поддержки для всех клиентов компании. ";
  std::string body;
  for (int i = 0; i < 6; ++i) body += filler;
  body += "Выделенный менеджер отвечает на звонки в рабочее время. ";
  for (int i = 0; i < 6; ++i) body += filler;
  nlohmann::json root = {{"lang", "ru"},
                         {"articles",
                          {{{"id", "long"},
                            {"kind", "article"},
                            {"category", "c"},
                            {"title", "Длинная статья"},
                            {"body", body},
                            {"tags", {"поддержка"}}},
                           {{"id", "short"},
                            {"kind", "faq"},
                            {"category", "c"},
                            {"title", "Короткая"},
                            {"body", "Менеджер\n\nна   связи."}}}}};
  KnowledgeBase kb;
  kb.add_language("ru", root.dump());

  SUBCASE("around the first body match, cut at words, with ellipses") {
    const auto results = kb.search("ru", "выделенный");
    REQUIRE(results.size() == 1);
    const std::string& s = results[0].snippet;
    CHECK(is_valid_utf8(s));
    CHECK(s.find("Выделенный менеджер") != std::string::npos);
    CHECK(s.starts_with("…"));
    CHECK(s.ends_with("…"));
    CHECK(utf8_length(s) <= 162);
    CHECK(utf8_length(s) >= 120);
    // Cut between words: a space before the text, no letter right after it.
    const std::size_t dots = std::string("…").size();
    const std::string inner = s.substr(dots, s.size() - 2 * dots);
    const std::size_t at = body.find(inner);
    REQUIRE(at != std::string::npos);
    REQUIRE(at > 0);
    CHECK(body[at - 1] == ' ');
    const char after = body[at + inner.size()];
    CHECK((after == ' ' || after == '.'));
  }
  SUBCASE("no body match: the start of the body") {
    const auto results = kb.search("ru", "длинная");
    REQUIRE(results.size() == 1);
    CHECK(results[0].snippet.starts_with("Эта статья"));
    CHECK(results[0].snippet.ends_with("…"));
    CHECK(is_valid_utf8(results[0].snippet));
  }
  SUBCASE("a short body is the whole snippet, with whitespace collapsed") {
    const auto results = kb.search("ru", "менеджер");
    REQUIRE(results.size() == 2);
    const auto it =
        std::find_if(results.begin(), results.end(), [](const KbResult& r) { return r.article->id == "short"; });
    REQUIRE(it != results.end());
    CHECK(it->snippet == "Менеджер на связи.");
  }
  SUBCASE("a match near the end keeps the snippet full") {
    std::string tail_body;
    for (int i = 0; i < 6; ++i) tail_body += filler;
    tail_body += "Конец.";
    KnowledgeBase tail;
    tail.add_language(
        "ru", nlohmann::json{{"lang", "ru"},
                             {"articles",
                              {{{"id", "t"}, {"kind", "faq"}, {"category", "c"}, {"title", "T"}, {"body", tail_body}}}}}
                  .dump());
    const auto results = tail.search("ru", "конец");
    REQUIRE(results.size() == 1);
    CHECK(results[0].snippet.ends_with("Конец."));
    CHECK(utf8_length(results[0].snippet) >= 120);
  }
}

TEST_CASE("kb: snippets stay valid UTF-8 with emoji, long words and no words") {
  std::string emoji;
  for (int i = 0; i < 300; ++i) emoji += "😀";  // one 300-code-point "word"
  std::string dashes(400, '-');
  nlohmann::json root = {
      {"lang", "en"},
      {"articles",
       {{{"id", "e"}, {"kind", "faq"}, {"category", "c"}, {"title", "Emoji"}, {"body", emoji}},
        {{"id", "d"}, {"kind", "faq"}, {"category", "c"}, {"title", "Emoji dashes"}, {"body", dashes}}}}};
  KnowledgeBase kb;
  kb.add_language("en", root.dump());
  const auto results = kb.search("en", "emoji");
  REQUIRE(results.size() == 2);
  for (const KbResult& r : results) {
    CHECK(is_valid_utf8(r.snippet));
    CHECK(utf8_length(r.snippet) <= 161);
    CHECK(r.snippet.ends_with("…"));
  }
}

// ---- The real knowledge base in assets/kb ---------------------------------------------------

namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

}  // namespace

TEST_CASE("kb: the real assets/kb files load, agree and answer searches") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> languages = {
      {"en", {"dedicated agent"}}, {"ru", {"выделенный", "персональный менеджер"}}, {"bg", {"служител"}}};
  KnowledgeBase kb;
  std::vector<std::string> reference_ids;  // the ids of the first language found, in order
  for (const auto& entry : languages) {
    const std::string& lang = entry.first;  // not a structured binding: clang 14 cannot capture those
    const std::vector<std::string>& queries = entry.second;
    CAPTURE(lang);
    std::string path = PORTAL_ASSETS_DIR;  // appended step by step: g++ 12 warns falsely on a + b + c
    path.append("/kb/").append(lang).append(".json");
    std::string text;
    if (!read_file(path, text)) {
      MESSAGE("assets/kb/" << lang << ".json does not exist yet: skipped");
      continue;
    }
    REQUIRE_NOTHROW(kb.add_language(lang, text));
    const auto& articles = kb.articles(lang);
    CHECK(!articles.empty());

    std::vector<std::string> lang_ids;
    for (const KbArticle& a : articles) lang_ids.push_back(a.id);
    if (reference_ids.empty()) {
      reference_ids = lang_ids;
    } else {
      CHECK(lang_ids == reference_ids);  // same articles, same order, in every language
    }
    for (const std::string& query : queries) {
      CAPTURE(query);
      const auto results = kb.search(lang, query);
      CHECK(!results.empty());
      for (const KbResult& r : results) CHECK(is_valid_utf8(r.snippet));
    }
  }
}
