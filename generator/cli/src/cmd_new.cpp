#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "console.hpp"
#include "gazette/content.hpp"
#include "gazette/text.hpp"

namespace gazette::cli {

namespace fs = std::filesystem;

namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04X", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Each scaffold leaves empty ("") what only its author knows: `gazette check` refuses it,
// naming the line, until it is filled in or deleted.
std::string markdown_scaffold(const std::string& kind, const std::string& title,
                              const Date& today) {
  std::string year = std::to_string(today.year);
  std::string next = std::to_string(today.year + 1);
  return "+++\n"
         "title    = " +
         quoted(title) +
         "\n"
         "kind     = \"" +
         kind +
         "\"\n"
         "number   = \"\"            # the document number (Số), e.g. \"123/TB-SKHCN\"; or delete "
         "the line\n"
         "issuer   = \"\"            # e.g. \"Sở Khoa học và Công nghệ tỉnh Điện Biên\"\n"
         "province = \"\"            # e.g. \"Điện Biên\"; or delete the line\n"
         "issued   = " +
         format_iso_date(today) +
         "\n"
         "# deadline = " +
         year +
         "-12-31T17:00:00+07:00   # makes it a call: open until then\n"
         "# program  = \"1322\"\n"
         "# round    = " +
         next +
         "\n"
         "# signer   = { name = \"\", title = \"\" }\n"
         "# recipients  = [\"\"]\n"
         "# references  = [\"1322/QĐ-TTg\"]\n"
         "# attachments = [{ title = \"\", file = \"files/…\" }]\n"
         "# contact  = { office = \"\", phone = \"\", email = \"\" }\n"
         "tags     = []\n"
         "+++\n\n"
         "Nội dung văn bản.\n";
}

std::string program_scaffold(const std::string& title, const Date& today) {
  return "+++\n"
         "title    = " +
         quoted(title) +
         "\n"
         "kind     = \"program\"\n"
         "program  = \"\"            # the id its documents give in program = \"…\", e.g. "
         "\"1322\"\n"
         "number   = \"\"            # the decision approving it, e.g. \"1322/QĐ-TTg\"; or "
         "delete the line\n"
         "issuer   = \"\"            # e.g. \"Thủ tướng Chính phủ\"\n"
         "issued   = " +
         format_iso_date(today) +
         "         # the date of that decision\n"
         "tags     = []\n"
         "+++\n\n"
         "Giới thiệu chương trình: mục tiêu, đối tượng, cách đề xuất nhiệm vụ. Các thông báo, "
         "hướng dẫn và các đợt đề xuất của chương trình được liệt kê dưới đây.\n";
}

std::string page_scaffold(const std::string& title, const Date& today) {
  return "+++\n"
         "title   = " +
         quoted(title) +
         "\n"
         "kind    = \"page\"\n"
         "issued  = " +
         format_iso_date(today) +
         "\n"
         "summary = \"\"   # one sentence on the page, shown in lists and search answers\n"
         "+++\n\n"
         "Nội dung trang.\n";
}

// A proposal list's metadata; its tasks follow as [[tasks]], or are in the CSV beside it.
std::string proposal_metadata(const std::string& title, const Date& today, bool csv) {
  return "title     = " + quoted(title) +
         "\n"
         "kind      = \"proposal-list\"\n"
         "number    = \"\"   # the list's document number, if it has one; or delete the line\n"
         "issuer    = \"\"   # e.g. \"UBND tỉnh Điện Biên\"\n"
         "submitter = \"\"   # who proposes the tasks, e.g. \"Sở Khoa học và Công nghệ tỉnh "
         "Điện Biên\"\n"
         "province  = \"\"   # e.g. \"Điện Biên\"; or delete the line\n"
         "issued    = " +
         format_iso_date(today) +
         "\n"
         "# program = \"1322\"\n"
         "# round   = " +
         std::to_string(today.year + 1) +
         "\n"
         "unit      = \"triệu đồng\"\n" +
         (csv ? "# The tasks are in the .csv of the same name beside this file.\n" : "");
}

std::string proposal_scaffold(const std::string& title, const Date& today) {
  return proposal_metadata(title, today, false) +
         "\n"
         "# One [[tasks]] table per task, in priority order (stt 1, 2, 3…).\n"
         "# Amounts in million VND: total = state + counterpart.\n"
         "[[tasks]]\n"
         "stt         = 1\n"
         "name        = \"\"   # Tên nhiệm vụ\n"
         "lead        = \"\"   # Tổ chức chủ trì\n"
         "partners    = []   # Tổ chức phối hợp: [\"…\", \"…\"]\n"
         "objectives  = \"\"   # Mục tiêu\n"
         "content     = \"\"   # Nội dung chính\n"
         "results     = \"\"   # Dự kiến kết quả\n"
         "duration    = \"\"   # Thời gian thực hiện, e.g. \"24 tháng\"\n"
         "total       = 0    # Tổng số\n"
         "state       = 0    # NSNN\n"
         "counterpart = 0    # Đối ứng\n"
         "notes       = \"\"   # Ghi chú\n";
}

// The appendix form's columns, as a spreadsheet exports them, and one task to fill in.
std::string proposal_csv() {
  return "# One row per task, in priority order (Stt 1, 2, 3…). Amounts in million VND:\n"
         "# Tổng số = NSNN + Đối ứng. Save from the spreadsheet as CSV UTF-8.\n"
         "Stt;Tên nhiệm vụ;Tổ chức chủ trì;Tổ chức phối hợp;Mục tiêu;Nội dung chính;Dự kiến kết "
         "quả;Thời gian thực hiện;Tổng số;NSNN;Đối ứng;Ghi chú\n"
         "1;;;;;;;;;;;\n";
}

struct Scaffold {
  std::string folder;  ///< under content/
  bool by_year = true;
  std::vector<std::pair<std::string, std::string>> files;  ///< extension → bytes
};

Scaffold scaffold_of(content::Kind kind, const NewArgs& args, const Date& today) {
  switch (kind) {
    case content::Kind::notice:
      return {"notices", true, {{".md", markdown_scaffold("notice", args.title, today)}}};
    case content::Kind::guidance:
      return {"guidance", true, {{".md", markdown_scaffold("guidance", args.title, today)}}};
    case content::Kind::program:
      return {"programs", false, {{".md", program_scaffold(args.title, today)}}};
    case content::Kind::page:
      return {"pages", false, {{".md", page_scaffold(args.title, today)}}};
    case content::Kind::proposal_list:
      if (args.csv) {
        return {"proposals",
                true,
                {{".toml", proposal_metadata(args.title, today, true)}, {".csv", proposal_csv()}}};
      }
      return {"proposals", true, {{".toml", proposal_scaffold(args.title, today)}}};
  }
  return {};
}

// Whether every file of the scaffold may be written: inside the site and not there yet; if
// not, says why.
bool may_write(const Scaffold& scaffold, const fs::path& dir, const std::string& slug,
               const fs::path& root) {
  std::error_code ec;
  for (const auto& [extension, bytes] : scaffold.files) {
    fs::path file = dir / (slug + extension);
    if (fs::path real = resolved_path(file); !is_within(real, resolved_path(root))) {
      std::fprintf(stderr,
                   "error: %s leads outside the site (to %s)\nhint: gazette writes only inside "
                   "the site: replace the symlink on its way with a folder\n",
                   display_path(file, root).c_str(), real.generic_string().c_str());
      return false;
    }
    if (fs::exists(fs::symlink_status(file, ec))) {
      std::fprintf(stderr,
                   "error: %s already exists\nhint: choose another title, or edit that file\n",
                   display_path(file, root).c_str());
      return false;
    }
  }
  return true;
}

}  // namespace

