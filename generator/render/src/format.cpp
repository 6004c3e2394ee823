#include "format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gazette::render {

std::string format_date_long(const Date& date, const Strings& s) {
  return s.format("date_long", {{"day", std::to_string(date.day)},
                                {"month", std::to_string(date.month)},
                                {"month_name", s.get("month_" + std::to_string(date.month))},
                                {"year", std::to_string(date.year)}});
}

std::string format_date_short(const Date& date, const Strings& s) {
  return s.format("date_short", {{"day", std::to_string(date.day)},
                                 {"month", std::to_string(date.month)},
                                 {"month_abbr", s.get("month_abbr_" + std::to_string(date.month))},
                                 {"year", std::to_string(date.year)}});
}

std::string format_deadline(const Instant& at, const Strings& s) {
  LocalTime t = local_time(at);
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", t.hour % 100, t.minute % 100);
  int off = at.offset_minutes;
  std::string offset =
      "UTC" + std::string(off < 0 ? "-" : "+") + std::to_string(std::abs(off) / 60);
  if (off % 60 != 0) offset += ":" + std::to_string(std::abs(off) % 60);
  return s.format("deadline_at",
                  {{"time", time}, {"date", format_date_long(t.date, s)}, {"offset", offset}});
}

namespace {

// The time from `now` to `at` in its unit (core's time_left_unit, as the script counts),
// worded by the keys `<unit>_<suffix>`; "" once `at` has come.
std::string format_time_to(const Instant& at, const Instant& now, const std::string& suffix,
                           const Strings& s) {
  std::int64_t left = at.epoch_seconds - now.epoch_seconds;
  if (left <= 0) return {};
  std::int64_t unit = time_left_unit(left);
  std::string n = std::to_string(std::max<std::int64_t>(1, left / unit));
  std::string key = unit == 86400 ? "days" : unit == 3600 ? "hours" : "minutes";
  return s.format(key + "_" + suffix, {{"n", n}});
}

}  // namespace

std::string format_time_left(const Instant& deadline, const Instant& now, const Strings& s) {
  return format_time_to(deadline, now, "left", s);
}

std::string format_opens_in(const Instant& opens, const Instant& now, const Strings& s) {
  return format_time_to(opens, now, "to_open", s);
}

std::string format_amount(Money value, const Strings& s) {
  bool vi = s.language() == "vi";
  return format_money(value, vi ? "." : ",", vi ? ',' : '.');
}

std::string kind_label(content::Kind kind, const Strings& s) {
  std::string key = "kind_" + std::string(content::kind_name(kind));
  for (char& c : key) c = c == '-' ? '_' : c;
  return s.get(key);
}

std::string state_label(CallState state, const Strings& s) {
  std::string key = std::string("state_") + state_name(state);
  for (char& c : key) c = c == '-' ? '_' : c;
  return s.get(key);
}

}  // namespace gazette::render
