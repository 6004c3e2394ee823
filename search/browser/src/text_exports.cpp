// The text functions a query needs, exported from the browser's WebAssembly build (utf8proc's
// Unicode data in place of ICU's). A call leaves its answer in one buffer the page reads.
#include <emscripten/emscripten.h>

#include <string>
#include <string_view>

#include "text_ops.hpp"

namespace {

using Ops = gazette::text::detail::TextOps<gazette::text::detail::Utf8procUnicode>;

std::string& answer() {
  static std::string buffer;  // one thread: the page's
  return buffer;
}

}  // namespace

extern "C" {

/// Applies function `op` (0 fold, 1 lower, 2 canonical_syllable, 3 nfc, 4 has_visible: "1" or
/// "0") to `length` bytes of UTF-8 at `text`; returns the answer's length, its bytes at
/// gazette_text_answer().
EMSCRIPTEN_KEEPALIVE int gazette_text_apply(int op, const char* text, int length) {
  std::string_view in(text, static_cast<std::size_t>(length));
  switch (op) {
    case 0:
      answer() = Ops::fold(in);
      break;
    case 1:
      answer() = Ops::lower(in);
      break;
    case 2:
      answer() = Ops::canonical_syllable(in);
      break;
    case 3:
      answer() = Ops::nfc(in);
      break;
    case 4:
      answer() = Ops::has_visible(in) ? "1" : "0";
      break;
    default:
      answer().clear();
      return -1;
  }
  return static_cast<int>(answer().size());
}

EMSCRIPTEN_KEEPALIVE const char* gazette_text_answer() { return answer().data(); }

}  // extern "C"
