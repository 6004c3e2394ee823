// End-to-end: builds that fail the hard way — killed with kill -9 at every step, out of disk
// space, denied a directory. The previous site and index stay whole, and the next build works.
// Real processes on a real file system; the disk and permission faults need root (a tmpfs
// mount, chattr +i: plain permissions do not stop root) and are skipped with a message without.
#include <doctest/doctest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>

#include "temp_site.hpp"

namespace fs = std::filesystem;

extern char** environ;

namespace {

struct Run {
  int exit_code = -1;
  bool killed = false;  ///< ended by SIGKILL
  std::string output;
};

Run gazette_in(const fs::path& dir, const std::string& args, const std::string& env = "") {
  TempDir scratch;
  std::string command = "cd '" + dir.string() + "' && " + env + " exec '" + GAZETTE_BINARY + "' " +
                        args + " > '" + (scratch.path() / "out").string() + "' 2>&1";
  int status = std::system(command.c_str());
  Run run;
  run.killed = (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ||
               (WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGKILL);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.output = scratch.read("out");
  return run;
}

// Every file and symlink under `dir`: path → bytes (or "-> target").
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string rel = it->path().lexically_relative(dir).generic_string();
    if (it->is_symlink()) {
      files[rel] = "-> " + fs::read_symlink(it->path()).string();
    } else if (it->is_regular_file()) {
      std::ifstream in(it->path(), std::ios::binary);
      files[rel] = std::string(std::istreambuf_iterator<char>(in), {});
    }
  }
  return files;
}

// Names in `dir` starting with `prefix`.
std::vector<std::string> entries(const fs::path& dir, const std::string& prefix) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0) names.push_back(name);
  }
  return names;
}

// Whether `gazette search WORD` lists the notice titled "Thông báo WORD".
bool finds(const fs::path& site, const std::string& word) {
  Run run = gazette_in(site, "search '" + word + "'");
  return run.exit_code == 0 && contains(run.output, ". Thông báo " + word + "\n");
}

const char* const kNow = "--now 2023-04-20T09:00:00+07:00";

// Whether `dir` is empty or missing, waiting a while for it.
bool emptied(const fs::path& dir) {
  std::error_code ec;
  for (int i = 0; i < 400 && fs::exists(dir, ec) && !fs::is_empty(dir, ec); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return !fs::exists(dir, ec) || fs::is_empty(dir, ec);
}

// What every build left behind once the next one has finished: nothing of its own (the
// previous site is removed by a process of its own after the command returns: waited for).
void check_clean(const fs::path& output_parent, const fs::path& index) {
  CHECK(entries(output_parent, "public.staging-").empty());
  CHECK(emptied(index.parent_path() / "cache/old-sites"));
  CHECK(entries(index, "live.tmp-").empty());
  CHECK(entries(index, "gen-").size() <= 2);  // the live generation and the previous one
  // The segments the live index is made from, and nothing half-written.
  for (const std::string& name : entries(index / "segments", "")) {
    CHECK_MESSAGE(name.find(".tmp-") == std::string::npos, name);
  }
}

bool is_root() { return geteuid() == 0; }

}  // namespace

TEST_CASE(
    "faults: kill -9 at each step of a build leaves a whole site and index, and the next "
    "build succeeds") {
  for (std::string point : {"index-segment-written", "pages-written", "site-swapped",
                            "index-link-made", "index-switched"}) {
    CAPTURE(point);
    TempSite site({{"content/notices/a.md", notice("Thông báo Alpha")}});
    REQUIRE(gazette_in(site.path(), std::string("build ") + kNow).exit_code == 0);
    auto before = snapshot(site.path() / "public");
    site.write("content/notices/b.md", notice("Thông báo Beta"));
    Run killed = gazette_in(site.path(), std::string("build ") + kNow,
                            std::string("GAZETTE_FAULT=") + point);
    CHECK_MESSAGE(killed.killed, killed.output);
    // The site is the previous one or the new one, whole; the index answers.
    auto after = snapshot(site.path() / "public");
    bool swapped = point != "pages-written" && point != "index-segment-written";
    if (swapped) {
      CHECK(contains(after["notice/2023/b/index.html"], "Thông báo Beta"));
      CHECK(after.count("index.html"));
    } else {
      CHECK(after == before);
    }
    CHECK(finds(site.path(), "Alpha"));
    CHECK(finds(site.path(), "Beta") == (std::string(point) == "index-switched"));
    Run next = gazette_in(site.path(), std::string("build ") + kNow);
    CHECK_MESSAGE(next.exit_code == 0, next.output);
    CHECK(finds(site.path(), "Beta"));
    CHECK(contains(site.page("notice/2023/b/index.html"), "Thông báo Beta"));
    check_clean(site.path(), site.path() / ".gazette/search");
  }
}

