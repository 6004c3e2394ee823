#include <doctest/doctest.h>

#include <future>
#include <thread>

#include "gazette/watch.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using gazette::watch::Changes;
using gazette::watch::Timing;
using gazette::watch::Watcher;
using namespace std::chrono_literals;

namespace {

// A site with content/, public/ (its output) and .git/.
struct WatchedSite {
  TempDir dir;
  std::unique_ptr<Watcher> watcher;
  std::atomic<bool> stop{false};

  WatchedSite() {
    dir.write("site.toml", "title = \"t\"\n");
    dir.write("content/notices/a.md", "a\n");
    dir.write("public/index.html", "old\n");
    dir.write(".git/HEAD", "ref\n");
    auto opened = Watcher::open(dir.path(), {dir.path() / "public"}, Timing{50ms, 1000ms, 50ms});
    REQUIRE(opened);
    watcher = std::move(*opened);
  }

  // What the watcher reports while `act` runs; none if nothing within `patience`.
  std::optional<Changes> changes_after(const std::function<void()>& act,
                                       std::chrono::milliseconds patience = 3000ms) {
    stop = false;
    auto waited = std::async(std::launch::async, [this] { return watcher->wait(stop); });
    std::this_thread::sleep_for(20ms);
    act();
    if (waited.wait_for(patience) != std::future_status::ready) stop = true;
    return waited.get();
  }
};

std::vector<std::string> names(const Changes& c) {
  std::vector<std::string> out;
  for (const auto& p : c.paths) out.push_back(p.generic_string());
  return out;
}

}  // namespace

TEST_CASE("watch: an edited file and site.toml are reported, relative to the site") {
  WatchedSite site;
  auto changes = site.changes_after([&] {
    site.dir.write("content/notices/a.md", "a edited\n");
    site.dir.write("site.toml", "title = \"u\"\n");
  });
  REQUIRE(changes);
  CHECK(names(*changes) == std::vector<std::string>{"content/notices/a.md", "site.toml"});
}

TEST_CASE("watch: a burst of saves is one change, after the files are quiet") {
  WatchedSite site;
  auto changes = site.changes_after([&] {
    for (int i = 0; i < 5; ++i) {
      site.dir.write("content/notices/b" + std::to_string(i) + ".md", "b\n");
      std::this_thread::sleep_for(10ms);
    }
  });
  REQUIRE(changes);
  CHECK(changes->paths.size() == 5);
}

TEST_CASE("watch: the output folder, dot folders and editors' scratch files are no change") {
  WatchedSite site;
  auto changes = site.changes_after(
      [&] {
        site.dir.write("public/index.html", "new\n");
        site.dir.write("public/notices/x/index.html", "new\n");
        site.dir.write("public.staging-12-34/notices/x/index.html", "new\n");
        site.dir.write(".git/HEAD", "other\n");
        site.dir.write("content/notices/.a.md.swp", "x");
        site.dir.write("content/notices/a.md~", "x");
        site.dir.write("content/notices/4913", "x");
        site.dir.write("content/notices/#a.md#", "x");
      },
      400ms);
  CHECK_FALSE(changes);
}

TEST_CASE("watch: a folder made after the start is watched, with what is put in it") {
  WatchedSite site;
  auto made = site.changes_after([&] { fs::create_directories(site.dir.path() / "content/new"); });
  REQUIRE(made);
  CHECK(names(*made) == std::vector<std::string>{"content/new"});
  auto changes = site.changes_after([&] { site.dir.write("content/new/c.md", "c\n"); });
  REQUIRE(changes);
  CHECK(names(*changes) == std::vector<std::string>{"content/new/c.md"});
}

TEST_CASE("watch: a file saved through a temporary one is one change, the temporary none") {
  WatchedSite site;
  auto changes = site.changes_after([&] {
    site.dir.write("content/notices/sedX1b2", "a saved\n");
    fs::rename(site.dir.path() / "content/notices/sedX1b2",
               site.dir.path() / "content/notices/a.md");
  });
  REQUIRE(changes);
  CHECK(names(*changes) == std::vector<std::string>{"content/notices/a.md"});
}

TEST_CASE("watch: a renamed and a deleted file are changes") {
  WatchedSite site;
  auto changes = site.changes_after([&] {
    fs::rename(site.dir.path() / "content/notices/a.md", site.dir.path() / "content/notices/z.md");
  });
  REQUIRE(changes);
  CHECK(names(*changes) ==
        std::vector<std::string>{"content/notices/a.md", "content/notices/z.md"});
  changes = site.changes_after([&] { fs::remove(site.dir.path() / "content/notices/z.md"); });
  REQUIRE(changes);
  CHECK(names(*changes) == std::vector<std::string>{"content/notices/z.md"});
}

TEST_CASE("watch: a symlink to a folder outside the site is not followed") {
  TempDir outside;
  outside.write("x.md", "x\n");
  TempDir dir;
  dir.write("content/a.md", "a\n");
  fs::create_directory_symlink(outside.path(), dir.path() / "content/linked");
  auto opened = Watcher::open(dir.path(), {}, Timing{50ms, 1000ms, 50ms});
  REQUIRE(opened);
  std::atomic<bool> stop{false};
  auto waited = std::async(std::launch::async, [&] { return (*opened)->wait(stop); });
  std::this_thread::sleep_for(20ms);
  outside.write("x.md", "changed\n");
  if (waited.wait_for(400ms) != std::future_status::ready) stop = true;
  CHECK_FALSE(waited.get());
}

TEST_CASE("watch: wait returns nothing soon after it is told to stop") {
  WatchedSite site;
  std::atomic<bool> stop{false};
  auto waited = std::async(std::launch::async, [&] { return site.watcher->wait(stop); });
  stop = true;
  REQUIRE(waited.wait_for(2000ms) == std::future_status::ready);
  CHECK_FALSE(waited.get());
}
