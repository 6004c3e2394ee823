#include <csignal>
#include <cstdio>

#include "commands.hpp"
#include "console.hpp"
#include "gazette/serve.hpp"

namespace gazette::cli {

namespace {
serve::Server* running_server = nullptr;
void on_signal(int) {
  if (running_server) running_server->stop();
}

}  // namespace

int run_serve(const ServeArgs& args) {
  auto config = load_site_or_report(args.common);
  if (!config) return 1;
  auto clock = clock_of(args.common);
  if (!clock) return 2;
  std::error_code ec;
  if (args.build || !std::filesystem::exists(config->output_dir / "index.html", ec)) {
    BuildArgs build;
    build.common = args.common;
    if (int rc = run_build(build); rc != 0) return rc;
  }
  serve::ServerOptions options;
  options.root = config->output_dir;
  options.host = args.host.empty() ? config->serve.host : args.host;
  options.port = args.port ? args.port : config->serve.port;
  options.search = serve::search_service_for(*config, *clock);
  options.cache_entries = args.cache;
  if (!args.common.now.empty()) {
    Instant fixed = *clock;
    options.clock = [fixed] { return fixed; };
  }
  serve::Server server(options);
  if (Status bound = server.bind(); !bound) {
    print_diagnostics({bound.error()}, 0);
    return 2;
  }
  running_server = &server;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::printf("Serving %s at http://%s:%d/ (Ctrl+C to stop)\n",
              display_path(config->output_dir, config->root).c_str(), options.host.c_str(),
              options.port);
  std::fflush(stdout);
  server.listen_after_bind();
  running_server = nullptr;
  return 0;
}

}  // namespace gazette::cli
