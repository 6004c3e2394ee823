#include <doctest/doctest.h>

#include "gazette/core.hpp"

using namespace gazette;

namespace {

Instant at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

CallTimes call(const char* deadline, const char* opens = nullptr) {
  CallTimes c;
  c.deadline = at(deadline);
  if (opens) c.opens = at(opens);
  return c;
}

}  // namespace

TEST_CASE("core: a call is open until the second of its deadline, then closed") {
  CallTimes c = call("2023-04-25T17:00:00+07:00");
  CHECK(call_state(c, at("2023-04-01T09:00:00+07:00"), 7) == CallState::open);
  CHECK(call_state(c, at("2023-04-25T16:59:59+07:00"), 7) == CallState::closing_soon);
  CHECK(call_state(c, at("2023-04-25T17:00:00+07:00"), 7) == CallState::closed);
  CHECK(call_state(CallTimes{}, at("2023-04-25T17:00:00+07:00"), 7) == CallState::none);
  CHECK(is_open(CallState::open));
  CHECK(is_open(CallState::closing_soon));
  CHECK_FALSE(is_open(CallState::upcoming));
  CHECK_FALSE(is_open(CallState::closed));
}

TEST_CASE("core: closing soon starts exactly closing_soon_days before the deadline") {
  CallTimes c = call("2023-04-25T17:00:00+07:00");
  CHECK(call_state(c, at("2023-04-18T16:59:59+07:00"), 7) == CallState::open);
  CHECK(call_state(c, at("2023-04-18T17:00:00+07:00"), 7) == CallState::closing_soon);
}

TEST_CASE("core: a call that opens later is upcoming until it opens") {
  CallTimes c = call("2023-04-25T17:00:00+07:00", "2023-04-10T08:00:00+07:00");
  CHECK(call_state(c, at("2023-04-10T07:59:59+07:00"), 7) == CallState::upcoming);
  CHECK(call_state(c, at("2023-04-10T08:00:00+07:00"), 7) == CallState::open);
}

TEST_CASE("core: results show from the start of their day, or at once when named") {
  CallTimes c = call("2023-04-25T17:00:00+07:00");
  c.results_date = Date{2023, 5, 10};
  CHECK(call_state(c, at("2023-05-09T23:59:59+07:00"), 7) == CallState::closed);
  CHECK(call_state(c, at("2023-05-10T00:00:00+07:00"), 7) == CallState::results);
  CallTimes named = call("2023-04-25T17:00:00+07:00");
  named.results_named = true;
  CHECK(call_state(named, at("2023-04-25T17:00:00+07:00"), 7) == CallState::results);
}

TEST_CASE("core: the next state change is the first of opening, closing soon, closing, results") {
  CallTimes c = call("2023-04-25T17:00:00+07:00", "2023-04-10T08:00:00+07:00");
  c.results_date = Date{2023, 5, 10};
  CHECK(next_state_change(c, at("2023-04-01T00:00:00+07:00"), 7) ==
        at("2023-04-10T08:00:00+07:00"));
  CHECK(next_state_change(c, at("2023-04-12T00:00:00+07:00"), 7) ==
        at("2023-04-18T17:00:00+07:00"));
  CHECK(next_state_change(c, at("2023-04-20T00:00:00+07:00"), 7) ==
        at("2023-04-25T17:00:00+07:00"));
  CHECK(next_state_change(c, at("2023-04-25T17:00:00+07:00"), 7) ==
        at("2023-05-10T00:00:00+07:00"));
  CHECK(next_state_change(c, at("2023-05-10T00:00:00+07:00"), 7) == std::nullopt);
  CHECK(next_state_change(CallTimes{}, at("2023-05-10T00:00:00+07:00"), 7) == std::nullopt);
}

TEST_CASE("core: time left is told in days from two days, hours from an hour, then minutes") {
  CHECK(time_left_unit(std::int64_t{2} * 86400) == 86400);
  CHECK(time_left_unit(std::int64_t{2} * 86400 - 1) == 3600);
  CHECK(time_left_unit(3600) == 3600);
  CHECK(time_left_unit(3599) == 60);
  Instant deadline = at("2023-04-25T17:00:00+07:00");
  // 3 days and 1 second left: "3 days" until 3 days are left, and a second more.
  CHECK(next_time_left_change(deadline, at("2023-04-22T16:59:59+07:00")) ==
        at("2023-04-22T17:00:01+07:00"));
  CHECK(next_time_left_change(deadline, at("2023-04-25T16:59:30+07:00")) == deadline);
  CHECK(next_time_left_change(deadline, deadline) == std::nullopt);
  CHECK(earliest(std::nullopt, deadline) == deadline);
  CHECK(earliest(deadline, at("2023-04-01T00:00:00+07:00")) == at("2023-04-01T00:00:00+07:00"));
}

TEST_CASE("core: call states have one name each, as CSS and JSON use them") {
  CHECK(std::string(state_name(CallState::none)) == "none");
  CHECK(std::string(state_name(CallState::upcoming)) == "upcoming");
  CHECK(std::string(state_name(CallState::open)) == "open");
  CHECK(std::string(state_name(CallState::closing_soon)) == "closing-soon");
  CHECK(std::string(state_name(CallState::closed)) == "closed");
  CHECK(std::string(state_name(CallState::results)) == "results");
}
