#include <cstdio>
#include <filesystem>

#include "commands.hpp"
#include "console.hpp"
#include "gazette/content.hpp"
#include "gazette/text.hpp"

namespace gazette::cli {

namespace fs = std::filesystem;

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

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
         "number   = \"\"            # the document number (Số), e.g. \"123/TB-SKHCN\"; optional\n"
         "issuer   = \"\"            # e.g. \"Sở Khoa học và Công nghệ tỉnh Điện Biên\"\n"
         "province = \"\"\n"
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

std::string proposal_scaffold(const std::string& title, const Date& today) {
  return "title     = " + quoted(title) +
         "\n"
         "kind      = \"proposal-list\"\n"
         "number    = \"\"\n"
         "issuer    = \"\"\n"
         "submitter = \"\"\n"
         "province  = \"\"\n"
         "issued    = " +
         format_iso_date(today) +
         "\n"
         "# program = \"1322\"\n"
         "# round   = " +
         std::to_string(today.year + 1) +
         "\n"
         "unit      = \"triệu đồng\"\n\n"
         "# One [[tasks]] table per task, in priority order (stt 1, 2, 3…).\n"
         "# Amounts in million VND: total = state + counterpart.\n"
         "[[tasks]]\n"
         "stt         = 1\n"
         "name        = \"Tên nhiệm vụ\"\n"
         "lead        = \"Tổ chức chủ trì\"\n"
         "partners    = [\"Tổ chức phối hợp\"]\n"
         "objectives  = \"Mục tiêu\"\n"
         "content     = \"Nội dung chính\"\n"
         "results     = \"Dự kiến kết quả\"\n"
         "duration    = \"24 tháng\"\n"
         "total       = 0\n"
         "state       = 0\n"
         "counterpart = 0\n"
         "notes       = \"\"\n";
}

}  // namespace

int run_new(const NewArgs& args) {
  auto config = load_site_or_report(args.common);
  if (!config) return 1;
  auto clock = clock_of(args.common);
  if (!clock) return 2;
  auto kind = content::parse_kind(args.kind);
  if (!kind || *kind == content::Kind::program || *kind == content::Kind::page) {
    std::fprintf(stderr,
                 "error: cannot make a new `%s`\nhint: choose notice, guidance or proposal-list\n",
                 args.kind.c_str());
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

  std::string folder = *kind == content::Kind::notice     ? "notices"
                       : *kind == content::Kind::guidance ? "guidance"
                                                          : "proposals";
  bool data = *kind == content::Kind::proposal_list;
  fs::path file =
      config->content_dir / folder / std::to_string(today.year) / (slug + (data ? ".toml" : ".md"));
  std::error_code ec;
  if (fs::path real = resolved_path(file); !is_within(real, resolved_path(config->root))) {
    std::fprintf(stderr,
                 "error: %s leads outside the site (to %s)\nhint: gazette writes only inside the "
                 "site: replace the symlink on its way with a folder\n",
                 display_path(file, config->root).c_str(), real.generic_string().c_str());
    return 1;
  }
  if (fs::exists(file, ec)) {
    std::fprintf(stderr,
                 "error: %s already exists\nhint: choose another title, or edit that file\n",
                 display_path(file, config->root).c_str());
    return 1;
  }
  fs::create_directories(file.parent_path(), ec);
  std::string body =
      data ? proposal_scaffold(args.title, today) : markdown_scaffold(args.kind, args.title, today);
  Status written = write_file_atomically(file, body);
  if (!written) {
    print_diagnostics({written.error()}, 0);
    return 2;
  }
  std::printf("%s\n", display_path(file, config->root).c_str());
  return 0;
}

}  // namespace gazette::cli
