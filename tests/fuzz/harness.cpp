// libFuzzer's entry point for every target: run_one on the input, or on the input grown two
// ways to two sizes each when GAZETTE_FUZZ_GROW is set (see fuzz.hpp).
#include <cstdint>
#include <ctime>
#include <string_view>

#include "fuzz.hpp"

namespace {

// A grown input is judged only when it takes this long, so that timer noise cannot pass for
// a slow path; four times the bytes may take up to kMaxRatio times as long.
constexpr double kMinJudgedSeconds = 0.5;
constexpr double kMaxRatio = 10;

std::size_t grow_to() {
  static const std::size_t kBytes = [] {
    const char* value = std::getenv("GAZETTE_FUZZ_GROW");
    return value ? static_cast<std::size_t>(std::strtoull(value, nullptr, 10)) : 0;
  }();
  return kBytes;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// The text repeated to `bytes`.
std::string repeated(std::string_view text, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + text.size());
  while (out.size() < bytes) out += text;
  return out;
}

// The text with each space or tab made a run, to about `bytes` in all; "" if it has none.
std::string stretched(std::string_view text, std::size_t bytes) {
  std::size_t spaces = 0;
  for (char c : text) spaces += is_space(c);
  if (spaces == 0) return {};
  std::string out;
  const std::size_t run = bytes / spaces + 1;
  for (char c : text) out.append(is_space(c) ? run : 1, c);
  return out;
}

double cpu_seconds(const std::string& input) {
  std::clock_t start = std::clock();
  gazette::fuzz::run_one(input);
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

// Runs the input made by `grow` at a quarter of the size and at the full size, and stops when
// the larger took more than kMaxRatio times as long.
void check_growth(std::string_view text, std::string (*grow)(std::string_view, std::size_t)) {
  std::string small = grow(text, grow_to() / 4);
  if (small.empty()) return;
  std::string large = grow(text, grow_to());
  double small_seconds = cpu_seconds(small);
  double large_seconds = cpu_seconds(large);
  if (large_seconds > kMinJudgedSeconds && large_seconds > kMaxRatio * small_seconds) {
    std::fprintf(stderr, "fuzz: slower than linear: %zu bytes took %.2f s, %zu bytes %.2f s\n",
                 small.size(), small_seconds, large.size(), large_seconds);
    std::abort();
  }
}

}  // namespace

// libFuzzer names its entry point.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (grow_to() == 0 || size == 0) {
    gazette::fuzz::run_one(std::string(text));
    return 0;
  }
  check_growth(text, repeated);
  check_growth(text, stretched);
  return 0;
}