TEST_CASE("faults: kill -9 at a moment of a real build leaves the previous site and index") {
  std::map<std::string, std::string> files;
  for (int i = 0; i < 400; ++i) {
    files["content/notices/n" + std::to_string(i) + ".md"] =
        notice("Thông báo " + std::to_string(i), "", std::string(2000, 'x') + "\n");
  }
  TempSite site(files);
  REQUIRE(gazette_in(site.path(), std::string("build -q ") + kNow).exit_code == 0);
  auto before = snapshot(site.path() / "public");
  fs::path live_before = fs::read_symlink(site.path() / ".gazette/search/live");
  auto index_before = snapshot(site.path() / ".gazette/search/live/");
  site.write("content/notices/z.md", notice("Thông báo Omega"));
  for (int delay_ms : {0, 100, 300}) {
    CAPTURE(delay_ms);
    std::string binary = GAZETTE_BINARY;
    std::string site_dir = site.path().string();
    std::vector<std::string> args = {
        binary, "build", "-q", "-j", "1", "--site", site_dir, "--now", "2023-04-20T09:00:00+07:00"};
    std::vector<char*> argv;
    argv.reserve(args.size());
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ) == 0);
    // Wait until it writes pages into its staging tree, then a little longer.
    for (int i = 0; i < 2000 && entries(site.path(), "public.staging-").empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status)) {
      MESSAGE("the build finished before it could be killed");
      break;
    }
    CHECK(snapshot(site.path() / "public") == before);
    // The live index is the one before (a generation it was writing may be left, unused).
    CHECK(fs::read_symlink(site.path() / ".gazette/search/live") == live_before);
    CHECK(snapshot(site.path() / ".gazette/search/live/") == index_before);
    CHECK(finds(site.path(), "399"));
  }
  Run next = gazette_in(site.path(), std::string("build -q ") + kNow);
  CHECK_MESSAGE(next.exit_code == 0, next.output);
  CHECK(finds(site.path(), "Omega"));
  check_clean(site.path(), site.path() / ".gazette/search");
}

