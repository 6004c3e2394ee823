// The subcommands of gazette. Each returns the process exit code:
// 0 OK, 1 the site has errors, 2 gazette itself failed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/core.hpp"
#include "gazette/site.hpp"

namespace gazette::cli {

struct CommonArgs {
  std::string site = ".";  ///< --site DIR
  std::string now;         ///< --now: fix the clock (RFC 3339); else GAZETTE_NOW or the real time
};

/// Loads site.toml of args.site, printing every problem it has if it cannot.
std::optional<config::SiteConfig> load_site_or_report(const CommonArgs& args);
/// "9 documents: 7 without errors, 2 with errors; " when some documents have errors, else "".
std::string document_counts(const site::BuildReport& report);
/// The clock the command runs with; nullopt (after printing why) when --now is malformed.
std::optional<Instant> clock_of(const CommonArgs& args);

/// The base_url gazette init writes, until the site sets its own.
inline constexpr std::string_view kPlaceholderBaseUrl = "https://thongbao.example/";
/// A warning on site.toml's line while base_url is still kPlaceholderBaseUrl.
void warn_placeholder_base_url(const config::SiteConfig& config, Diagnostics& diags);

struct InitArgs {
  std::string dir = ".";
  bool force = false;
  std::string now;
};
int run_init(const InitArgs& args);

/// Hands the folder of previous sites, swapped out by builds, to a process of its own that
/// empties it (BuildOptions::remove_old_sites): the command returns without waiting on the
/// disk. Empties it here if no process can be started.
void remove_old_sites_in_background(const std::filesystem::path& dir);
/// The process that does it: `gazette --remove-old-sites DIR` (not a command users type).
inline constexpr std::string_view kRemoveOldSitesFlag = "--remove-old-sites";
int run_remove_old_sites(const char* dir);

struct BuildArgs {
  CommonArgs common;
  unsigned jobs = 0;
  bool next_change = false;
  bool quiet = false;
  bool timings = false;
  bool no_search = false;
  bool clean = false;       ///< keep nothing of the previous build
  bool publishing = false;  ///< set by gazette publish (no option): see BuildOptions::publishing
  bool drafts = false;      ///< publish drafts too (a preview)
};
int run_build(const BuildArgs& args);

struct CheckArgs {
  CommonArgs common;
  bool fix = false;
  bool external = false;  ///< also ask other sites whether the text's links to them answer
  double timeout = 10;    ///< seconds each of those requests may take
  unsigned requests = 8;  ///< of those, at a time
};
int run_check(const CheckArgs& args);

struct NewArgs {
  CommonArgs common;
  std::string kind;
  std::string title;
  bool csv = false;  ///< a proposal-list's tasks in a CSV beside its .toml
};
int run_new(const NewArgs& args);

struct SearchArgs {
  CommonArgs common;
  std::string text;
  std::vector<std::string> kinds, programs, provinces, issuers;
  std::vector<int> rounds;
  bool open = false;
  bool closed = false;
  std::string sort = "relevance";
  int page = 1;
  int limit = 10;
  bool json = false;
  bool as_typed = false;
};
int run_search(const SearchArgs& args);

struct PublishArgs {
  CommonArgs common;
  std::string message;
};
int run_publish(const PublishArgs& args);

struct VerifyArgs {
  CommonArgs common;
  std::string dir;
  std::string commit;
};
int run_verify(const VerifyArgs& args);

struct ServeArgs {
  CommonArgs common;
  std::string host;
  int port = 0;
  bool build = false;
  bool watch = false;
  bool drafts = false;  ///< builds made here publish drafts too (a preview)
  std::size_t cache = 2000;
};
int run_serve(const ServeArgs& args);

}  // namespace gazette::cli
