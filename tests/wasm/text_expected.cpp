// Prints, for each test input, what the native text functions (ICU) answer: one line per
// input, "<input> <fold> <lower> <canonical_syllable> <nfc> <has_visible>", each in hex.
// tests/wasm/text-equal.mjs asks the WebAssembly build the same and compares.
#include <cstdio>
#include <string>
#include <vector>

#include "gazette/text.hpp"
#include "text_ops.hpp"

using namespace gazette;

namespace {

std::string hex(const std::string& bytes) {
  static const char* const kDigits = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out.empty() ? "-" : out;
}

std::string utf8(char32_t c) {
  std::string s;
  text::detail::append_utf8(s, c);
  return s;
}

// Every code point of the Latin and Vietnamese blocks, alone and inside a word; each letter
// of those blocks with each combining mark, and with a quality and a tone mark in both
// orders; and every other code point of the Basic Multilingual Plane alone.
std::vector<std::string> inputs() {
  std::vector<std::string> all;
  std::vector<char32_t> latin;
  for (auto [from, to] : {std::pair<char32_t, char32_t>{0x0001, 0x036F},
                          {0x1E00, 0x1EFF},
                          {0x2C60, 0x2C7F},
                          {0xA720, 0xA7FF},
                          {0xAB30, 0xAB6F},
                          {0xFF00, 0xFFEF}}) {
    for (char32_t c = from; c <= to; ++c) latin.push_back(c);
  }
  for (char32_t c : latin) {
    all.push_back(utf8(c));
    all.push_back("a" + utf8(c) + "n");
    bool letter = !(c >= 0x0300 && c <= 0x036F) && text::lower(utf8(c)) != utf8(c);
    if (!letter && text::fold(utf8(c)) == utf8(c)) continue;
    for (char32_t mark = 0x0300; mark <= 0x036F; ++mark) all.push_back(utf8(c) + utf8(mark));
    for (char32_t quality : {char32_t{0x0302}, char32_t{0x0306}, char32_t{0x031B}}) {
      for (char32_t tone : {char32_t{0x0300}, char32_t{0x0301}, char32_t{0x0303}, char32_t{0x0309},
                            char32_t{0x0323}}) {
        all.push_back(utf8(c) + utf8(quality) + utf8(tone));
        all.push_back("ng" + utf8(c) + utf8(tone) + "i" + utf8(quality) + "n");
      }
    }
  }
  for (char32_t c = 0x0370; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    all.push_back(utf8(c));
  }
  return all;
}

}  // namespace

int main() {
  for (const std::string& in : inputs()) {
    std::printf("%s %s %s %s %s %s\n", hex(in).c_str(), hex(text::fold(in)).c_str(),
                hex(text::lower(in)).c_str(), hex(text::canonical_syllable(in)).c_str(),
                hex(text::nfc(in)).c_str(), text::has_visible(in) ? "1" : "0");
  }
  return 0;
}
