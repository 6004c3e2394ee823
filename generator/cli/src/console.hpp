// Everything gazette prints: diagnostics, progress, summaries. Only the CLI prints.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "gazette/core.hpp"

namespace gazette::cli {

/// Prints diagnostics to stderr in compiler style; at most `max_warnings` warnings (the rest
/// are counted). Returns the number of errors.
std::size_t print_diagnostics(const std::vector<Diagnostic>& diags, std::size_t max_warnings);

/// A progress bar on stderr, drawn only when stderr is a terminal.
class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress();
  void update(std::size_t done, std::size_t total);
  void finish();

 private:
  std::string label_;
  bool active_;
  bool drawn_ = false;
  int last_percent_ = -1;
};

bool stderr_is_terminal();

/// Prints that `typed` is not a command, with the nearest of `commands` when one is near (a
/// slip of one or two keys: "biuld" → "build"). Returns the exit code, 2.
int report_unknown_command(const std::string& typed, const std::vector<std::string>& commands);

}  // namespace gazette::cli
