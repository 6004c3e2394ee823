#include <cstdio>

#include "commands.hpp"
#include "console.hpp"
#include "gazette/history.hpp"
#include "gazette/site.hpp"

namespace gazette::cli {

namespace {

// Whether a path of the repository is part of what the site is built from.
bool is_source(const std::string& path, const std::vector<std::string>& prefixes) {
  for (const auto& p : prefixes) {
    if (path == p || (!p.empty() && p.back() == '/' && path.rfind(p, 0) == 0)) return true;
  }
  return false;
}

// A repository with true dates to publish from: in git, not shallow. Reports why not.
bool has_true_history(const history::RepoInfo& repo, const config::SiteConfig& config) {
  std::string content = display_path(config.content_dir, config.root);
  if (!repo.in_git) {
    print_diagnostics(
        {Diagnostic{Severity::error,
                    content,
                    {},
                    "content/ is not in a git repository: there is nothing to publish from",
                    "git init, commit the content, then publish",
                    {}}},
        0);
    return false;
  }
  if (repo.shallow) {
    print_diagnostics(
        {Diagnostic{Severity::error,
                    content,
                    {},
                    "this is a shallow clone: its history is cut off, and a published site "
                    "must carry true dates",
                    "run git fetch --unshallow, then publish",
                    {}}},
        0);
    return false;
  }
  return true;
}

// What the site is built from must all be committed: the published commit names it.
bool sources_committed(const history::RepoInfo& repo, const config::SiteConfig& config) {
  auto rel = [&](const std::filesystem::path& p) {
    std::string r = p.lexically_relative(repo.root).generic_string();
    return r == "." ? std::string() : r;
  };
  std::vector<std::string> sources = {rel(config.content_dir) + "/", rel(config.files_dir) + "/",
                                      rel(config.config_file)};
  if (!config.theme_dir.empty()) sources.push_back(rel(config.theme_dir) + "/");
  std::vector<std::string> dirty;
  for (const auto& path : repo.uncommitted) {
    if (is_source(path, sources)) dirty.push_back(path);
  }
  if (!repo.head.empty() && dirty.empty()) return true;
  std::string list;
  for (std::size_t i = 0; i < dirty.size() && i < 20; ++i) list += "\n    " + dirty[i];
  if (dirty.size() > 20) list += "\n    … and " + std::to_string(dirty.size() - 20) + " more";
  std::fprintf(stderr,
               "error: refusing to publish content that is not committed:%s\n"
               "hint: commit it (git add … && git commit), then run gazette publish again\n",
               repo.head.empty() ? " nothing is committed yet" : list.c_str());
  return false;
}

}  // namespace

int run_publish(const PublishArgs& args) {
  auto config = load_site_or_report(args.common);
  if (!config) return 1;
  auto clock = clock_of(args.common);
  if (!clock) return 2;
  std::vector<std::filesystem::path> watch = {config->content_dir, config->files_dir,
                                              config->config_file};
  if (!config->theme_dir.empty()) watch.push_back(config->theme_dir);
  auto repo = history::inspect_repository(config->content_dir, watch);
  if (!repo) {
    print_diagnostics({repo.error()}, 0);
    return 1;
  }
  if (!has_true_history(*repo, *config) || !sources_committed(*repo, *config)) return 1;
  BuildArgs build;
  build.common = args.common;
  build.quiet = true;
  build.publishing = true;
  if (int rc = run_build(build); rc != 0) return rc;
  std::string message = args.message.empty()
                            ? "Publish " + config->title + " from " + repo->head.substr(0, 7)
                            : args.message;
  auto published = history::publish_tree(*repo, config->output_dir, config->history.publish_branch,
                                         repo->head, message);
  if (!published) {
    print_diagnostics({published.error()}, 0);
    return 1;
  }
  if (published->unchanged) {
    std::printf("Nothing to publish: branch %s already has this site (%s)\n",
                config->history.publish_branch.c_str(), published->commit.substr(0, 7).c_str());
  } else {
    std::printf("Published %zu files as %s on branch %s (source commit %s)\n", published->files,
                published->commit.substr(0, 7).c_str(), config->history.publish_branch.c_str(),
                repo->head.substr(0, 7).c_str());
  }
  return 0;
}

int run_verify(const VerifyArgs& args) {
  auto config = load_site_or_report(args.common);
  if (!config) return 1;
  auto repo = history::inspect_repository(config->content_dir);
  if (!repo) {
    print_diagnostics({repo.error()}, 0);
    return 1;
  }
  if (!repo->in_git) {
    std::fprintf(stderr, "error: the site is not in a git repository: nothing was published\n");
    return 1;
  }
  std::string rev = args.commit.empty() ? config->history.publish_branch : args.commit;
  auto report = history::verify_tree(*repo, rev, args.dir);
  if (!report) {
    print_diagnostics({report.error()}, 0);
    return 1;
  }
  for (const auto& f : report->differ) std::printf("differs  %s\n", f.c_str());
  for (const auto& f : report->missing) std::printf("missing  %s\n", f.c_str());
  for (const auto& f : report->extra) std::printf("extra    %s\n", f.c_str());
  if (report->ok()) {
    std::printf("%s matches the published commit %s\n", args.dir.c_str(),
                report->commit.substr(0, 7).c_str());
    return 0;
  }
  std::printf("%s does not match the published commit %s: %zu differ, %zu missing, %zu extra\n",
              args.dir.c_str(), report->commit.substr(0, 7).c_str(), report->differ.size(),
              report->missing.size(), report->extra.size());
  return 1;
}

}  // namespace gazette::cli
