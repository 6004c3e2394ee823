#include <algorithm>

#include "gazette/core.hpp"

namespace gazette {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return i;
    }
    i += len;
  }
  return std::nullopt;
}

void append_html_escaped(std::string& out, std::string_view text) {
  // Copies runs of ordinary bytes at once; most text has few characters to escape.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* entity;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:
        continue;
    }
    out.append(text.data() + run, i - run);
    out += entity;
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_html_escaped(out, text);
  return out;
}

std::size_t bidi_control_at(std::string_view text, std::size_t i) {
  if (text.size() - i < 3 || text[i] != '\xE2') return 0;
  auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
  bool marks = b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F);     // U+200E, U+200F
  bool embeddings = b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE;  // U+202A–U+202E
  bool isolates = b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9;    // U+2066–U+2069
  return marks || embeddings || isolates ? 3 : 0;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;  // not allowed in XML 1.0
    if (std::size_t n = bidi_control_at(text, i)) {  // XML text cannot isolate them: dropped
      i += n - 1;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

bool starts_formula(std::string_view cell) {
  return !cell.empty() && std::string_view("=+-@\t\r\n").find(cell[0]) != std::string_view::npos;
}

// -1500.5, 12, 0.25: what gazette writes in its number columns.
bool is_plain_number(std::string_view cell) {
  if (!cell.empty() && cell[0] == '-') cell.remove_prefix(1);
  std::size_t dot = cell.find('.');
  std::string_view whole = cell.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "0" : cell.substr(dot + 1);
  auto digits = [](std::string_view d) {
    return !d.empty() &&
           std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return digits(whole) && digits(fraction);
}

}  // namespace

std::string csv_field(std::string_view value) {
  std::string cell;
  if (starts_formula(value) && value != "-" && !is_plain_number(value)) cell = "'";
  cell += value;
  if (cell.find_first_of(",\"\r\n;") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

bool is_neutralised_csv_cell(std::string_view cell) {
  return cell.size() > 1 && cell[0] == '\'' && starts_formula(cell.substr(1));
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string_view trim(std::string_view text) {
  const char* ws = " \t\r\n\f\v";
  std::size_t start = text.find_first_not_of(ws);
  if (start == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(ws);
  return text.substr(start, end - start + 1);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = text.find(separator, start);
    if (pos == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

}  // namespace gazette

namespace gazette {

std::string closest_match(std::string_view word, const std::vector<std::string>& known) {
  constexpr std::size_t kMaxDistance = 3;
  std::string best;
  std::size_t best_distance = kMaxDistance + 1;
  std::vector<std::size_t> row;
  for (const auto& candidate : known) {
    // The distance is at least the difference in length: skip what cannot be near, so a long
    // unknown word (a 100 KB header cell) costs no more than a short one.
    std::size_t shorter = std::min(word.size(), candidate.size());
    if (std::max(word.size(), candidate.size()) - shorter > kMaxDistance) continue;
    // Levenshtein distance with one row; a row whose every cell is past kMaxDistance ends it.
    row.resize(candidate.size() + 1);
    for (std::size_t j = 0; j <= candidate.size(); ++j) row[j] = j;
    bool near = true;
    for (std::size_t i = 1; i <= word.size() && near; ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      std::size_t row_min = row[0];
      for (std::size_t j = 1; j <= candidate.size(); ++j) {
        std::size_t above = row[j];
        row[j] = std::min(std::min(row[j], row[j - 1]) + 1,
                          diagonal + (word[i - 1] == candidate[j - 1] ? 0 : 1));
        row_min = std::min(row_min, row[j]);
        diagonal = above;
      }
      near = row_min <= kMaxDistance;
    }
    if (near && row.back() < best_distance) {
      best_distance = row.back();
      best = candidate;
    }
  }
  return best_distance <= std::min(kMaxDistance, std::max<std::size_t>(1, word.size() / 2)) ? best
                                                                                            : "";
}

}  // namespace gazette
