// Dates in a query: "3/5/2024", "03-05-2024", "ngày 3 tháng 5 năm 2024", "ngày 3 tháng 5".
#include "query.hpp"

namespace gazette::search::detail {

namespace {

bool is_number(const std::string& w, int& value) {
  if (w.empty() || w.size() > 4) return false;
  value = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

}  // namespace

// A date written with digits: d/m/yyyy, d-m-yyyy, d.m.yyyy, yyyy-mm-dd; or, when
// `day_month` (after "ngày"), d/m too. The chunk may end with punctuation.
std::optional<QueryItem> numeric_date(std::string_view chunk, bool day_month) {
  while (!chunk.empty() && (chunk.back() == ',' || chunk.back() == ';' || chunk.back() == ')' ||
                            chunk.back() == '.' || chunk.back() == ':')) {
    chunk.remove_suffix(1);
  }
  std::vector<int> parts;
  std::vector<std::size_t> lengths;
  char separator = 0;
  std::size_t i = 0;
  while (i < chunk.size()) {
    std::size_t start = i;
    int v = 0;
    while (i < chunk.size() && chunk[i] >= '0' && chunk[i] <= '9' && i - start < 4) {
      v = v * 10 + (chunk[i] - '0');
      ++i;
    }
    if (i == start) return std::nullopt;
    parts.push_back(v);
    lengths.push_back(i - start);
    if (i == chunk.size()) break;
    char c = chunk[i];
    if ((c != '/' && c != '-' && c != '.') || (separator && c != separator)) return std::nullopt;
    separator = c;
    ++i;
  }
  QueryItem item;
  item.type = QueryItem::Type::date;
  if (parts.size() == 3 && lengths[0] == 4 && separator == '-') {
    item.date = {parts[0], parts[1], parts[2]};  // ISO
  } else if (parts.size() == 3 && lengths[0] <= 2 && lengths[1] <= 2 && lengths[2] == 4) {
    item.date = {parts[2], parts[1], parts[0]};
  } else if (parts.size() == 2 && day_month && lengths[0] <= 2 && lengths[1] <= 2) {
    item.date = {2000, parts[1], parts[0]};  // a leap year: 29/2 is a day
    item.any_year = true;
  } else {
    return std::nullopt;
  }
  if (!is_valid_date(item.date.year, item.date.month, item.date.day)) return std::nullopt;
  return item;
}

// "ngày 3 tháng 5 năm 2024", "ngày 3 tháng 5", "3 tháng 5 năm 2024", and "ngày" before a
// date written with digits: each becomes one date item.
void find_dates(std::vector<QueryItem>& items, TermCache& cache) {
  std::vector<std::string> words(items.size());
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (items[k].type == QueryItem::Type::word) {
      words[k] = cache.forms(items[k].words[0], !has_marks(items[k].words[0])).second;
    }
  }
  auto folded = [&](std::size_t k) -> const std::string& {
    static const std::string kNone;
    return k < words.size() ? words[k] : kNone;
  };
  std::vector<QueryItem> out;
  for (std::size_t k = 0; k < items.size(); ++k) {
    bool ngay = folded(k) == "ngay";
    std::size_t d = ngay ? k + 1 : k;
    int day = 0, month = 0, year = 0;
    if (is_number(folded(d), day) && folded(d + 1) == "thang" && is_number(folded(d + 2), month)) {
      bool with_year = folded(d + 3) == "nam" && is_number(folded(d + 4), year) && year >= 1000;
      if ((ngay || with_year) && is_valid_date(with_year ? year : 2000, month, day)) {
        std::size_t end = with_year ? d + 5 : d + 3;
        QueryItem date;
        date.type = QueryItem::Type::date;
        date.date = {with_year ? year : 2000, month, day};
        date.any_year = !with_year;
        for (std::size_t j = k; j < end; ++j) {
          date.words.push_back(items[j].words[0]);
          date.offsets.push_back(items[j].offsets[0]);
        }
        out.push_back(std::move(date));
        k = end - 1;
        continue;
      }
    }
    if (ngay && k + 1 < items.size()) {
      QueryItem& next = items[k + 1];
      if (next.type == QueryItem::Type::date) continue;  // "ngày 3/5/2024": the date says it
      if (next.type == QueryItem::Type::number) {
        if (auto date = numeric_date(next.number, true)) {
          date->words = next.words;
          date->offsets = next.offsets;
          out.push_back(std::move(*date));
          ++k;
          continue;
        }
      }
    }
    out.push_back(std::move(items[k]));
  }
  items = std::move(out);
}

}  // namespace gazette::search::detail
