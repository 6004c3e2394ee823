#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

#include "gazette/core.hpp"

namespace gazette {

namespace fs = std::filesystem;

bool is_safe_relative_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.front() == '\\') return false;
  if (path.size() >= 2 && path[1] == ':') return false;  // a drive letter
  if (path.find('\0') != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find_first_of("/\\", start);
    std::string_view part =
        path.substr(start, end == std::string_view::npos ? path.npos : end - start);
    if (part == "..") return false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

std::string display_path(const fs::path& path, const fs::path& base) {
  std::error_code ec;
  fs::path rel = path.lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return path.generic_string();
  return rel.generic_string();
}

Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Diagnostic{Severity::error,
                      path.generic_string(),
                      {},
                      "cannot open the file for reading",
                      "check that it exists and is readable",
                      {}};
  }
  std::string bytes;
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size > 0) {
    bytes.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(bytes.data(), size);
  }
  if (!in && !in.eof()) {
    return Diagnostic{Severity::error, path.generic_string(), {}, "cannot read the file", {}, {}};
  }
  return bytes;
}

Status write_file_atomically(const fs::path& path, std::string_view bytes) {
  std::random_device rd;
  fs::path tmp = path;
  tmp += ".tmp-" + std::to_string(rd());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      return Diagnostic{Severity::error,
                        path.generic_string(),
                        {},
                        "cannot write the file",
                        "check the disk space and the permissions of its directory",
                        {}};
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return Diagnostic{Severity::error,
                      path.generic_string(),
                      {},
                      "cannot replace the file: " + ec.message(),
                      {},
                      {}};
  }
  return Ok{};
}

fs::path resolved_path(const fs::path& path) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(path, ec);
  return ec ? fs::absolute(path, ec).lexically_normal() : real;
}

bool is_within(const fs::path& path, const fs::path& dir) {
  fs::path rel = path.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

std::optional<UnsafeFile> check_readable(const fs::path& real_dir, const fs::path& file,
                                         std::string_view dir_name) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(file, ec);
  if (ec) {
    return UnsafeFile{"cannot be followed to a file: " + ec.message(),
                      "a symlink on its way may point at itself; replace it with the file"};
  }
  if (!is_within(real, real_dir)) {
    return UnsafeFile{
        "leads outside " + std::string(dir_name) + " (to " + real.generic_string() + ")",
        "gazette reads only files inside " + std::string(dir_name) +
            ": copy the file in instead of linking to it"};
  }
  std::string what;
  switch (fs::status(real, ec).type()) {
    case fs::file_type::fifo:
      what = "a FIFO (a named pipe)";
      break;
    case fs::file_type::block:
    case fs::file_type::character:
      what = "a device";
      break;
    case fs::file_type::socket:
      what = "a socket";
      break;
    default:
      return std::nullopt;
  }
  return UnsafeFile{"is " + what + ", not a regular file",
                    "gazette reads only regular files: replace it with one, or remove it"};
}

}  // namespace gazette
