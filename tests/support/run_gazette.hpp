// Tests only: the gazette binary run as a user runs it, its exit code and what it printed.
//
//   Run run = run_gazette("check", site.path());   // in that directory
//   Run same = gazette_in(site.path(), "check");     // the directory first
//   CHECK(run.exit_code == 1);
//   CHECK(contains(run.output, "content/notices/a.md:3:10: error: …"));
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "temp_dir.hpp"

struct Run {
  int exit_code = -1;
  std::string output;  ///< stdout and stderr, as printed
};

/// Runs `gazette <args>` (a shell command line: quote as a shell would) in `cwd`.
inline Run run_gazette(const std::string& args, const std::filesystem::path& cwd = {}) {
  TempDir scratch;
  std::string capture = (scratch.path() / "out.txt").string();
  std::string command = (cwd.empty() ? "" : "cd '" + cwd.string() + "' && ") + "'" +
                        GAZETTE_BINARY + "' " + args + " > '" + capture + "' 2>&1";
  int status = std::system(command.c_str());
  Run run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.output = scratch.read("out.txt");
  return run;
}

/// run_gazette with the directory first: `gazette_in(site.path(), "check")`.
inline Run gazette_in(const std::filesystem::path& cwd, const std::string& args) {
  return run_gazette(args, cwd);
}
