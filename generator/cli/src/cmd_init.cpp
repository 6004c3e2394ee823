// gazette init: a new site that builds as it is, with every setting written out.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "commands.hpp"
#include "console.hpp"
#include "gazette/text.hpp"

namespace gazette::cli {

namespace fs = std::filesystem;

namespace {

constexpr int kDaysToDeadline = 30;  // the sample call stays open for a month after init

struct NewFile {
  std::string path;  ///< relative to the site
  std::string bytes;
};

// Every key load_config reads, set to its default (title, description, base_url and
// publisher excepted: a site needs its own), one line of what it does each.
std::string site_toml() {
  return std::string(
             "# The settings of this gazette site. Every key gazette reads is here, set to its\n"
             "# default unless said; a key left out takes its default.\n"
             "title       = \"Cổng thông báo khoa học và công nghệ\"   # the site's name (default "
             "\"gazette\")\n"
             "description = \"Thông báo, hướng dẫn và danh mục đề xuất nhiệm vụ khoa học và công "
             "nghệ\"   # under the title, in feeds\n"
             "base_url    = \"") +
         std::string(kPlaceholderBaseUrl) +
         "\"   # the site's address for feeds, sitemap, calendars: "
         "set yours\n"
         "language    = \"vi\"                  # the interface's language: \"vi\" or \"en\"\n"
         "languages   = [\"vi\"]                # the content's languages (default: "
         "[language]); \"vi\" repairs ƣ → ư\n"
         "timezone    = \"Asia/Ho_Chi_Minh\"    # IANA time zone of deadlines written without "
         "an offset\n"
         "publisher   = \"Sở Khoa học và Công nghệ\"   # the office running the site, the feeds' "
         "author (default \"\")\n"
         "theme       = \"default\"             # the built-in theme, or a folder of themes/\n"
         "closing_soon_days = 7               # days before a deadline a call shows as closing "
         "soon\n"
         "\n"
         "[build]\n"
         "content        = \"content\"   # the documents (Markdown, TOML, CSV)\n"
         "output         = \"public\"    # where the site is built (replaced whole by each "
         "build)\n"
         "files          = \"files\"     # attachments shared by documents: file = "
         "\"files/…\"\n"
         "list_page_size = 50          # documents per page of a list\n"
         "feed_entries   = 50          # entries per Atom feed\n"
         "\n"
         "[markdown]\n"
         "allow_html        = false    # raw HTML in documents is shown as text unless true\n"
         "smart_punctuation = false    # “curly” quotes and dashes from straight ones\n"
         "\n"
         "[search]\n"
         "index     = \".gazette/search\"   # the Xapian index gazette build writes\n"
         "shards    = []                  # further databases searched too: paths or "
         "\"tcp://host:port\"\n"
         "page_size = 10                  # answers per page of /search\n"
         "\n"
         "[serve]\n"
         "host = \"127.0.0.1\"   # the address gazette serve listens on\n"
         "port = 8080          # and its port\n"
         "\n"
         "[history]\n"
         "enabled              = true     # dates and history pages from the git log of "
         "content/\n"
         "publish_branch       = \"site\"   # the branch gazette publish commits the site to\n"
         "show_commit_subjects = false    # show a commit's subject when it has no Change-Note: "
         "trailer\n"
         "\n"
         "# A round kept as a read-only archive (its own search database), one table each:\n"
         "# [[archive]]\n"
         "# program = \"1322\"   # the programme's id\n"
         "# round   = 2024     # the round (year)\n"
         "\n"
         "# A page that moved: a page at `from` sends readers to `to`, one table each:\n"
         "# [[redirects]]\n"
         "# from = \"/notice/2023/cu/\"    # a path of this site\n"
         "# to   = \"/notice/2023/moi/\"   # a path of this site or an http(s) address\n";
}

std::string programme_md() {
  return "+++\n"
         "# A programme's page: its documents (program = \"1322\") and rounds are listed on it.\n"
         "title    = \"Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và chất "
         "lượng sản phẩm, hàng hóa giai đoạn 2021-2030\"\n"
         "kind     = \"program\"\n"
         "number   = \"1322/QĐ-TTg\"\n"
         "issuer   = \"Thủ tướng Chính phủ\"\n"
         "issued   = 2020-08-31\n"
         "program  = \"1322\"\n"
         "tags     = [\"năng suất\", \"chất lượng\"]\n"
         "+++\n\n"
         "Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, "
         "hàng hóa giai đoạn 2021-2030 (Chương trình 1322) được phê duyệt tại Quyết định số "
         "1322/QĐ-TTg ngày 31/8/2020 của Thủ tướng Chính phủ.\n\n"
         "Mỗi năm, các Bộ, ngành và địa phương đề xuất nhiệm vụ khoa học và công nghệ cấp quốc "
         "gia thuộc Chương trình. Các thông báo, hướng dẫn và danh mục đề xuất được liệt kê dưới "
         "đây.\n";
}

std::string vietnamese_date(const Date& d) {
  return std::to_string(d.day) + "/" + std::to_string(d.month) + "/" + std::to_string(d.year);
}

// A call for proposals, open for a month from `today`: it shows on the home page.
std::string notice_md(const Date& today) {
  Date deadline = civil_from_days(days_from_civil(today) + kDaysToDeadline);
  std::string round = std::to_string(today.year + 1);
  return "+++\n"
         "# A sample notice written by gazette init: edit it or delete it.\n"
         "title    = \"Thông báo đề xuất nhiệm vụ khoa học và công nghệ cấp quốc gia thực hiện "
         "từ năm " +
         round +
         " thuộc Chương trình 1322\"\n"
         "kind     = \"notice\"\n"
         "issuer   = \"Sở Khoa học và Công nghệ\"\n"
         "issued   = " +
         format_iso_date(today) +
         "\n"
         "deadline = " +
         format_iso_date(deadline) +
         "T17:00:00+07:00\n"
         "program  = \"1322\"\n"
         "round    = " +
         round +
         "\n"
         "references = [\"1322/QĐ-TTg\"]\n"
         "contact  = { office = \"Phòng Quản lý khoa học\", phone = \"0243.123.4567\" }\n"
         "tags     = [\"đề xuất nhiệm vụ\", \"Chương trình 1322\", \"văn bản mẫu\"]\n"
         "+++\n\n"
         "Căn cứ Quyết định số 1322/QĐ-TTg ngày 31/8/2020 của Thủ tướng Chính phủ phê duyệt "
         "Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, "
         "hàng hóa giai đoạn 2021-2030, Sở Khoa học và Công nghệ thông báo đến các tổ chức, "
         "doanh nghiệp về việc đề xuất nhiệm vụ khoa học và công nghệ cấp quốc gia thực hiện từ "
         "năm " +
         round +
         ".\n\n"
         "## Hồ sơ đề xuất\n\n"
         "- Phiếu đề xuất nhiệm vụ theo mẫu;\n"
         "- Văn bản xác nhận khả năng huy động vốn đối ứng của tổ chức chủ trì.\n\n"
         "Thời hạn nhận hồ sơ: trước 17 giờ 00 ngày " +
         vietnamese_date(deadline) + ".\n";
}

std::vector<NewFile> site_files(const Date& today) {
  return {
      {"site.toml", site_toml()},
      {".gitignore", "public/\n.gazette/\n"},
      {"content/programs/1322.md", programme_md()},
      {"content/notices/" + std::to_string(today.year) + "/de-xuat-nhiem-vu-ct1322-nam-" +
           std::to_string(today.year + 1) + ".md",
       notice_md(today)},
  };
}

const std::vector<std::string>& site_folders() {
  static const std::vector<std::string> kFolders = {"content/notices",   "content/guidance",
                                                    "content/proposals", "content/programs",
                                                    "content/pages",     "files"};
  return kFolders;
}

bool is_empty_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::directory_iterator(dir, ec) == fs::directory_iterator();
}

// The line and column of `base_url`'s value in site.toml, for the warning's caret.
SourceLoc base_url_loc(const std::string& text) {
  int number = 0;
  for (std::string_view line : split(text, '\n')) {
    ++number;
    std::string_view t = trim(line);
    if (t.rfind("base_url", 0) != 0) continue;
    std::size_t quote = line.find('"');
    return {number, quote == std::string_view::npos ? 1 : static_cast<int>(quote) + 1};
  }
  return {};
}

// What init added to the folder, and what it found there and left alone.
struct Added {
  std::size_t written = 0;
  std::size_t kept = 0;
  void keep(const std::string& path, const char* why) {
    std::printf("kept    %s (%s)\n", path.c_str(), why);
    ++kept;
  }
};

void add_folders(const fs::path& root, const fs::path& real_root, Added& added) {
  std::error_code ec;
  for (const std::string& folder : site_folders()) {
    fs::path dir = root / folder;
    if (fs::is_directory(dir, ec)) continue;
    if (fs::exists(fs::symlink_status(dir, ec))) {
      added.keep(folder + "/", "it exists and is not a folder");
    } else if (!is_within(resolved_path(dir), real_root)) {
      added.keep(folder + "/", "it leads outside the site: not made");
    } else {
      fs::create_directories(dir, ec);
      std::printf("created %s/\n", folder.c_str());
    }
  }
}

// Writes each file that is missing; false (after printing why) when one cannot be written.
bool add_files(const fs::path& root, const fs::path& real_root, const std::vector<NewFile>& files,
               Added& added) {
  std::error_code ec;
  for (const NewFile& file : files) {
    fs::path path = root / file.path;
    if (fs::exists(fs::symlink_status(path, ec))) {
      added.keep(file.path, "it exists: not overwritten");
      continue;
    }
    // A folder on the way may be a symlink (with --force): nothing is written out of the site.
    if (!is_within(resolved_path(path.parent_path()), real_root)) {
      added.keep(file.path, "its folder leads outside the site: not written");
      continue;
    }
    fs::create_directories(path.parent_path(), ec);
    if (!fs::is_directory(path.parent_path(), ec)) {
      added.keep(file.path, "its folder is not a folder: not written");
      continue;
    }
    Status status = write_file_atomically(path, file.bytes);
    if (!status) {
      print_diagnostics({status.error()}, 0);
      return false;
    }
    std::printf("created %s\n", file.path.c_str());
    ++added.written;
  }
  return true;
}

}  // namespace

