// The static index's files (issue 13): how the build writes what the browser's engine reads,
// in one place for the writer (static_writer.cpp) and the reader (file_source.hpp). Plain C++,
// no Xapian: the reader is compiled to WebAssembly.
//
// search/manifest.json names every file; the others are named by their content's hash
// ("terms-12.3fa9c1d20b7e.bin"), so a tab open across a rebuild never mixes old and new files,
// and each is gzip-compressed (the browser inflates it: a server that does not compress costs
// no more). Inflated, a file is varints (7 bits a byte, low first) and strings (a varint
// length, then the bytes):
//   lengths    n, then n record ids (gaps from the previous, the first from 0), then their
//              lengths: every record, ascending
//   value-S    the distinct values of slot S (count, strings), then for each record of
//              `lengths`, in that order, 0 (none) or 1 + the value's place
//   terms-K    keyed entries (count, then key and payload strings) of the terms whose key
//              hashes to K (shard_of): the records with the term (count, gaps), then their wdfs
//   pairs-K    keyed entries: "t" first " " second, folded terms side by side: the records
//              (count, gaps); "e" the same of words as typed; "c" and a pair-count key: how
//              often the pair stands so (kFoldedPairKey, kExactPairKey)
//   runs-K     keyed entries "r" first " " second: the records (count), each as a gap, then
//              where the pair starts in it (count, gaps)
//   words      the known words (count, then each word and how often it is written), in byte
//              order
//   docs-K     records kChunk·K onwards of `lengths`: count, then each one's stored data
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gazette::search::detail {

inline constexpr int kStaticFormat = 1;
inline constexpr const char* kStaticManifest = "manifest.json";

/// Which of `shards` files holds `key` (FNV-1a).
inline std::uint32_t shard_of(std::string_view key, std::uint32_t shards) {
  std::uint32_t h = 2166136261u;
  for (char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return shards == 0 ? 0 : h % shards;
}

inline std::string pair_key(char kind, std::string_view first, std::string_view second) {
  std::string key(1, kind);
  key.append(first).append(" ").append(second);
  return key;
}

class ByteWriter {
 public:
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void string(std::string_view s) {
    varint(s.size());
    out_.append(s);
  }
  std::string& bytes() { return out_; }
  std::size_t size() const { return out_.size(); }

 private:
  std::string out_;
};

/// Reads what ByteWriter wrote; past the end or on a malformed varint it reads zeros and
/// empty strings and says so (ok()), so a damaged file is a message, never a crash.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= in_.size()) break;
      auto b = static_cast<unsigned char>(in_[at_++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
    ok_ = false;
    return 0;
  }
  /// A count of items of at least one byte each: more than the bytes left is damage.
  std::size_t count() {
    std::uint64_t n = varint();
    if (n > in_.size() - at_) {
      ok_ = false;
      return 0;
    }
    return static_cast<std::size_t>(n);
  }
  std::string_view string() {
    std::size_t n = count();
    std::string_view s = in_.substr(at_, n);
    at_ += n;
    return s;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return at_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace gazette::search::detail