int run_new(const NewArgs& args) {
  auto config = load_site_or_report(args.common);
  if (!config) return 1;
  auto clock = clock_of(args.common);
  if (!clock) return 2;
  auto kind = content::parse_kind(args.kind);
  if (!kind) {
    std::fprintf(stderr,
                 "error: cannot make a new `%s`\nhint: choose notice, guidance, program, page or "
                 "proposal-list\n",
                 args.kind.c_str());
    return 1;
  }
  if (args.csv && *kind != content::Kind::proposal_list) {
    std::fprintf(stderr,
                 "error: only a proposal-list has its tasks in a CSV (--csv)\nhint: gazette new "
                 "proposal-list \"…\" --csv\n");
    return 1;
  }
  std::string slug = text::slugify(args.title);
  if (slug.empty()) {
    std::fprintf(stderr, "error: the title has no letters or digits to make an address from\n");
    return 1;
  }
  // Today in the site's time zone.
  Instant here = *clock;
  here.offset_minutes = text::utc_offset_minutes(config->timezone, here).value_or(0);
  Date today = local_time(here).date;

  Scaffold scaffold = scaffold_of(*kind, args, today);
  fs::path dir = config->content_dir / scaffold.folder;
  if (scaffold.by_year) dir /= std::to_string(today.year);
  if (!may_write(scaffold, dir, slug, config->root)) return 1;
  std::error_code ec;
  fs::create_directories(dir, ec);
  for (const auto& [extension, bytes] : scaffold.files) {
    fs::path file = dir / (slug + extension);
    Status written = write_file_atomically(file, bytes);
    if (!written) {
      print_diagnostics({written.error()}, 0);
      return 2;
    }
    std::printf("%s\n", display_path(file, config->root).c_str());
  }
  return 0;
}

}  // namespace gazette::cli
