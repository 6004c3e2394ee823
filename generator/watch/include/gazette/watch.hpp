// gazette watch: the files of a site as they change, for `gazette serve --watch`.
//
//   auto watcher = watch::Watcher::open(config.root, {config.output_dir});
//   while (auto changes = (*watcher)->wait(stop)) rebuild(*changes);  // until stop is set
//
// Every folder under the root is watched (inotify), the ignored ones and those below them
// excepted, and folders made later join as they appear. A burst of events (an editor saving
// through a temporary file, a `git checkout`) comes out as one change once the files have been
// quiet for a moment. Symbolic links are not followed: nothing outside the site is watched.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "gazette/core.hpp"

namespace gazette::watch {

struct Changes {
  std::vector<std::filesystem::path> paths;  ///< relative to the root, sorted, each once
};

struct Timing {
  /// A burst ends when no file has changed for this long.
  std::chrono::milliseconds quiet{100};
  /// A burst that goes on (a long checkout) still ends after this long.
  std::chrono::milliseconds longest{2000};
  /// How often wait() looks at its stop flag.
  std::chrono::milliseconds poll{200};
};

class Watcher {
 public:
  /// Watches every folder under `root` except `ignored` (and what is inside them, and their
  /// copies beside them named after them: "public.staging-…", where a build is made before it is
  /// swapped in) and folders whose name starts with a dot (.git, .gazette). An error says why it
  /// cannot (the system's limit on watches, most often) and what to do.
  static Result<std::unique_ptr<Watcher>> open(const std::filesystem::path& root,
                                               const std::vector<std::filesystem::path>& ignored,
                                               Timing timing = {});
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  /// Waits for files to change and returns them once the burst is over; none once `stop` is
  /// set (it is looked at every Timing::poll).
  std::optional<Changes> wait(const std::atomic<bool>& stop);

 private:
  struct Impl;
  explicit Watcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette::watch
