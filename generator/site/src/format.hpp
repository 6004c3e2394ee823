// Dates, amounts and labels in the site's language, from the theme's interface strings.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "gazette/core.hpp"
#include "model.hpp"

namespace gazette::site {

/// The theme's strings for one language, with {name} placeholders filled in.
class Strings {
 public:
  Strings(const std::map<std::string, std::string>& strings, std::string language)
      : strings_(strings), language_(std::move(language)) {}
  /// The string for `key`, or the key itself when the theme lacks it (visible, not fatal).
  const std::string& get(const std::string& key) const;
  /// get(key) with each {name} replaced.
  std::string format(const std::string& key,
                     std::initializer_list<std::pair<const char*, std::string>> args) const;
  const std::string& language() const { return language_; }
  const std::map<std::string, std::string>& all() const { return strings_; }

 private:
  const std::map<std::string, std::string>& strings_;
  std::string language_;
};

/// "ngày 12 tháng 4 năm 2023" / "12 April 2023".
std::string format_date_long(const Date& date, const Strings& s);
/// "12/4/2023" / "12 Apr 2023".
std::string format_date_short(const Date& date, const Strings& s);
/// "17:00, ngày 25 tháng 4 năm 2023" in the instant's own offset.
std::string format_deadline(const Instant& at, const Strings& s);
/// "còn 3 ngày" / "còn 5 giờ": time left before `deadline` at `now`.
std::string format_time_left(const Instant& deadline, const Instant& now, const Strings& s);
/// The first moment after `now` at which format_time_left() reads differently; none when past.
std::optional<Instant> next_time_left_change(const Instant& deadline, const Instant& now);
/// Million VND with the language's separators: "1.500,5" (vi) / "1,500.5" (en).
std::string format_amount(Money value, const Strings& s);
/// "Thông báo", "Công văn hướng dẫn"…
std::string kind_label(content::Kind kind, const Strings& s);
/// The CSS and data name of a call state: "open", "closing-soon", "closed"…
const char* state_name(CallState state);
std::string state_label(CallState state, const Strings& s);

}  // namespace gazette::site
