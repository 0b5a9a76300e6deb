// iCalendar (RFC 5545) invitations for booked calls.
#pragma once
#include <string>

#include "time/civil.h"

namespace portal {

struct IcsEvent {
  std::string uid;  // stable across reschedules: "booking-<id>@support-portal"
  int sequence = 0;
  Instant stamp = 0;  // DTSTAMP
  Instant start = 0;
  Instant end = 0;
  std::string summary, description, location;
  std::string organizer_name, organizer_email;
  std::string attendee_name, attendee_email;
  bool cancelled = false;  // METHOD:CANCEL + STATUS:CANCELLED
};

// A complete VCALENDAR: CRLF line ends, TEXT escaping (\\ \; \, \n), lines folded at 75 octets
// without splitting a UTF-8 sequence, times in UTC ("20261123T090000Z").
std::string make_ics(const IcsEvent& event);

// A file name people can read: "call-2026-11-24-0900-boris-petrov.ics" (the start in UTC, the
// agent's name in lower-case ASCII, Cyrillic transliterated), "-cancelled" for a cancellation.
std::string ics_file_name(const IcsEvent& event, const std::string& agent_name);

}  // namespace portal
