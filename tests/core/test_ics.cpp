// iCalendar invitations: structure, CRLF, escaping, folding of long UTF-8 lines, cancellation.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "domain/ics.h"
#include "domain/text.h"
#include "time/civil.h"

using namespace portal;

namespace {

Instant at(int year, int month, int day, int hour, int minute) {
  return days_from_civil({year, month, day}) * kSecondsPerDay + hour * 3600 + minute * 60;
}

IcsEvent sample_event() {
  IcsEvent e;
  e.uid = "booking-42@support-portal";
  e.sequence = 2;
  e.stamp = at(2026, 11, 20, 8, 30);
  e.start = at(2026, 11, 23, 9, 0);
  e.end = at(2026, 11, 23, 9, 30);
  e.summary = "Support call";
  e.description = "Topic: support";
  e.organizer_name = "Anna Petrova";
  e.organizer_email = "anna@support.example";
  e.attendee_name = "Bob Smith";
  e.attendee_email = "bob@client.example";
  return e;
}

// The physical lines (split at CRLF; the final CRLF leaves no empty line).
std::vector<std::string> physical_lines(const std::string& ics) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  while (from < ics.size()) {
    const std::size_t crlf = ics.find("\r\n", from);
    if (crlf == std::string::npos) {
      lines.push_back(ics.substr(from));
      break;
    }
    lines.push_back(ics.substr(from, crlf - from));
    from = crlf + 2;
  }
  return lines;
}

// RFC 5545 3.1 unfolding: remove every CRLF followed by one space, then split into lines.
std::vector<std::string> content_lines(std::string ics) {
  std::string unfolded;
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    unfolded += ics[i];
  }
  return physical_lines(unfolded);
}

std::string property(const std::string& ics, const std::string& name) {
  for (const std::string& line : content_lines(ics)) {
    if (line.starts_with(name + ":") || line.starts_with(name + ";")) return line;
  }
  return "";
}

int count(const std::vector<std::string>& lines, const std::string& line) {
  int n = 0;
  for (const std::string& l : lines) n += l == line ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("ics: a complete invitation") {
  const std::string ics = make_ics(sample_event());
  const std::vector<std::string> expected = {
      "BEGIN:VCALENDAR",
      "PRODID:-//Support Portal//Calls//EN",
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
      "METHOD:REQUEST",
      "BEGIN:VEVENT",
      "UID:booking-42@support-portal",
      "SEQUENCE:2",
      "DTSTAMP:20261120T083000Z",
      "DTSTART:20261123T090000Z",
      "DTEND:20261123T093000Z",
      "SUMMARY:Support call",
      "DESCRIPTION:Topic: support",
      "ORGANIZER;CN=Anna Petrova:mailto:anna@support.example",
      "ATTENDEE;CN=Bob Smith;ROLE=REQ-PARTICIPANT:mailto:bob@client.example",
      "STATUS:CONFIRMED",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "DESCRIPTION:Support call",
      "TRIGGER:-PT15M",
      "END:VALARM",
      "END:VEVENT",
      "END:VCALENDAR",
  };
  CHECK(content_lines(ics) == expected);
}

TEST_CASE("ics: CRLF line ends only") {
  const std::string ics = make_ics(sample_event());
  REQUIRE(ics.ends_with("\r\n"));
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') CHECK((i > 0 && ics[i - 1] == '\r'));
    if (ics[i] == '\r') CHECK((i + 1 < ics.size() && ics[i + 1] == '\n'));
  }
}

TEST_CASE("ics: TEXT values are escaped") {
  IcsEvent e = sample_event();
  e.summary = "Call; setup, review";
  e.description = "Line one\nLine two\r\nC:\\path; a,b";
  e.location = "Room 1, floor 2";
  const std::string ics = make_ics(e);
  CHECK(property(ics, "SUMMARY") == "SUMMARY:Call\\; setup\\, review");
  CHECK(property(ics, "DESCRIPTION") == "DESCRIPTION:Line one\\nLine two\\nC:\\\\path\\; a\\,b");
  CHECK(property(ics, "LOCATION") == "LOCATION:Room 1\\, floor 2");
}

TEST_CASE("ics: LOCATION only when there is one") { CHECK(property(make_ics(sample_event()), "LOCATION") == ""); }

