#include <doctest/doctest.h>

#include <fstream>

#include "gazette/config.hpp"
#include "temp_dir.hpp"

using namespace gazette;
namespace fs = std::filesystem;

namespace {

// The error loading `site_toml` gives, as printed ("" when it loads).
std::string problem(const TempDir& dir, const std::string& site_toml) {
  dir.write("site.toml", site_toml);
  auto c = config::load_config(dir.path() / "site.toml");
  return c ? "" : format_diagnostic(c.error());
}

std::string real(const fs::path& p) { return fs::weakly_canonical(p).generic_string(); }

const char* const kOutputHint =
    "hint: use a folder of its own inside the site, such as output = \"public\"\n";
const char* const kIndexHint =
    "hint: use a folder of its own inside the site, such as index = \".gazette/search\"\n";

}  // namespace

TEST_CASE("config: the output may not be any folder the site is made of") {
  TempDir dir;
  fs::create_directories(dir.path() / ".git");
  fs::create_directories(dir.path() / "content/notices");
  const std::string whole = ": a build replaces that folder whole\n";
  struct Case {
    const char* output;
    std::string what;
  };
  for (const Case& c : std::vector<Case>{
           {".git", "is the git repository .git"},
           {"files", "is the attachments folder files/"},
           {"content", "is the content folder content/"},
           {"content/notices", "is inside the content folder content/"},
           {"public/../content", "is the content folder content/"},
           {"site.toml", "is the site's settings site.toml"},
           {"themes", "is the themes folder themes/"},
           {"themes/mine", "is inside the themes folder themes/"},
           {".", "is the site's own folder"},
       }) {
    std::string line = std::string("output = \"") + c.output + "\"";
    CHECK(problem(dir, "[build]\n" + line + "\n") ==
          std::string("site.toml:2:10: error: `output` = \"") + c.output + "\" " + c.what + whole +
              "    " + line + "\n             ^\n" + kOutputHint);
  }
  // A folder that holds what the site is made of.
  CHECK(problem(dir, "[build]\ncontent = \"src/content\"\noutput = \"src\"\n") ==
        "site.toml:3:10: error: `output` = \"src\" holds the content folder src/content/" + whole +
            "    output = \"src\"\n             ^\n" + kOutputHint);
  CHECK(fs::is_directory(dir.path() / ".git"));  // nothing touched
}

TEST_CASE("config: the output and the index stay inside the site") {
  TempDir dir;
  fs::path site = dir.path() / "site";
  TempDir other;
  fs::create_directories(site);
  auto in_site = [&](const std::string& text) {
    std::ofstream(site / "site.toml") << text;
    auto c = config::load_config(site / "site.toml");
    return c ? "" : format_diagnostic(c.error());
  };
  CHECK(in_site("[build]\noutput = \"../sibling\"\n") ==
        "site.toml:2:10: error: `output` = \"../sibling\" leads outside the site (to " +
            real(dir.path() / "sibling") + "): a build replaces that folder whole\n" +
            "    output = \"../sibling\"\n             ^\n" + kOutputHint);
  CHECK(in_site("[build]\noutput = \"/tmp/x\"\n") ==
        std::string("site.toml:2:10: error: `output` = \"/tmp/x\" leads outside the site (to ") +
            real("/tmp/x") + "): a build replaces that folder whole\n" +
            "    output = \"/tmp/x\"\n             ^\n" + kOutputHint);
  CHECK(in_site("[search]\nindex = \"../index\"\n") ==
        "site.toml:2:9: error: `index` = \"../index\" leads outside the site (to " +
            real(dir.path() / "index") + "): a build writes and deletes search databases there\n" +
            "    index = \"../index\"\n            ^\n" + kIndexHint);
  // A symlink: to a folder elsewhere, or even to one inside the site.
  fs::create_directory_symlink(other.path(), site / "public");
  CHECK(in_site("title = \"T\"\n") ==
        "site.toml: error: `output` = \"public\" (the default) leads outside the site (to " +
            real(other.path()) + "): a build replaces that folder whole\n" + kOutputHint);
  fs::remove(site / "public");
  fs::create_directories(site / "out");
  fs::create_directory_symlink(site / "out", site / "public");
  CHECK(in_site("title = \"T\"\n") ==
        "site.toml: error: `output` = \"public\" (the default) is a symlink (to " +
            real(site / "out") + "): a build replaces that folder whole\n" + kOutputHint);
  CHECK(fs::is_directory(other.path()));
}

TEST_CASE("config: the index is apart from the output, which would publish it") {
  TempDir dir;
  CHECK(problem(dir, "[search]\nindex = \"public\"\n") ==
        "site.toml:2:9: error: `index` = \"public\" is the output folder public/: the search "
        "database would be published\n    index = \"public\"\n            ^\n" +
            std::string(kIndexHint));
  CHECK(problem(dir, "[search]\nindex = \"public/search\"\n") ==
        "site.toml:2:9: error: `index` = \"public/search\" is inside the output folder public/: "
        "the search database would be published\n    index = \"public/search\"\n            ^\n" +
            std::string(kIndexHint));
  // The default index, under an output named after its folder: at the output's line.
  CHECK(problem(dir, "[build]\noutput = \".gazette\"\n") ==
        "site.toml:2:10: error: `index` = \".gazette/search\" (the default) is inside the output "
        "folder .gazette/: the search database would be published\n"
        "    output = \".gazette\"\n             ^\n" +
            std::string(kIndexHint));
  CHECK(problem(dir, "[search]\nindex = \"content/db\"\n") ==
        "site.toml:2:9: error: `index` = \"content/db\" is inside the content folder content/: a "
        "build writes and deletes search databases there\n    index = \"content/db\"\n"
        "            ^\n" +
            std::string(kIndexHint));
}

