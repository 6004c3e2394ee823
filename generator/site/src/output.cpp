#include "output.hpp"

#include <fcntl.h>
#include <linux/fs.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace gazette::site {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kStagingMark = ".staging-";

// Removes a tree gazette made, its mark last: a removal cut short (kill -9) leaves a tree
// still marked, which the next build recognises and finishes removing.
void remove_owned_tree(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename() != kOwnedMark) fs::remove_all(entry.path(), ec);
  }
  fs::remove(dir / kOwnedMark, ec);
  fs::remove(dir, ec);
}

// Staging trees left by builds that died: their process id is gone.
void remove_stale_staging(const fs::path& output) {
  std::error_code ec;
  std::string prefix = output.filename().string() + std::string(kStagingMark);
  for (const auto& entry : fs::directory_iterator(output.parent_path(), ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    std::string rest = name.substr(prefix.size());
    long pid = std::strtol(rest.c_str(), nullptr, 10);
    if (pid > 0 && kill(static_cast<pid_t>(pid), 0) == 0) continue;  // still building
    if (fs::exists(entry.path() / kOwnedMark, ec)) {
      remove_owned_tree(entry.path());
    } else {
      fs::remove(entry.path(), ec);  // only if empty: a build killed before it marked its tree
    }
  }
}

// Marks the tree's root as the top of a directory hierarchy (chattr +T), so ext4 spreads its
// thousands of page directories over block groups (the Orlov allocator) instead of packing
// them into the site directory's group, where a just-deleted site leaves inodes that ext4
// must skip one by one. A hint only: elsewhere it fails and nothing changes.
void mark_top_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  int flags = 0;
  if (::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0) {
    flags |= FS_TOPDIR_FL;
    (void)::ioctl(fd, FS_IOC_SETFLAGS, &flags);
  }
  ::close(fd);
}

}  // namespace

Result<std::unique_ptr<OutputTree>> OutputTree::create(const fs::path& output_dir) {
  std::error_code ec;
  fs::create_directories(output_dir.parent_path(), ec);
  remove_stale_staging(output_dir);
  std::random_device rd;
  fs::path staging = output_dir;
  staging += std::string(kStagingMark) + std::to_string(getpid()) + "-" + std::to_string(rd());
  if (!fs::create_directories(staging, ec) || ec) {
    return Diagnostic{Severity::error,
                      staging.generic_string(),
                      {},
                      "cannot create the build's staging directory: " + ec.message(),
                      "check the permissions of " + output_dir.parent_path().generic_string(),
                      {}};
  }
  mark_top_directory(staging);
  auto tree = std::unique_ptr<OutputTree>(new OutputTree(output_dir, staging));
  // The mark says the output is gazette's to replace (config checks it before a build).
  tree->write(std::string(kOwnedMark), kOwnedMarkText);
  if (auto failed = tree->failure()) return *failed;
  return tree;
}

OutputTree::~OutputTree() {
  if (!committed_) remove_owned_tree(staging_);
}

void OutputTree::fail(const std::string& relative, const std::string& why) {
  std::lock_guard lock(mutex_);
  if (!failure_) {
    failure_ = Diagnostic{Severity::error,
                          (output_ / relative).generic_string(),
                          {},
                          "cannot write the file: " + why,
                          "check the disk space and permissions; the previous site is untouched",
                          {}};
  }
}

std::optional<Diagnostic> OutputTree::failure() const {
  std::lock_guard lock(mutex_);
  return failure_;
}

void OutputTree::ensure_parent(const fs::path& file) {
  // Creates each missing directory from the top. Section and year directories, which hold
  // many page directories, are marked as tops of their hierarchy too (see above).
  std::string relative = file.parent_path().lexically_relative(staging_).generic_string();
  if (relative == "." || relative.empty()) return;
  int depth = 0;
  for (std::size_t end = 0; end != std::string::npos;) {
    end = relative.find('/', end + 1);
    std::string prefix = relative.substr(0, end);
    ++depth;
    {
      std::lock_guard lock(mutex_);
      if (made_dirs_.count(prefix)) continue;
    }
    // Another thread may make the same directory at the same time: EEXIST is fine.
    fs::path dir = staging_ / prefix;
    if (::mkdir(dir.c_str(), 0755) == 0 && depth <= 2) mark_top_directory(dir);
    std::lock_guard lock(mutex_);
    made_dirs_.insert(prefix);
  }
}

void OutputTree::write(const std::string& relative, std::string_view bytes) {
  GAZETTE_ASSERT(is_safe_relative_path(relative));
  fs::path file = staging_ / relative;
  ensure_parent(file);
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    fail(relative, std::strerror(errno));
    return;
  }
  const char* data = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(relative, std::strerror(errno));
      break;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail(relative, std::strerror(errno));
  ++files_;
}

void OutputTree::copy(const fs::path& source, const std::string& relative) {
  GAZETTE_ASSERT(is_safe_relative_path(relative));
  fs::path file = staging_ / relative;
  ensure_parent(file);
  std::error_code ec;
  fs::copy_file(source, file, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    fail(relative, ec.message());
    return;
  }
  ++files_;
}

Status OutputTree::commit() {
  if (auto f = failure()) return *f;
  std::error_code ec;
  if (fs::exists(output_, ec)) {
    // One atomic step: the old tree and the new one trade places.
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, output_.c_str(), RENAME_EXCHANGE) != 0) {
      return Diagnostic{Severity::error,
                        output_.generic_string(),
                        {},
                        std::string("cannot swap in the new site: ") + std::strerror(errno),
                        "the previous site is untouched; check that the output directory is on "
                        "a local file system",
                        {}};
    }
    committed_ = true;
    fault_point("site-swapped");
    remove_owned_tree(staging_);  // now the old tree
  } else {
    fs::rename(staging_, output_, ec);
    if (ec) {
      return Diagnostic{Severity::error,
                        output_.generic_string(),
                        {},
                        "cannot move the new site in place: " + ec.message(),
                        {},
                        {}};
    }
    committed_ = true;
  }
  return Ok{};
}

}  // namespace gazette::site
