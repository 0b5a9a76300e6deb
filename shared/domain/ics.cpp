#include "domain/ics.h"

#include <cstdio>
#include <string_view>

#include "domain/text.h"

namespace portal {
namespace {

constexpr std::size_t kMaxLineOctets = 75;  // RFC 5545 3.1, without the CRLF

// Valid UTF-8 without control characters except tab and line breaks (a stray CR or LF in a
// name or email must not start a new content line).
std::string clean(std::string_view value, bool keep_newlines) {
  std::string out;
  const std::string valid = utf8_scrub(value);
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const char ch = valid[i];
    if (ch == '\r') {  // CRLF and lone CR both become one LF
      if (keep_newlines) out += '\n';
      if (i + 1 < valid.size() && valid[i + 1] == '\n') ++i;
      continue;
    }
    if (ch == '\n') {
      if (keep_newlines) out += '\n';
      continue;
    }
    const auto byte = static_cast<unsigned char>(ch);
    if ((byte < 0x20 && ch != '\t') || byte == 0x7F) continue;
    out += ch;
  }
  return out;
}

// TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped.
std::string escape_text(std::string_view value) {
  std::string out;
  for (char ch : clean(value, true)) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      default: out += ch;
    }
  }
  return out;
}

// A parameter value (CN=...): DQUOTE cannot appear at all; quoted when it holds , ; or :.
std::string param_value(std::string_view value) {
  std::string out;
  for (char ch : clean(value, false)) {
    if (ch != '"') out += ch;
  }
  if (out.find_first_of(",;:") != std::string::npos) out = '"' + out + '"';
  return out;
}

std::string utc(Instant t) {
  const CivilDate d = civil_from_days(floor_div(t, kSecondsPerDay));
  const auto s = static_cast<int>(floor_mod(t, kSecondsPerDay));
  char buffer[80];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d%02dZ", d.year, d.month, d.day, s / 3600, s / 60 % 60,
                s % 60);
  return buffer;
}

// Appends one content line, folded (RFC 5545 3.1): at most 75 octets per line, continuation
// lines start with a space, and no break falls inside a UTF-8 sequence.
void add_line(std::string& out, std::string_view line) {
  std::size_t room = kMaxLineOctets;
  while (line.size() > room) {
    std::size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if (cut == 0) cut = room;  // cannot happen with valid UTF-8; never loop forever
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    room = kMaxLineOctets - 1;  // the leading space counts
  }
  out.append(line);
  out += "\r\n";
}

std::string person(std::string_view property, std::string_view name, std::string_view email,
                   std::string_view extra_params) {
  std::string line(property);
  if (const std::string cn = param_value(name); !cn.empty()) line += ";CN=" + cn;
  line += extra_params;
  line += ":mailto:" + clean(email, false);
  return line;
}

}  // namespace

std::string make_ics(const IcsEvent& e) {
  std::string out;
  const auto add = [&out](std::string_view line) { add_line(out, line); };
  add("BEGIN:VCALENDAR");
  add("PRODID:-//Support Portal//Calls//EN");
  add("VERSION:2.0");
  add("CALSCALE:GREGORIAN");
  add(e.cancelled ? "METHOD:CANCEL" : "METHOD:REQUEST");
  add("BEGIN:VEVENT");
  add("UID:" + escape_text(e.uid));
  add("SEQUENCE:" + std::to_string(e.sequence));
  add("DTSTAMP:" + utc(e.stamp));
  add("DTSTART:" + utc(e.start));
  add("DTEND:" + utc(e.end));
  add("SUMMARY:" + escape_text(e.summary));
  add("DESCRIPTION:" + escape_text(e.description));
  if (!e.location.empty()) add("LOCATION:" + escape_text(e.location));
  add(person("ORGANIZER", e.organizer_name, e.organizer_email, ""));
  add(person("ATTENDEE", e.attendee_name, e.attendee_email, ";ROLE=REQ-PARTICIPANT"));
  add(e.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  if (!e.cancelled) {
    add("BEGIN:VALARM");
    add("ACTION:DISPLAY");
    add("DESCRIPTION:" + escape_text(e.summary));  // DISPLAY alarms need a DESCRIPTION
    add("TRIGGER:-PT15M");
    add("END:VALARM");
  }
  add("END:VEVENT");
  add("END:VCALENDAR");
  return out;
}

namespace {

// Russian and Bulgarian letters in Latin (a file name for any mail client and file system).
const char* transliterate(char32_t c) {
  static const char* const kLower[] = {"a",  "b",  "v",  "g",   "d", "e", "zh", "z", "i",  "y", "k",
                                       "l",  "m",  "n",  "o",   "p", "r", "s",  "t", "u",  "f", "h",
                                       "ts", "ch", "sh", "sht", "a", "y", "y",  "e", "yu", "ya"};
  if (c >= U'\u0410' && c <= U'\u042F') c += 0x20;  // А-Я → а-я
  if (c >= U'\u0430' && c <= U'\u044F') return kLower[c - U'\u0430'];
  if (c == U'\u0451' || c == U'\u0401') return "e";  // ё
  return nullptr;
}

}  // namespace

std::string ics_file_name(const IcsEvent& e, const std::string& agent_name) {
  std::string slug;
  const std::string name = utf8_scrub(agent_name);
  for (std::size_t i = 0; i < name.size();) {
    const auto b = static_cast<unsigned char>(name[i]);
    char32_t c = b;
    std::size_t n = 1;
    if (b >= 0xF0) n = 4, c = b & 0x07;
    else if (b >= 0xE0) n = 3, c = b & 0x0F;
    else if (b >= 0xC0) n = 2, c = b & 0x1F;
    for (std::size_t k = 1; k < n && i + k < name.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(name[i + k]) & 0x3F);
    i += n;
    std::string part;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) part = static_cast<char>(c);
    else if (c >= 'A' && c <= 'Z') part = static_cast<char>(c - 'A' + 'a');
    else if (const char* t = transliterate(c)) part = t;
    if (part.empty()) {
      if (!slug.empty() && slug.back() != '-') slug += '-';
    } else {
      slug += part;
    }
    if (slug.size() > 40) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  const CivilDate d = civil_from_days(floor_div(e.start, kSecondsPerDay));
  const auto s = static_cast<int>(floor_mod(e.start, kSecondsPerDay));
  char when[32];
  std::snprintf(when, sizeof when, "%04d-%02d-%02d-%02d%02d", d.year, d.month, d.day, s / 3600, s / 60 % 60);
  return std::string("call-") + when + (slug.empty() ? "" : "-" + slug) + (e.cancelled ? "-cancelled" : "") + ".ics";
}

}  // namespace portal
