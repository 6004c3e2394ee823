// Internal: SHA-256 (FIPS 180-4) through OpenSSL, for the manifest of a published site —
// the digest auditors verify, so it comes from a library that is itself audited.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gazette::history::detail {

/// An incremental SHA-256: update() any number of times, then hex() once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  /// Adds bytes to the message.
  void update(std::string_view bytes);
  /// The digest of everything added, as 64 lowercase hex digits. Ends the message.
  std::string hex();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

/// The SHA-256 of `bytes` in hex.
std::string sha256_hex(std::string_view bytes);

/// The SHA-256 of a file's bytes in hex, read in chunks; nullopt if it cannot be read.
std::optional<std::string> sha256_file(const std::filesystem::path& file);

}  // namespace gazette::history::detail
