#include <doctest/doctest.h>

#include "sha256.hpp"
#include "temp_dir.hpp"

using gazette::history::detail::Sha256;
using gazette::history::detail::sha256_file;
using gazette::history::detail::sha256_hex;

TEST_CASE("history: SHA-256 of the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(
      sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                 "klmnopqrlmnopqrsmnopqrstnopqrstu") ==
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("history: SHA-256 is the same however the bytes are split") {
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>('a' + i % 26);
  // Lengths around the 55/56/64-byte padding edges, fed in awkward pieces.
  for (std::size_t length : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 119u, 120u, 128u, 300u}) {
    std::string part = text.substr(0, length);
    Sha256 pieces;
    for (std::size_t i = 0; i < part.size(); i += 7)
      pieces.update(std::string_view(part).substr(i, 7));
    CHECK(pieces.hex() == sha256_hex(part));
  }
  CHECK(sha256_hex(text.substr(0, 55)) != sha256_hex(text.substr(0, 56)));
}

TEST_CASE("history: SHA-256 of a file, and of a file that is not there") {
  TempDir dir;
  std::string big(200'000, 'x');
  big += "Điện Biên";
  auto file = dir.write("big.bin", big);
  CHECK(sha256_file(file) == sha256_hex(big));
  CHECK_FALSE(sha256_file(dir.path() / "missing").has_value());
}
