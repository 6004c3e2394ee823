// Dates, amounts and labels in the site's language, from the theme's interface strings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "gazette/content.hpp"
#include "gazette/core.hpp"
#include "strings.hpp"

namespace gazette::render {

/// "ngày 12 tháng 4 năm 2023" / "12 April 2023".
std::string format_date_long(const Date& date, const Strings& s);
/// "12/4/2023" / "12 Apr 2023".
std::string format_date_short(const Date& date, const Strings& s);
/// "17:00, ngày 25 tháng 4 năm 2023" in the instant's own offset.
std::string format_deadline(const Instant& at, const Strings& s);
/// "còn 3 ngày" / "còn 5 giờ": time left before `deadline` at `now`.
std::string format_time_left(const Instant& deadline, const Instant& now, const Strings& s);
/// "mở sau 2 ngày" / "opens in 2 days": time before an upcoming call opens.
std::string format_opens_in(const Instant& opens, const Instant& now, const Strings& s);
/// Million VND with the language's separators: "1.500,5" (vi) / "1,500.5" (en).
std::string format_amount(Money value, const Strings& s);
/// "Thông báo", "Công văn hướng dẫn"…
std::string kind_label(content::Kind kind, const Strings& s);
/// "Đang nhận hồ sơ", "Đã hết hạn"…: a call state as readers see it.
std::string state_label(CallState state, const Strings& s);

}  // namespace gazette::render
