#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

#include "commands.hpp"
#include "console.hpp"
#include "gazette/serve.hpp"
#include "gazette/site.hpp"
#include "gazette/watch.hpp"

namespace gazette::cli {

namespace {

serve::Server* running_server = nullptr;
std::atomic<bool> stopping{false};

void on_signal(int) {
  stopping = true;
  if (running_server) running_server->stop();
}

// The changed files as one line: the first few, then how many more.
std::string changed_list(const watch::Changes& changes) {
  constexpr std::size_t kShown = 3;
  std::string list;
  for (std::size_t i = 0; i < changes.paths.size() && i < kShown; ++i) {
    if (i > 0) list += ", ";
    list += changes.paths[i].generic_string();
  }
  if (changes.paths.size() > kShown) {
    list += " and " + std::to_string(changes.paths.size() - kShown) + " more";
  }
  return list;
}

// Builds the site as it is now (site.toml read again) and says how it went, on the terminal
// and as news for the open pages. A failed build leaves the last good site being served.
serve::BuildNews rebuild(const ServeArgs& args, Instant clock) {
  Diagnostics diags;
  site::BuildReport report;
  auto config = config::load_site(args.common.site, diags);  // every problem of site.toml
  if (config) {
    site::BuildOptions options;
    options.now = args.common.now.empty() ? now() : clock;
    options.drafts = args.drafts;
    report = site::build(*config, options, diags);
  }
  print_diagnostics(diags.sorted(), 10);
  serve::BuildNews news;
  news.ok = report.ok && !diags.has_errors();
  if (!news.ok) {
    for (const auto& d : diags.sorted()) {
      if (d.severity == Severity::error) news.problems += format_diagnostic(d) + "\n";
    }
    std::fprintf(stderr, "Build failed with %zu error%s; %sthe last good site is served.\n",
                 diags.error_count(), diags.error_count() == 1 ? "" : "s",
                 document_counts(report).c_str());
  } else {
    std::fprintf(stderr, "Built %zu documents in %.2f s; open pages reload.\n", report.documents,
                 report.seconds);
  }
  return news;
}

// Rebuilds after each change of the site's files until stopped.
void follow_changes(const ServeArgs& args, const config::SiteConfig& config, Instant clock,
                    serve::Server& server) {
  auto watcher = watch::Watcher::open(config.root, {config.output_dir, config.search.index_dir});
  if (!watcher) {
    print_diagnostics({watcher.error()}, 0);
    std::fprintf(stderr, "Serving without following changes.\n");
    return;
  }
  while (auto changes = (*watcher)->wait(stopping)) {
    std::fprintf(stderr, "Changed: %s: building…\n", changed_list(*changes).c_str());
    server.announce_build(rebuild(args, clock));
  }
}

}  // namespace

int run_serve(const ServeArgs& args) {
  auto config = load_site_or_report(args.common);
  if (!config) return 1;
  auto clock = clock_of(args.common);
  if (!clock) return 2;
  std::error_code ec;
  serve::BuildNews first;
  if (args.watch) {
    first = rebuild(args, *clock);  // a failed build is shown in the pages, not the end
  } else if (args.build || !std::filesystem::exists(config->output_dir / "index.html", ec)) {
    BuildArgs build;
    build.common = args.common;
    build.drafts = args.drafts;
    if (int rc = run_build(build); rc != 0) return rc;
  }
  serve::ServerOptions options;
  options.root = config->output_dir;
  options.host = args.host.empty() ? config->serve.host : args.host;
  options.port = args.port ? args.port : config->serve.port;
  options.search = serve::search_service_for(*config, *clock);
  options.cache_entries = args.cache;
  options.live_reload = args.watch;
  if (!args.common.now.empty()) {
    Instant fixed = *clock;
    options.clock = [fixed] { return fixed; };
  }
  serve::Server server(options);
  if (Status bound = server.bind(); !bound) {
    print_diagnostics({bound.error()}, 0);
    return 2;
  }
  server.announce_build(first);
  running_server = &server;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::printf("Serving %s at http://%s:%d/%s (Ctrl+C to stop)\n",
              display_path(config->output_dir, config->root).c_str(), options.host.c_str(),
              options.port, args.watch ? ", rebuilt as its files change" : "");
  std::fflush(stdout);
  if (args.watch) {
    std::thread serving([&server] { server.listen_after_bind(); });
    follow_changes(args, *config, *clock, server);
    serving.join();
  } else {
    server.listen_after_bind();
  }
  running_server = nullptr;
  return 0;
}

}  // namespace gazette::cli