TEST_CASE("config: a folder gazette did not make is not replaced") {
  TempDir dir;
  dir.write("docs/notes.txt", "mine");
  const std::string refused =
      "site.toml:2:10: error: `output` = \"docs\" is a folder gazette did not make (it holds "
      "files and no .made-by-gazette): a build replaces that folder whole\n"
      "    output = \"docs\"\n             ^\n"
      "hint: name a new or empty folder; if gazette did build this one, delete it and build "
      "again\n";
  CHECK(problem(dir, "[build]\noutput = \"docs\"\n") == refused);
  dir.write("notes.txt", "mine");
  CHECK(problem(dir, "[build]\noutput = \"notes.txt\"\n") ==
        "site.toml:2:10: error: `output` = \"notes.txt\" is a file, not a folder: a build would "
        "put a folder in its place\n    output = \"notes.txt\"\n             ^\n" +
            std::string(kOutputHint));
  // Empty, marked, or the shape of an output from before the mark: gazette's own.
  fs::create_directories(dir.path() / "empty");
  CHECK(problem(dir, "[build]\noutput = \"empty\"\n").empty());
  dir.write("marked/index.html", "x");
  dir.write("marked/.made-by-gazette", "");
  CHECK(problem(dir, "[build]\noutput = \"marked\"\n").empty());
  for (const char* f : {"index.html", "sitemap.xml", "data/documents.json", "data/documents.csv"}) {
    dir.write(std::string("old/") + f, "x");
  }
  CHECK_FALSE(problem(dir, "[build]\noutput = \"old\"\n").empty());  // not all of the shape
  dir.write("old/open-data/index.html", "x");
  CHECK(problem(dir, "[build]\noutput = \"old\"\n").empty());
  // An index: marked, or with `live` pointing at a generation as before the mark.
  dir.write("db/x", "mine");
  CHECK(problem(dir, "[search]\nindex = \"db\"\n") ==
        "site.toml:2:9: error: `index` = \"db\" is a folder gazette did not make (it holds files "
        "and no .made-by-gazette): a build writes and deletes search databases there\n"
        "    index = \"db\"\n            ^\n"
        "hint: name a new or empty folder; if gazette did build this one, delete it and build "
        "again\n");
  fs::create_directory_symlink("gen-00000000000000000001-1", dir.path() / "db/live");
  CHECK(problem(dir, "[search]\nindex = \"db\"\n").empty());
}

TEST_CASE("config: what a build reads stays inside the site") {
  TempDir dir, other;
  fs::path site = dir.path() / "site";
  fs::create_directories(site);
  auto in_site = [&](const std::string& text) {
    std::ofstream(site / "site.toml") << text;
    auto c = config::load_config(site / "site.toml");
    return c ? "" : format_diagnostic(c.error());
  };
  const std::string hint = "hint: keep it inside the site (a symlink must point inside it too)\n";
  CHECK(in_site("[build]\ncontent = \"../elsewhere\"\n") ==
        "site.toml:2:11: error: `content` = \"../elsewhere\" leads outside the site (to " +
            real(dir.path() / "elsewhere") + "): gazette reads only inside the site's folder\n" +
            "    content = \"../elsewhere\"\n              ^\n" + hint);
  fs::create_directory_symlink(other.path(), site / "files");
  CHECK(in_site("title = \"T\"\n") ==
        "site.toml: error: `files` = \"files\" (the default) leads outside the site (to " +
            real(other.path()) + "): gazette reads only inside the site's folder\n" + hint);
  fs::remove(site / "files");
  fs::create_directories(dir.path() / "theme/templates");
  CHECK(in_site("theme = \"../../theme\"\n") ==
        "site.toml:1:9: error: `theme` = \"../../theme\" leads outside the site (to " +
            real(dir.path() / "theme") + "): gazette reads only inside the site's folder\n" +
            "    theme = \"../../theme\"\n            ^\n" + hint);
  // site.toml itself.
  std::ofstream(other.path() / "secret.toml") << "title = \"T\"\n";
  fs::remove(site / "site.toml");
  fs::create_symlink(other.path() / "secret.toml", site / "site.toml");
  auto c = config::load_config(site / "site.toml");
  REQUIRE_FALSE(c.ok());
  CHECK(format_diagnostic(c.error()) ==
        "site.toml: error: site.toml leads outside the site (to " +
            real(other.path() / "secret.toml") +
            ")\nhint: gazette reads only files inside the site: copy the file in instead of "
            "linking to it\n");
}
