// SHA-256 through OpenSSL (the digest auditors verify comes from an audited library), and the
// running program's build ID.
#include <link.h>
#include <openssl/evp.h>

#include <array>
#include <cstring>
#include <fstream>

#include "gazette/core.hpp"

namespace gazette {

namespace {

// Updates shorter than this are gathered first: one OpenSSL call costs about as much as
// hashing a few hundred bytes.
constexpr std::size_t kGatherBytes = std::size_t{16} * 1024;

std::string hex_of(const unsigned char* bytes, std::size_t length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (std::size_t i = 0; i < length; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0xf];
  }
  return out;
}

}  // namespace

struct Sha256::Context {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
  // Fails only when memory runs out or the digest is missing: not the user's doing.
  GAZETTE_ASSERT(context_->md && EVP_DigestInit_ex(context_->md, EVP_sha256(), nullptr) == 1);
}

Sha256::~Sha256() = default;

void Sha256::flush() {
  if (pending_.empty()) return;
  GAZETTE_ASSERT(EVP_DigestUpdate(context_->md, pending_.data(), pending_.size()) == 1);
  pending_.clear();
}

void Sha256::update(std::string_view bytes) {
  if (bytes.size() < kGatherBytes) {
    if (pending_.size() + bytes.size() > kGatherBytes) flush();
    pending_.append(bytes);
    return;
  }
  flush();
  GAZETTE_ASSERT(EVP_DigestUpdate(context_->md, bytes.data(), bytes.size()) == 1);
}

void Sha256::update_field(std::string_view bytes) {
  update(std::to_string(bytes.size()) + ":");
  update(bytes);
}

std::string Sha256::hex() {
  flush();
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  GAZETTE_ASSERT(EVP_DigestFinal_ex(context_->md, digest.data(), &length) == 1);
  return hex_of(digest.data(), length);
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.hex();
}

std::optional<std::string> sha256_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  Sha256 hash;
  std::array<char, 1 << 16> chunk{};
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    std::streamsize got = in.gcount();
    if (got > 0) hash.update(std::string_view(chunk.data(), static_cast<std::size_t>(got)));
  }
  if (in.bad()) return std::nullopt;
  return hash.hex();
}

namespace {

// The NT_GNU_BUILD_ID note of the main executable (the first object dl_iterate_phdr lists).
int find_build_id(dl_phdr_info* info, std::size_t /*size*/, void* data) {
  auto* out = static_cast<std::string*>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    // The loader gives the note's place as an address: there is no pointer to start from.
    // NOLINTNEXTLINE(performance-no-int-to-ptr)
    const auto* note = reinterpret_cast<const unsigned char*>(info->dlpi_addr + ph.p_vaddr);
    std::size_t at = 0;
    while (at + sizeof(ElfW(Nhdr)) <= ph.p_memsz) {
      ElfW(Nhdr) header;
      std::memcpy(&header, note + at, sizeof header);
      std::size_t name_at = at + sizeof header;
      std::size_t desc_at = name_at + ((header.n_namesz + 3) & ~std::size_t{3});
      if (header.n_type == NT_GNU_BUILD_ID && header.n_namesz == 4 &&
          std::memcmp(note + name_at, "GNU", 4) == 0 && desc_at + header.n_descsz <= ph.p_memsz) {
        *out = hex_of(note + desc_at, header.n_descsz);
        return 1;
      }
      at = desc_at + ((header.n_descsz + 3) & ~std::size_t{3});
    }
  }
  return 1;  // only the executable itself
}

}  // namespace

const std::string& program_identity() {
  static const std::string kIdentity = [] {
    std::string id;
    dl_iterate_phdr(find_build_id, &id);
    if (!id.empty()) return "build-id:" + id;
    auto digest = sha256_file("/proc/self/exe");
    return "sha256:" + digest.value_or("unknown");
  }();
  return kIdentity;
}

}  // namespace gazette
