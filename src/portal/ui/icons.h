// Font Awesome 4.7 icons used by the portal, as UTF-8 strings (merged into the body fonts).
// scripts/subset-fonts reads the \uXXXX codepoints from this file: add an icon here and the
// build keeps its glyph; an icon not listed renders as nothing.
#pragma once

namespace portal::icon {
inline constexpr char kHome[] = "\uf015";
inline constexpr char kTicket[] = "\uf145";
inline constexpr char kLifeRing[] = "\uf1cd";
inline constexpr char kComments[] = "\uf086";
inline constexpr char kBook[] = "\uf02d";
inline constexpr char kCog[] = "\uf013";
inline constexpr char kBars[] = "\uf0c9";
inline constexpr char kMoon[] = "\uf186";
inline constexpr char kSun[] = "\uf185";
inline constexpr char kWarning[] = "\uf071";
inline constexpr char kRefresh[] = "\uf021";
inline constexpr char kClock[] = "\uf017";
inline constexpr char kSearch[] = "\uf002";
inline constexpr char kUser[] = "\uf007";
inline constexpr char kQuestion[] = "\uf059";
inline constexpr char kSend[] = "\uf1d8";
inline constexpr char kCheck[] = "\uf00c";
inline constexpr char kClose[] = "\uf00d";
inline constexpr char kEnvelope[] = "\uf0e0";
inline constexpr char kSignOut[] = "\uf08b";
inline constexpr char kChevronRight[] = "\uf054";
inline constexpr char kInfo[] = "\uf05a";
inline constexpr char kCheckCircle[] = "\uf058";
inline constexpr char kPlus[] = "\uf067";
inline constexpr char kGlobe[] = "\uf0ac";
inline constexpr char kPhone[] = "\uf095";
inline constexpr char kLock[] = "\uf023";
inline constexpr char kCalendar[] = "\uf073";
inline constexpr char kInbox[] = "\uf01c";
inline constexpr char kBarChart[] = "\uf080";
inline constexpr char kTasks[] = "\uf0ae";
inline constexpr char kStar[] = "\uf005";
inline constexpr char kStarEmpty[] = "\uf006";
inline constexpr char kArrowUp[] = "\uf062";
inline constexpr char kLevelUp[] = "\uf148";
inline constexpr char kDownload[] = "\uf019";
inline constexpr char kChevronLeft[] = "\uf053";
inline constexpr char kReply[] = "\uf112";
inline constexpr char kUndo[] = "\uf0e2";
inline constexpr char kFilter[] = "\uf0b0";
inline constexpr char kMapMarker[] = "\uf041";
inline constexpr char kHeadphones[] = "\uf025";
inline constexpr char kHourglass[] = "\uf254";
inline constexpr char kExclamationCircle[] = "\uf06a";
}  // namespace portal::icon