void warn_placeholder_base_url(const config::SiteConfig& config, Diagnostics& diags) {
  if (config.base_url != kPlaceholderBaseUrl) return;
  auto text = read_file(config.config_file);
  std::string bytes = text ? *text : std::string();
  SourceLoc loc = base_url_loc(bytes);
  diags.add(Diagnostic{Severity::warning, display_path(config.config_file, config.root), loc,
                       "`base_url` is still the placeholder that gazette init wrote",
                       "set it to the site's own address, e.g. base_url = "
                       "\"https://thongbao.skhcn.example.gov.vn/\": feeds, the sitemap and "
                       "calendars link to it",
                       std::string(line_at(bytes, loc.line))});
}

int run_init(const InitArgs& args) {
  auto clock = clock_of(CommonArgs{args.dir, args.now});
  if (!clock) return 2;
  fs::path root = fs::absolute(args.dir).lexically_normal();
  std::error_code ec;
  if (fs::exists(root, ec) && !fs::is_directory(root, ec)) {
    std::fprintf(stderr, "error: %s is not a folder\nhint: name a new or empty folder\n",
                 args.dir.c_str());
    return 1;
  }
  if (fs::exists(root, ec) && !is_empty_dir(root) && !args.force) {
    std::fprintf(stderr,
                 "error: %s is not empty: nothing was written\nhint: init a new or empty folder, "
                 "or pass --force to add only the files that are missing (gazette init "
                 "overwrites and deletes nothing)\n",
                 args.dir.c_str());
    return 1;
  }
  fs::create_directories(root, ec);
  if (ec) {
    std::fprintf(stderr, "error: cannot create %s: %s\n", args.dir.c_str(), ec.message().c_str());
    return 2;
  }
  fs::path real_root = resolved_path(root);
  Instant here = *clock;
  here.offset_minutes = text::utc_offset_minutes("Asia/Ho_Chi_Minh", here).value_or(0);
  Date today = local_time(here).date;

  Added added;
  add_folders(root, real_root, added);
  if (!add_files(root, real_root, site_files(today), added)) return 2;
  std::size_t written = added.written, kept = added.kept;
  if (kept > 0) {
    std::printf("%zu file%s written, %zu kept as they were: gazette init overwrites nothing\n",
                written, written == 1 ? "" : "s", kept);
  }
  std::printf(
      "\nNext: set base_url in site.toml, then\n  gazette build --site %s && gazette serve "
      "--site %s\n",
      args.dir.c_str(), args.dir.c_str());
  return 0;
}

}  // namespace gazette::cli
