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
#include <fstream>
#include <random>
#include <sstream>

#include "gazette/site.hpp"

namespace gazette::site {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kStagingMark = ".staging-";
constexpr std::string_view kManifestHeader = "gazette output manifest 1\t";

// The file at `path` (not following a symlink) if it is a regular file.
std::optional<MadeFile> stat_file(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  MadeFile f;
  f.size = static_cast<std::uint64_t>(st.st_size);
  f.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  f.inode = static_cast<std::uint64_t>(st.st_ino);
  return f;
}

bool same_file(const MadeFile& a, const MadeFile& b) {
  return a.size == b.size && a.mtime_ns == b.mtime_ns && a.inode == b.inode;
}

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

}  // namespace

void remove_old_sites(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    // Only a build's own tree: named as its staging trees are, and marked.
    std::string name = entry.path().filename().string();
    std::error_code e;
    if (name.find(kStagingMark) == std::string::npos || entry.is_symlink(e) ||
        !entry.is_directory(e) || !fs::is_regular_file(entry.path() / kOwnedMark, e)) {
      continue;
    }
    remove_owned_tree(entry.path());
  }
}

void remove_replaced_site(const fs::path& old) { remove_owned_tree(old); }

bool move_old_site(const fs::path& old, const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  fs::rename(old, dir / old.filename(), ec);
  return !ec;
}

namespace {

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

std::string file_identity(const fs::path& file) {
  auto f = stat_file(file);
  if (!f) return {};
  return std::to_string(f->size) + ":" + std::to_string(f->mtime_ns) + ":" +
         std::to_string(f->inode);
}

Manifest Manifest::read(const fs::path& file, const fs::path& output_dir) {
  Manifest m;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line) ||
      line != std::string(kManifestHeader) + output_dir.string()) {
    return m;
  }
  // key \t digest \t size \t mtime \t inode \t path
  while (std::getline(in, line)) {
    std::string_view rest = line;
    std::string_view fields[6];
    std::size_t n = 0;
    for (; n < 5; ++n) {
      std::size_t tab = rest.find('\t');
      if (tab == std::string_view::npos) break;
      fields[n] = rest.substr(0, tab);
      rest.remove_prefix(tab + 1);
    }
    if (n != 5 || rest.empty()) return Manifest{};  // cut short or altered: trust none of it
    fields[5] = rest;
    MadeFile f;
    f.origin.key = std::string(fields[0]);
    f.origin.digest = std::string(fields[1]);
    char* end = nullptr;
    f.size = std::strtoull(std::string(fields[2]).c_str(), &end, 10);
    f.mtime_ns = std::strtoll(std::string(fields[3]).c_str(), &end, 10);
    f.inode = std::strtoull(std::string(fields[4]).c_str(), &end, 10);
    m.files_.emplace(std::string(fields[5]), std::move(f));
  }
  return m;
}

Status Manifest::write(const fs::path& file, const fs::path& output_dir) const {
  std::string text = std::string(kManifestHeader) + output_dir.string() + "\n";
  for (const auto& [path, f] : files_) {
    text += f.origin.key + "\t" + f.origin.digest + "\t" + std::to_string(f.size) + "\t" +
            std::to_string(f.mtime_ns) + "\t" + std::to_string(f.inode) + "\t" + path + "\n";
  }
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  fs::path temporary = file;
  temporary += ".new-" + std::to_string(getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      fs::remove(temporary, ec);
      return Diagnostic{Severity::warning,
                        file.generic_string(),
                        {},
                        "cannot save the list of files built",
                        "the next build makes every file",
                        {}};
    }
  }
  fs::rename(temporary, file, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return Diagnostic{Severity::warning,
                      file.generic_string(),
                      {},
                      "cannot save the list of files built: " + ec.message(),
                      "the next build makes every file",
                      {}};
  }
  return Ok{};
}

const MadeFile* Manifest::find(const std::string& relative) const {
  auto it = files_.find(relative);
  return it == files_.end() ? nullptr : &it->second;
}

void Manifest::add(const std::string& relative, MadeFile made) {
  // A path with a tab or a line break would not read back: such a file is made every time.
  if (relative.find_first_of("\t\n\r") != std::string::npos) return;
  files_.insert_or_assign(relative, std::move(made));
}

Result<std::unique_ptr<OutputTree>> OutputTree::create(const fs::path& output_dir,
                                                       fs::path manifest,
                                                       const Manifest* previous) {
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
  tree->manifest_file_ = std::move(manifest);
  tree->previous_ = previous;
  // The mark says the output is gazette's to replace (config checks it before a build).
  tree->write(std::string(kOwnedMark), kOwnedMarkText, {});
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

void OutputTree::record(const std::string& relative, MadeFile made) {
  std::lock_guard lock(mutex_);
  made_.add(relative, std::move(made));
}

void OutputTree::write(const std::string& relative, std::string_view bytes, const Origin& origin) {
  GAZETTE_ASSERT(is_safe_relative_path(relative));
  fs::path file = staging_ / relative;
  ensure_parent(file);
  // Never into a file that is there: it may be a link to the previous build's, which readers
  // are still being served.
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 && errno == EEXIST && ::unlink(file.c_str()) == 0) {
    fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  }
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
  if (auto made = stat_file(file)) {
    made->origin = origin;
    record(relative, std::move(*made));
  }
}

void OutputTree::copy(const fs::path& source, const std::string& relative, const Origin& origin) {
  GAZETTE_ASSERT(is_safe_relative_path(relative));
  fs::path file = staging_ / relative;
  ensure_parent(file);
  std::error_code ec;
  fs::remove(file, ec);  // as in write(): never through a link to the previous build's file
  fs::copy_file(source, file, ec);
  if (ec) {
    fail(relative, ec.message());
    return;
  }
  ++files_;
  if (auto made = stat_file(file)) {
    made->origin = origin;
    record(relative, std::move(*made));
  }
}

bool OutputTree::keep(const std::string& relative, const Origin& origin) {
  GAZETTE_ASSERT(is_safe_relative_path(relative));
  const MadeFile* before = previous_ ? previous_->find(relative) : nullptr;
  if (!before) return false;
  bool same = (!origin.key.empty() && origin.key == before->origin.key) ||
              (!origin.digest.empty() && origin.digest == before->origin.digest);
  if (!same) return false;
  // The file must still be the one the previous build left: not edited, replaced or made a
  // symlink since.
  fs::path old = output_ / relative;
  auto now = stat_file(old);
  if (!now || !same_file(*now, *before)) return false;
  fs::path file = staging_ / relative;
  ensure_parent(file);
  if (::linkat(AT_FDCWD, old.c_str(), AT_FDCWD, file.c_str(), 0) != 0) return false;
  MadeFile kept = *before;
  if (!origin.key.empty()) kept.origin.key = origin.key;
  if (!origin.digest.empty()) kept.origin.digest = origin.digest;
  record(relative, std::move(kept));
  ++files_;
  ++kept_;
  return true;
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
    save_manifest();
    // staging_ is now the old tree.
    if (remover_) {
      remover_(staging_);
    } else {
      remove_owned_tree(staging_);
    }
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
    save_manifest();
  }
  return Ok{};
}

void OutputTree::save_manifest() {
  if (manifest_file_.empty()) return;
  // Saved after the swap: until then the manifest on disk describes the tree being served. A
  // manifest that could not be saved costs only speed (the next build makes every file), and a
  // stale one is harmless: a file is kept only while it is the very file the manifest names.
  std::lock_guard lock(mutex_);
  (void)made_.write(manifest_file_, output_);
}

}  // namespace gazette::site
