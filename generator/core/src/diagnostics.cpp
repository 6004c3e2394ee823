#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "gazette/core.hpp"

namespace gazette {

namespace {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

// How a byte of user text is shown: a NUL as \0 and other control characters (which would
// cut the line or drive the terminal) as \xNN; tabs and line breaks as they are.
std::string shown(unsigned char c) {
  if (c == 0) return "\\0";
  if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
    static constexpr char kHex[] = "0123456789abcdef";
    return std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
  }
  return std::string(1, static_cast<char>(c));
}

std::string visible(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out += shown(static_cast<unsigned char>(c));
  return out;
}

// The source line as shown, and under it the caret at byte `column`: the padding counts
// characters, not bytes (a Vietnamese letter is one column), keeps tabs, and is as wide as
// what a control character is shown as.
void append_excerpt(std::string& out, std::string_view line, int column) {
  out += "    " + visible(line) + "\n";
  if (column <= 0) return;
  std::string pad;
  for (std::size_t i = 0; i + 1 < static_cast<std::size_t>(column) && i < line.size(); ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;  // inside a character
    if (c == '\t') {
      pad += '\t';
    } else {
      pad.append(c >= 0x80 ? 1 : shown(c).size(), ' ');
    }
  }
  out += "    " + pad + "^\n";
}

// A line longer than this is shown cut after it, or not at all when the column is further in:
// thousands of problems on one long line must not each keep a copy of it.
constexpr std::size_t kMaxSourceLine = 2000;

void clip_source_line(Diagnostic& d) {
  std::size_t cut = kMaxSourceLine;
  while (cut > 0 && (static_cast<unsigned char>(d.source_line[cut]) & 0xC0) == 0x80) --cut;
  std::string shown;
  if (d.loc.column <= 0 || static_cast<std::size_t>(d.loc.column) <= cut) {
    shown = d.source_line.substr(0, cut) + "…";
  }
  d.source_line.swap(shown);  // not an assignment, which may keep the long line's buffer
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = visible(d.file);
  if (d.loc.line > 0) {
    out += ':' + std::to_string(d.loc.line);
    if (d.loc.column > 0) out += ':' + std::to_string(d.loc.column);
  }
  out += out.empty() ? "" : ": ";
  out += severity_name(d.severity);
  out += ": ";
  out += visible(d.message);
  out += '\n';
  if (!d.source_line.empty()) append_excerpt(out, d.source_line, d.loc.column);
  if (!d.hint.empty()) {
    out += "hint: ";
    out += visible(d.hint);
    out += '\n';
  }
  return out;
}

void Diagnostics::add(Diagnostic d) {
  if (d.source_line.size() > kMaxSourceLine) clip_source_line(d);
  std::lock_guard lock(mutex_);
  if (++kept_[{d.file, d.severity}] > kPerFile) {
    ++dropped_[d.file];
    dropped_errors_ += d.severity == Severity::error;
    dropped_warnings_ += d.severity == Severity::warning;
    return;
  }
  items_.push_back(std::move(d));
}

void Diagnostics::error(std::string file, SourceLoc loc, std::string message, std::string hint) {
  add(Diagnostic{Severity::error, std::move(file), loc, std::move(message), std::move(hint), {}});
}

void Diagnostics::warning(std::string file, SourceLoc loc, std::string message, std::string hint) {
  add(Diagnostic{Severity::warning, std::move(file), loc, std::move(message), std::move(hint), {}});
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  std::lock_guard lock(mutex_);
  return dropped_errors_ + static_cast<std::size_t>(std::count_if(
                               items_.begin(), items_.end(),
                               [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const {
  std::lock_guard lock(mutex_);
  return dropped_warnings_ + static_cast<std::size_t>(std::count_if(
                                 items_.begin(), items_.end(), [](const Diagnostic& d) {
                                   return d.severity == Severity::warning;
                                 }));
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> copy;
  std::map<std::string, std::size_t> dropped;
  {
    std::lock_guard lock(mutex_);
    copy = items_;
    dropped = dropped_;
  }
  std::stable_sort(copy.begin(), copy.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
    return a.loc.column < b.loc.column;
  });
  std::vector<Diagnostic> out;
  out.reserve(copy.size() + dropped.size());
  for (std::size_t i = 0; i < copy.size(); ++i) {
    out.push_back(std::move(copy[i]));
    const std::string& file = out.back().file;
    bool last_of_file = i + 1 == copy.size() || copy[i + 1].file != file;
    if (auto it = dropped.find(file); last_of_file && it != dropped.end()) {
      out.push_back({Severity::note,
                     file,
                     {},
                     "… and " + std::to_string(it->second) + " more in this file",
                     "fix those shown and run the check again to see the rest",
                     {}});
    }
  }
  return out;
}

SourceLoc locate(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  SourceLoc loc{1, 1};
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      line_start = i + 1;
    }
  }
  loc.column = static_cast<int>(offset - line_start) + 1;
  return loc;
}

std::string_view line_at(std::string_view text, int line) {
  if (line < 1) return {};
  std::size_t start = 0;
  for (int current = 1; current < line; ++current) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  std::string_view result =
      text.substr(start, end == std::string_view::npos ? text.npos : end - start);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
    starts_.push_back(i + 1);
  }
}

SourceLoc LineIndex::locate(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
  auto line = static_cast<std::size_t>(after - starts_.begin());  // >= 1: starts_[0] is 0
  return SourceLoc{static_cast<int>(line), static_cast<int>(offset - starts_[line - 1]) + 1};
}

std::string_view LineIndex::line(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > starts_.size()) return {};
  std::size_t start = starts_[static_cast<std::size_t>(line) - 1];
  std::size_t end = static_cast<std::size_t>(line) < starts_.size()
                        ? starts_[static_cast<std::size_t>(line)] - 1
                        : text_.size();
  std::string_view result = text_.substr(start, end - start);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

namespace detail {
void assert_failed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "gazette: internal error: %s failed at %s:%d\n", expr, file, line);
  std::abort();
}
}  // namespace detail

}  // namespace gazette
