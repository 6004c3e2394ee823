// What every fuzz target shares: the input as text, grown on request, and a check that stops
// the run with a message when a property the code promises does not hold.
//
// GAZETTE_FUZZ_GROW=N (scripts/fuzz sets it for part of each run) repeats every input until it
// is at least N bytes: a path that is quadratic in the input shows as a time-out on 100 KB
// without the fuzzer having to write 100 KB inputs itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace gazette::fuzz {

inline std::size_t grow_to() {
  static const std::size_t bytes = [] {
    const char* value = std::getenv("GAZETTE_FUZZ_GROW");
    return value ? static_cast<std::size_t>(std::strtoull(value, nullptr, 10)) : 0;
  }();
  return bytes;
}

/// The input, repeated to GAZETTE_FUZZ_GROW bytes when that is set.
inline std::string input(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (size == 0 || grow_to() == 0) return text;
  std::string grown;
  grown.reserve(grow_to() + size);
  while (grown.size() < grow_to()) grown += text;
  return grown;
}

/// Stops the run (a crash to the fuzzer) when `ok` is false.
inline void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz: property failed: %s\n", what);
  std::abort();
}

}  // namespace gazette::fuzz
