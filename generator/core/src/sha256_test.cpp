#include <doctest/doctest.h>

#include "gazette/core.hpp"
#include "temp_dir.hpp"

using gazette::Sha256;
using gazette::sha256_file;
using gazette::sha256_hex;

TEST_CASE("core: SHA-256 of the FIPS 180-4 test vectors") {
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

TEST_CASE("core: SHA-256 is the same however the bytes are split") {
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

TEST_CASE("core: SHA-256 of a file, and of a file that is not there") {
  TempDir dir;
  std::string big(200'000, 'x');
  big += "Điện Biên";
  auto file = dir.write("big.bin", big);
  CHECK(sha256_file(file) == sha256_hex(big));
  CHECK_FALSE(sha256_file(dir.path() / "missing").has_value());
}

TEST_CASE("core: SHA-256 gathers short updates and takes long ones whole, to the same digest") {
  std::string text;
  for (int i = 0; i < 100'000; ++i) text += static_cast<char>('a' + i % 23);
  // Pieces that fill the gathering buffer exactly, overflow it, and skip it.
  for (std::size_t piece : {1u, 1000u, 16383u, 16384u, 16385u, 40000u}) {
    Sha256 pieces;
    for (std::size_t i = 0; i < text.size(); i += piece) {
      pieces.update(std::string_view(text).substr(i, piece));
    }
    CHECK(pieces.hex() == sha256_hex(text));
  }
}

TEST_CASE("core: the program is identified by its build ID, the same on every call") {
  const std::string& id = gazette::program_identity();
  REQUIRE(id.starts_with("build-id:"));  // Debian's linker writes one
  CHECK(id.size() > std::string("build-id:").size() + 16);
  CHECK(&gazette::program_identity() == &id);
}

TEST_CASE("core: SHA-256 fields carry their length, so where one ends is part of the digest") {
  Sha256 ab_c, a_bc, plain;
  ab_c.update_field("ab");
  ab_c.update_field("c");
  a_bc.update_field("a");
  a_bc.update_field("bc");
  plain.update("2:ab1:c");
  std::string first = ab_c.hex();
  CHECK(first != a_bc.hex());
  CHECK(first == plain.hex());
}
