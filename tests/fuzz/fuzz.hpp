// What a fuzz target is: one function, run_one, that feeds an input to the code it fuzzes and
// checks what that code promises. harness.cpp gives libFuzzer its entry point around it.
//
// GAZETTE_FUZZ_GROW=N (scripts/fuzz sets it for part of each run) runs every input grown two
// ways, to N/4 bytes and to N: repeated, and with each of its spaces and tabs made a long run.
// The run stops when four times the bytes took more than ten times as long (a path quadratic
// in the input, a pattern backtracking over a long run of spaces), without the fuzzer having
// to write 100 KB inputs itself.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace gazette::fuzz {

/// Defined by each target.
void run_one(const std::string& input);

/// Stops the run (a crash to the fuzzer) when `ok` is false.
inline void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz: property failed: %s\n", what);
  std::abort();
}

}  // namespace gazette::fuzz
