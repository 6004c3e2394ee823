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

// Number of display columns before byte `column` of `line`: a caret under a Vietnamese
// letter must count characters, not bytes.
std::size_t display_column(std::string_view line, int column) {
  std::size_t count = 0;
  for (std::size_t i = 0; i + 1 < static_cast<std::size_t>(column) && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
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
  std::string out = d.file;
  if (d.loc.line > 0) {
    out += ':' + std::to_string(d.loc.line);
    if (d.loc.column > 0) out += ':' + std::to_string(d.loc.column);
  }
  out += out.empty() ? "" : ": ";
  out += severity_name(d.severity);
  out += ": ";
  out += d.message;
  out += '\n';
  if (!d.source_line.empty()) {
    out += "    ";
    out += d.source_line;
    out += '\n';
    if (d.loc.column > 0) {
      std::string pad(display_column(d.source_line, d.loc.column), ' ');
      // Keep tabs so the caret lines up under them.
      for (std::size_t i = 0, c = 0; i < d.source_line.size() && c < pad.size(); ++i) {
        if ((static_cast<unsigned char>(d.source_line[i]) & 0xC0) == 0x80) continue;
        if (d.source_line[i] == '\t') pad[c] = '\t';
        ++c;
      }
      out += "    " + pad + "^\n";
    }
  }
  if (!d.hint.empty()) {
    out += "hint: ";
    out += d.hint;
    out += '\n';
  }
  return out;
}

void Diagnostics::add(Diagnostic d) {
  if (d.source_line.size() > kMaxSourceLine) clip_source_line(d);
  std::lock_guard lock(mutex_);
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
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> copy;
  {
    std::lock_guard lock(mutex_);
    copy = items_;
  }
  std::stable_sort(copy.begin(), copy.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
    return a.loc.column < b.loc.column;
  });
  return copy;
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

namespace detail {
void assert_failed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "gazette: internal error: %s failed at %s:%d\n", expr, file, line);
  std::abort();
}
}  // namespace detail

}  // namespace gazette
