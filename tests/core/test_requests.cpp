// The request rules of shared/domain/requests.*: status and level names at the edges.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "domain/model.h"
#include "domain/requests.h"

namespace portal {
namespace {

TEST_CASE("request status and level: names round trip, unknown names are refused") {
  for (RequestStatus s : {RequestStatus::kNew, RequestStatus::kOpen, RequestStatus::kPending, RequestStatus::kResolved,
                          RequestStatus::kClosed}) {
    CHECK(parse_request_status(to_string(s)) == s);
    const nlohmann::json j = s;
    CHECK(j.is_string());
    CHECK(j.get<RequestStatus>() == s);
  }
  for (Level l : {Level::kL1, Level::kL2, Level::kL3}) {
    CHECK(parse_level(to_string(l)) == l);
    const nlohmann::json j = l;
    CHECK(j == to_string(l));
    CHECK(j.get<Level>() == l);
  }
  CHECK(std::string(to_string(RequestStatus::kResolved)) == "resolved");
  CHECK(std::string(to_string(Level::kL2)) == "L2");
  CHECK_FALSE(parse_request_status("Open"));
  CHECK_FALSE(parse_request_status(""));
  CHECK_FALSE(parse_level("l2"));
  CHECK_FALSE(parse_level("L4"));
  CHECK(request_status_or("nonsense", RequestStatus::kNew) == RequestStatus::kNew);
  CHECK(level_or("L3", Level::kL1) == Level::kL3);
  CHECK_THROWS(nlohmann::json("L9").get<Level>());
  CHECK_THROWS(nlohmann::json(2).get<RequestStatus>());
  CHECK(parse_status_field("closed") == RequestStatus::kClosed);
  CHECK_THROWS(parse_status_field("done"));
}

}  // namespace
}  // namespace portal