TEST_CASE("ics: CN parameters are quoted when needed and never hold a DQUOTE") {
  IcsEvent e = sample_event();
  e.organizer_name = "Petrova, Anna";
  e.attendee_name = "Bob \"the client\" Smith: CEO";
  const std::string ics = make_ics(e);
  CHECK(property(ics, "ORGANIZER") == "ORGANIZER;CN=\"Petrova, Anna\":mailto:anna@support.example");
  CHECK(property(ics, "ATTENDEE") ==
        "ATTENDEE;CN=\"Bob the client Smith: CEO\";ROLE=REQ-PARTICIPANT:mailto:bob@client.example");

  e.organizer_name = "Анна Петрова";  // UTF-8 needs no quoting
  CHECK(property(make_ics(e), "ORGANIZER") == "ORGANIZER;CN=Анна Петрова:mailto:anna@support.example");
  e.organizer_name = "";  // no name: no CN at all
  CHECK(property(make_ics(e), "ORGANIZER") == "ORGANIZER:mailto:anna@support.example");
}

TEST_CASE("ics: line breaks in names or emails cannot inject properties") {
  IcsEvent e = sample_event();
  e.attendee_name = "Bob\r\nATTENDEE:mailto:evil@example";
  e.attendee_email = "bob@client.example\nX-EVIL:1";
  const auto lines = content_lines(make_ics(e));
  for (const std::string& line : lines) {
    CHECK_FALSE(line.starts_with("X-EVIL"));
    CHECK_FALSE(line.starts_with("ATTENDEE:mailto:evil"));
  }
}

TEST_CASE("ics: long Cyrillic lines are folded at 75 octets, never inside a character") {
  IcsEvent e = sample_event();
  std::string description;
  for (int i = 0; i < 12; ++i)
    description +=
        "Обсуждение изменений в настройке, ёмкость 🙂 и «тарифы»; ";
  e.description = description;
  e.summary = std::string(200, 'x');  // ASCII: folds at exactly 75 octets
  const std::string ics = make_ics(e);

  bool folded = false;
  for (const std::string& line : physical_lines(ics)) {
    CAPTURE(line);
    CHECK(line.size() <= 75);
    CHECK(is_valid_utf8(line));  // a split UTF-8 sequence would make a line invalid
    folded = folded || line.starts_with(" ");
  }
  CHECK(folded);
  CHECK(physical_lines(ics)[11].size() == 75);  // "SUMMARY:xxx…" fills its first line

  // Unfolding gives back the escaped text exactly.
  std::string escaped;
  for (char ch : description) {
    if (ch == ';' || ch == ',') escaped += '\\';
    escaped += ch;
  }
  CHECK(property(ics, "DESCRIPTION") == "DESCRIPTION:" + escaped);
  CHECK(property(ics, "SUMMARY") == "SUMMARY:" + std::string(200, 'x'));
}

TEST_CASE("ics: a line of exactly 75 octets is not folded") {
  IcsEvent e = sample_event();
  e.summary = std::string(75 - std::string("SUMMARY:").size(), 'y');
  const auto lines = physical_lines(make_ics(e));
  CHECK(count(lines, "SUMMARY:" + e.summary) == 1);
  e.summary += 'y';
  const auto longer = physical_lines(make_ics(e));
  CHECK(count(longer, " y") == 1);
}

TEST_CASE("ics: the UID is stable across reschedules, the SEQUENCE moves") {
  IcsEvent first = sample_event();
  IcsEvent moved = first;
  moved.sequence = 3;
  moved.start += 3600;
  moved.end += 3600;
  const std::string a = make_ics(first);
  const std::string b = make_ics(moved);
  CHECK(property(a, "UID") == property(b, "UID"));
  CHECK(property(a, "SEQUENCE") == "SEQUENCE:2");
  CHECK(property(b, "SEQUENCE") == "SEQUENCE:3");
  CHECK(property(b, "DTSTART") == "DTSTART:20261123T100000Z");
  CHECK(make_ics(first) == a);  // deterministic
}

TEST_CASE("ics: a cancelled call") {
  IcsEvent e = sample_event();
  e.cancelled = true;
  e.sequence = 4;
  const auto lines = content_lines(make_ics(e));
  CHECK(count(lines, "METHOD:CANCEL") == 1);
  CHECK(count(lines, "METHOD:REQUEST") == 0);
  CHECK(count(lines, "STATUS:CANCELLED") == 1);
  CHECK(count(lines, "STATUS:CONFIRMED") == 0);
  CHECK(count(lines, "BEGIN:VALARM") == 0);
  CHECK(count(lines, "UID:booking-42@support-portal") == 1);
  CHECK(count(lines, "SEQUENCE:4") == 1);
}

TEST_CASE("ics: times before 1970 and invalid UTF-8 do not break the output") {
  IcsEvent e = sample_event();
  e.start = -1;  // 1969-12-31T23:59:59Z
  e.summary = "bad \xFF\xC0 bytes";
  const std::string ics = make_ics(e);
  CHECK(property(ics, "DTSTART") == "DTSTART:19691231T235959Z");
  CHECK(property(ics, "SUMMARY") == "SUMMARY:bad  bytes");
  CHECK(is_valid_utf8(ics));
}