namespace {

// A small tmpfs mounted at `dir` for the life of the object.
class SmallDisk {
 public:
  SmallDisk(const fs::path& dir, const char* size) : dir_(dir) {
    fs::create_directories(dir);
    mounted_ =
        ::mount("tmpfs", dir.c_str(), "tmpfs", 0, (std::string("size=") + size).c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }

 private:
  fs::path dir_;
  bool mounted_ = false;
};

const char* const kOutOnDisk =
    "title = \"Cổng thử\"\n[build]\noutput = \"out/public\"\n"
    "[search]\nindex = \"out/index\"\n";

}  // namespace

TEST_CASE("faults: a full disk fails the build with a message, the previous site stays whole") {
  if (!is_root()) {
    MESSAGE("skipped: mounting a small tmpfs needs root");
    return;
  }
  TempSite site({{"site.toml", kOutOnDisk}, {"content/notices/a.md", notice("Thông báo Alpha")}});
  SmallDisk disk(site.path() / "out", "3m");
  if (!disk.mounted()) {
    MESSAGE("skipped: cannot mount a tmpfs here");
    return;
  }
  REQUIRE(gazette_in(site.path(), std::string("build ") + kNow).exit_code == 0);
  auto before = snapshot(site.path() / "out/public");
  auto index_before = snapshot(site.path() / "out/index");
  // An attachment larger than the disk: the copy cannot be written.
  site.write("files/lon.bin", std::string(std::size_t{4} * 1024 * 1024, 'x'));
  site.write("content/notices/b.md",
             notice("Thông báo Beta", "attachments = [{ file = \"files/lon.bin\" }]\n"));
  Run full = gazette_in(site.path(), std::string("build ") + kNow);
  CHECK(full.exit_code == 1);
  // The pages or the index, whichever is written first when the disk fills up.
  CHECK_MESSAGE(contains(full.output, "No space left on device"), full.output);
  CHECK((contains(full.output,
                  "error: cannot write the file: No space left on device\n"
                  "hint: check the disk space and permissions; the previous site is "
                  "untouched\n") ||
         contains(full.output, "error: cannot write the search index: ")));
  CHECK(contains(full.output, "the previous site in out/public is untouched"));
  CHECK(snapshot(site.path() / "out/public") == before);
  CHECK(snapshot(site.path() / "out/index") == index_before);
  CHECK(entries(site.path() / "out", "public.staging-").empty());  // its space given back
  CHECK(finds(site.path(), "Alpha"));
  fs::remove(site.path() / "files/lon.bin");
  site.write("content/notices/b.md", notice("Thông báo Beta"));
  Run next = gazette_in(site.path(), std::string("build ") + kNow);
  CHECK_MESSAGE(next.exit_code == 0, next.output);
  CHECK(finds(site.path(), "Beta"));
}

TEST_CASE("faults: a folder the build may not write fails it with a message, nothing lost") {
  if (!is_root()) {
    MESSAGE("skipped: chattr +i needs root");
    return;
  }
  TempSite site({{"site.toml", kOutOnDisk}, {"content/notices/a.md", notice("Thông báo Alpha")}});
  REQUIRE(gazette_in(site.path(), std::string("build ") + kNow).exit_code == 0);
  auto before = snapshot(site.path() / "out");
  site.write("content/notices/b.md", notice("Thông báo Beta"));
  // Immutable: not even root may add or remove an entry (plain permissions do not stop root).
  for (const char* dir : {"out", "out/index"}) {
    CAPTURE(dir);
    std::string path = (site.path() / dir).string();
    if (std::system(("chattr +i '" + path + "' 2>/dev/null").c_str()) != 0) {
      MESSAGE("skipped: this file system has no immutable flag (chattr +i)");
      return;
    }
    Run denied = gazette_in(site.path(), std::string("build ") + kNow);
    std::system(("chattr -i '" + path + "'").c_str());
    CHECK(denied.exit_code == 1);
    CHECK_MESSAGE(contains(denied.output, "Operation not permitted"), denied.output);
    CHECK(contains(denied.output, "the previous site in out/public is untouched"));
    CHECK(snapshot(site.path() / "out") == before);
    CHECK(finds(site.path(), "Alpha"));
    CHECK_FALSE(finds(site.path(), "Beta"));
  }
  Run next = gazette_in(site.path(), std::string("build ") + kNow);
  CHECK_MESSAGE(next.exit_code == 0, next.output);
  CHECK(finds(site.path(), "Beta"));
  check_clean(site.path() / "out", site.path() / "out/index");
}

TEST_CASE("faults: the replaced site is removed by a process of its own, and only a build's own") {
  TempSite site({{"content/notices/a.md", notice("Thông báo Alpha")}});
  REQUIRE(gazette_in(site.path(), std::string("build ") + kNow).exit_code == 0);
  site.write("content/notices/b.md", notice("Thông báo Beta"));
  REQUIRE(gazette_in(site.path(), std::string("build ") + kNow).exit_code == 0);
  CHECK(contains(site.page("notice/2023/b/index.html"), "Thông báo Beta"));
  check_clean(site.path(), site.path() / ".gazette/search");

  // Asked to empty a folder, the remover leaves what is not a build's replaced site: a
  // directory not named as one, one without gazette's mark, a link to a marked tree.
  TempDir other;
  auto marked = [](const fs::path& dir) {
    fs::create_directories(dir / "sub");
    std::ofstream(dir / ".made-by-gazette") << "x";
    std::ofstream(dir / "sub/page.html") << "keep";
  };
  fs::path old = other.path() / "old-sites";
  marked(old / "public");
  fs::create_directories(old / "public.staging-1-2/sub");
  std::ofstream(old / "public.staging-1-2/sub/page.html") << "keep";
  marked(other.path() / "elsewhere.staging-3-4");
  fs::create_directory_symlink(other.path() / "elsewhere.staging-3-4", old / "link.staging-3-4");
  marked(old / "public.staging-5-6");
  Run run = gazette_in(other.path(), "--remove-old-sites old-sites");
  CHECK(run.exit_code == 0);
  for (int i = 0; i < 400 && fs::exists(old / "public.staging-5-6"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK_FALSE(fs::exists(old / "public.staging-5-6"));  // a build's own: removed
  CHECK(fs::exists(old / "public/sub/page.html"));
  CHECK(fs::exists(old / "public.staging-1-2/sub/page.html"));
  CHECK(fs::exists(other.path() / "elsewhere.staging-3-4/sub/page.html"));
  CHECK(fs::is_symlink(old / "link.staging-3-4"));
}
