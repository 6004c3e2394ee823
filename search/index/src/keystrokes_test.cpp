#include "keystrokes.hpp"

#include <doctest/doctest.h>

using gazette::search::detail::read_keystrokes;

TEST_CASE("keystrokes: Telex typed with the input method off reads as its letters") {
  CHECK(read_keystrokes("suaats") == "suất");
  CHECK(read_keystrokes("suaast") == "suất");  // the tone key before the final consonant
  CHECK(read_keystrokes("ddieenj") == "điện");
  CHECK(read_keystrokes("bieen") == "biên");
  CHECK(read_keystrokes("nguwowif") == "người");
  CHECK(read_keystrokes("nguoiwf") == "người");
  CHECK(read_keystrokes("truwowngf") == "trường");
  CHECK(read_keystrokes("truongwf") == "trường");
  CHECK(read_keystrokes("tieesng") == "tiếng");
  CHECK(read_keystrokes("Vieetj") == "việt");
  CHECK(read_keystrokes("hoawcj") == "hoặc");
  CHECK(read_keystrokes("cuwar") == "cửa");
  CHECK(read_keystrokes("muwa") == "mưa");
  CHECK(read_keystrokes("quanr") == "quản");
  CHECK(read_keystrokes("gias") == "giá");
  CHECK(read_keystrokes("nhw") == "như");   // a lone w is ư
  CHECK(read_keystrokes("hoaf") == "hoà");  // one tone placement, as the index has it
}

TEST_CASE("keystrokes: VNI digits typed with the input method off read as their letters") {
  CHECK(read_keystrokes("die65n") == "diện");
  CHECK(read_keystrokes("d9ie65n") == "điện");
  CHECK(read_keystrokes("sua61t") == "suất");
  CHECK(read_keystrokes("suat61") == "suất");  // marks at the end of the word
  CHECK(read_keystrokes("ngu7o7i2") == "người");
  CHECK(read_keystrokes("hoa85c") == "hoặc");
  CHECK(read_keystrokes("Vie65t") == "việt");
}

TEST_CASE("keystrokes: words that type no mark or no Vietnamese syllable are not read") {
  for (const char* word : {"nang", "suat", "iso", "lean", "sigma", "process", "halal", "blockchain",
                           "ocop", "haccp", "cafe", "free", "5s", "iso9001", "k18", "www", "dd"}) {
    CHECK_MESSAGE(!read_keystrokes(word), std::string(word));
  }
  // A syllable, but a checked one (ending in c, ch, p, t) takes only the sắc or nặng tone.
  CHECK_FALSE(read_keystrokes("tootf"));
  // Whether a syllable is a word people write is the caller's to check: "as" and "a1" type
  // "á", "boots" types "bốt".
  CHECK(read_keystrokes("as") == "á");
  CHECK(read_keystrokes("a1") == "á");
  CHECK(read_keystrokes("boots") == "bốt");
}
