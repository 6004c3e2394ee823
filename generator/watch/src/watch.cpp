// The site's folders watched with inotify; bursts of events gathered into one change.
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <set>
#include <unordered_map>

#include "gazette/watch.hpp"

namespace gazette::watch {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint32_t kEvents = IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE |
                                  IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF;

// Files editors make beside the one being edited: a change to them is no change to the site
// (vim's swap files and its 4913 probe, emacs's #autosave# and .#lock, backups ending in ~).
bool is_editor_scratch(const std::string& name) {
  if (name.empty() || name[0] == '.' || name[0] == '#' || name.back() == '~') return true;
  return name == "4913";
}

int to_ms(Clock::duration d) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  return static_cast<int>(std::clamp<long long>(ms, 0, 60'000));
}

}  // namespace

struct Watcher::Impl {
  fs::path root;
  std::vector<fs::path> ignored;
  Timing timing;
  int fd = -1;
  std::unordered_map<int, fs::path> folders;  // watch → folder, relative to the root

  ~Impl() {
    if (fd >= 0) ::close(fd);
  }

  bool is_ignored(const fs::path& relative) const {
    if (relative.empty()) return false;
    if (relative.filename().string().starts_with('.')) return true;
    fs::path absolute = (root / relative).lexically_normal();
    return std::any_of(ignored.begin(), ignored.end(), [&](const fs::path& dir) {
      if (is_within(absolute, dir)) return true;
      // A build's copy beside the folder it replaces ("public.staging-…").
      for (fs::path p = absolute; p.has_relative_path() && p != root; p = p.parent_path()) {
        if (p.parent_path() == dir.parent_path() &&
            p.filename().string().starts_with(dir.filename().string() + ".")) {
          return true;
        }
      }
      return false;
    });
  }

  Status add(const fs::path& relative) {
    fs::path dir = relative.empty() ? root : root / relative;
    int wd = inotify_add_watch(fd, dir.c_str(), kEvents | IN_ONLYDIR | IN_DONT_FOLLOW);
    if (wd >= 0) {
      folders[wd] = relative;
      return Ok{};
    }
    if (errno == ENOENT || errno == ENOTDIR || errno == EACCES) return Ok{};  // gone, or not ours
    std::string hint = errno == ENOSPC
                           ? "the system allows too few watched folders: raise it with "
                             "`sysctl fs.inotify.max_user_watches=524288`, or serve without --watch"
                           : "serve without --watch, and build by hand after each change";
    return Diagnostic{Severity::error,
                      dir.generic_string(),
                      {},
                      std::string("cannot watch the folder for changes: ") + std::strerror(errno),
                      hint,
                      {}};
  }

  // Watches `relative` and every folder below it that is not ignored; symlinks not followed.
  Status add_tree(const fs::path& relative) {
    if (is_ignored(relative)) return Ok{};
    if (Status added = add(relative); !added) return added;
    std::error_code ec;
    fs::path top = relative.empty() ? root : root / relative;
    for (auto it = fs::recursive_directory_iterator(
             top, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_directory(ec) || it->is_symlink(ec)) continue;
      fs::path below = it->path().lexically_relative(root);
      if (is_ignored(below)) {
        it.disable_recursion_pending();
        continue;
      }
      if (Status added = add(below); !added) return added;
    }
    return Ok{};
  }

  // What changed in one burst; `born`: made during it (a temporary file that is gone again by
  // the end is no change).
  struct Burst {
    std::set<fs::path> changed, born;
  };

  // Reads the events waiting; notes the files they name and watches new folders.
  void drain(Burst& burst) {
    alignas(inotify_event) std::array<char, 16384> buffer;
    while (true) {
      ssize_t got = ::read(fd, buffer.data(), buffer.size());
      if (got <= 0) return;
      for (ssize_t at = 0; at < got;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + at);
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        note(*event, burst);
      }
    }
  }

  void note(const inotify_event& event, Burst& burst) {
    std::set<fs::path>& changed = burst.changed;
    auto folder = folders.find(event.wd);
    if (folder == folders.end()) return;
    if (event.mask & IN_IGNORED) {
      folders.erase(folder);
      return;
    }
    if (event.mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
      changed.insert(folder->second);
      return;
    }
    std::string name = event.len > 0 ? std::string(event.name) : std::string();
    if (name.empty()) return;
    fs::path relative = folder->second / name;
    if (is_ignored(relative)) return;
    if ((event.mask & IN_ISDIR) && (event.mask & (IN_CREATE | IN_MOVED_TO))) {
      (void)add_tree(relative);  // what it holds already counts as changed with it
      changed.insert(relative);
      return;
    }
    if (is_editor_scratch(name)) return;
    if (event.mask & (IN_CREATE | IN_MOVED_TO)) burst.born.insert(relative);
    changed.insert(relative);
  }
};

Watcher::Watcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Watcher::~Watcher() = default;

Result<std::unique_ptr<Watcher>> Watcher::open(const fs::path& root,
                                               const std::vector<fs::path>& ignored,
                                               Timing timing) {
  auto impl = std::make_unique<Impl>();
  impl->root = fs::absolute(root).lexically_normal();
  for (const auto& dir : ignored) impl->ignored.push_back(fs::absolute(dir).lexically_normal());
  impl->timing = timing;
  impl->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (impl->fd < 0) {
    return Diagnostic{Severity::error,
                      root.generic_string(),
                      {},
                      std::string("cannot watch the site for changes: ") + std::strerror(errno),
                      "serve without --watch, and build by hand after each change",
                      {}};
  }
  if (Status added = impl->add_tree({}); !added) return added.error();
  return std::unique_ptr<Watcher>(new Watcher(std::move(impl)));
}

std::optional<Changes> Watcher::wait(const std::atomic<bool>& stop) {
  Impl& m = *impl_;
  Impl::Burst burst;
  std::set<fs::path>& changed = burst.changed;
  Clock::time_point first{}, last{};
  while (!stop.load()) {
    int timeout = to_ms(m.timing.poll);
    if (!changed.empty()) {
      auto now = Clock::now();
      auto until = std::min(last + m.timing.quiet, first + m.timing.longest);
      if (now >= until) break;
      timeout = std::min(timeout, to_ms(until - now) + 1);
    }
    pollfd readable{m.fd, POLLIN, 0};
    if (::poll(&readable, 1, timeout) > 0) {
      std::size_t before = changed.size();
      m.drain(burst);
      if (changed.size() != before || (!changed.empty() && first == Clock::time_point{})) {
        last = Clock::now();
        if (first == Clock::time_point{}) first = last;
      }
    }
  }
  std::error_code ec;
  for (const auto& path : burst.born) {
    if (!fs::exists(fs::symlink_status(m.root / path, ec))) changed.erase(path);
  }
  if (changed.empty()) return std::nullopt;
  return Changes{{changed.begin(), changed.end()}};
}

}  // namespace gazette::watch
