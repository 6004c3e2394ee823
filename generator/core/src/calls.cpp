#include <algorithm>

#include "gazette/core.hpp"

namespace gazette {

namespace {

constexpr std::int64_t kDay = 86400;

// Results count from the start of their day in the deadline's offset.
Instant results_start(const CallTimes& call) {
  return make_instant(*call.results_date, 0, 0, 0, call.deadline->offset_minutes);
}

}  // namespace

CallState call_state(const CallTimes& call, Instant now, int closing_soon_days) {
  if (!call.deadline) return CallState::none;
  if (call.opens && now < *call.opens) return CallState::upcoming;
  if (now < *call.deadline) {
    std::int64_t left = call.deadline->epoch_seconds - now.epoch_seconds;
    return left <= std::int64_t{closing_soon_days} * kDay ? CallState::closing_soon
                                                          : CallState::open;
  }
  // Results: once their date has come, or named without a date.
  if (call.results_date) {
    if (now >= results_start(call)) return CallState::results;
  } else if (call.results_named) {
    return CallState::results;
  }
  return CallState::closed;
}

bool is_open(CallState state) {
  return state == CallState::open || state == CallState::closing_soon;
}

const char* state_name(CallState state) {
  switch (state) {
    case CallState::none:
      return "none";
    case CallState::upcoming:
      return "upcoming";
    case CallState::open:
      return "open";
    case CallState::closing_soon:
      return "closing-soon";
    case CallState::closed:
      return "closed";
    case CallState::results:
      return "results";
  }
  return "none";
}

std::optional<Instant> earliest(std::optional<Instant> a, std::optional<Instant> b) {
  return !a ? b : !b ? a : std::min(*a, *b);
}

std::optional<Instant> next_state_change(const CallTimes& call, Instant now,
                                         int closing_soon_days) {
  if (!call.deadline) return std::nullopt;
  std::optional<Instant> next;
  auto consider = [&](Instant at) {
    if (at > now) next = earliest(next, at);
  };
  if (call.opens) consider(*call.opens);
  Instant soon = *call.deadline;
  soon.epoch_seconds -= std::int64_t{closing_soon_days} * kDay;
  consider(soon);
  consider(*call.deadline);
  if (call.results_date) consider(results_start(call));
  return next;
}

std::int64_t time_left_unit(std::int64_t seconds_left) {
  return seconds_left >= 2 * kDay ? kDay : seconds_left >= 3600 ? 3600 : 60;
}

std::optional<Instant> next_time_left_change(const Instant& deadline, const Instant& now) {
  std::int64_t left = deadline.epoch_seconds - now.epoch_seconds;
  if (left <= 0) return std::nullopt;
  std::int64_t unit = time_left_unit(left);
  // Once a unit fewer is left; at the deadline itself the time left is no longer shown.
  return Instant{std::min(deadline.epoch_seconds, deadline.epoch_seconds - left / unit * unit + 1),
                 now.offset_minutes};
}

}  // namespace gazette
