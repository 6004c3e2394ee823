// Internal: SHA-256 (FIPS 180-4), for the manifest of a published site.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gazette::history::detail {

/// An incremental SHA-256: update() any number of times, then hex() once.
class Sha256 {
 public:
  Sha256();
  /// Adds bytes to the message.
  void update(std::string_view bytes);
  /// The digest of everything added, as 64 lowercase hex digits. Ends the message.
  std::string hex();

 private:
  void compress(const unsigned char* block);

  std::array<std::uint32_t, 8> state_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes added so far
};

/// The SHA-256 of `bytes` in hex.
std::string sha256_hex(std::string_view bytes);

/// The SHA-256 of a file's bytes in hex, read in chunks; nullopt if it cannot be read.
std::optional<std::string> sha256_file(const std::filesystem::path& file);

}  // namespace gazette::history::detail
