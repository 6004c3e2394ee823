#include "console.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <mutex>

namespace gazette::cli {

namespace {
std::mutex print_mutex;

// Edits from `a` to `b`: a letter added, dropped or changed, or two side by side swapped
// (the optimal string alignment distance).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + change});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

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

int report_unknown_command(const std::string& typed, const std::vector<std::string>& commands) {
  // One slip in a short word, two in a longer one: "xyz" is no misspelt "new".
  std::size_t allowed = typed.size() <= 4 ? 1 : 2;
  std::string nearest;
  std::size_t best = allowed + 1;
  std::string all;
  for (const std::string& command : commands) {
    all += (all.empty() ? "" : ", ") + command;
    std::size_t longer = std::max(typed.size(), command.size());
    if (longer - std::min(typed.size(), command.size()) > allowed) continue;  // cannot be near
    if (std::size_t d = edit_distance(typed, command); d < best) {
      best = d;
      nearest = command;
    }
  }
  std::fprintf(stderr, "error: gazette has no command \"%s\"\n", typed.c_str());
  if (!nearest.empty()) {
    std::fprintf(stderr, "hint: did you mean \"%s\"?\n", nearest.c_str());
  } else {
    std::fprintf(stderr, "hint: the commands are %s (gazette --help says more)\n", all.c_str());
  }
  return 2;
}

}  // namespace gazette::cli
