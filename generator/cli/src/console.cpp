#include "console.hpp"

#include <unistd.h>

#include <cstdio>
#include <mutex>

namespace gazette::cli {

namespace {
std::mutex print_mutex;
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

std::size_t print_diagnostics(const std::vector<Diagnostic>& diags, std::size_t max_warnings) {
  std::size_t errors = 0, warnings = 0, hidden = 0;
  bool color = stderr_is_terminal();
  for (const Diagnostic& d : diags) {
    if (d.severity == Severity::warning && ++warnings > max_warnings) {
      ++hidden;
      continue;
    }
    if (d.severity == Severity::error) ++errors;
    std::string text = format_diagnostic(d);
    if (color) {
      const char* word = d.severity == Severity::error ? "error:" : "warning:";
      const char* paint = d.severity == Severity::error ? "\033[1;31m" : "\033[1;35m";
      if (auto pos = text.find(word); pos != std::string::npos) {
        text.replace(pos, std::string(word).size(), std::string(paint) + word + "\033[0m");
      }
    }
    std::fputs(text.c_str(), stderr);
  }
  if (hidden > 0) {
    std::fprintf(stderr, "… and %zu more warnings: run `gazette check` to see them all\n", hidden);
  }
  return errors;
}

Progress::Progress(std::string label) : label_(std::move(label)), active_(stderr_is_terminal()) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done, std::size_t total) {
  if (!active_ || total == 0) return;
  int percent = static_cast<int>(done * 100 / total);
  std::lock_guard lock(print_mutex);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  constexpr int kWidth = 30;
  int filled = percent * kWidth / 100;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kWidth - filled), '-');
  std::fprintf(stderr, "\r%s [%s] %3d%% %zu/%zu", label_.c_str(), bar.c_str(), percent, done,
               total);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  std::lock_guard lock(print_mutex);
  if (drawn_) {
    std::fputs("\r\033[K", stderr);  // clear the bar's line
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace gazette::cli
