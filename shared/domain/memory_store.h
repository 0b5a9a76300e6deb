// The core's in-memory Store: used by the tests and by the offline demo in the browser, where
// its whole state is saved to IndexedDB after every change (to_json / from_json).
#pragma once
#include <map>
#include <mutex>
#include <string>

#include "domain/store.h"

namespace portal {

class MemoryStore : public Store {
 public:
  void write(const std::function<void(StoreTx&)>& fn) override;
  void read(const std::function<void(StoreTx&)>& fn) override;

  // Bumped by every successful write: the offline demo saves when it changes.
  std::uint64_t revision() const;

  // The whole state as JSON text, and back. from_json throws std::runtime_error on bad input.
  std::string to_json() const;
  void from_json(std::string_view text);

  struct Data {
    std::map<std::string, std::int64_t> sequences;
    std::map<std::string, Company> companies;
    std::map<std::string, Customer> customers;
    std::map<std::string, Agent> agents;
    std::map<std::string, Session> sessions;
    std::map<std::string, Request> requests;
    std::map<std::string, Booking> bookings;
    std::map<std::string, std::string> secrets;
    std::map<std::string, Chat> chats;
    std::map<std::string, bool> available_agents;  // agent id → true (a set that undo can restore)
  };

 private:
  mutable std::mutex mutex_;
  Data data_;
  std::uint64_t revision_ = 0;
};

}  // namespace portal
