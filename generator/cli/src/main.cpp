// gazette: a static-site and archive generator for public notices.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "console.hpp"

namespace {

using namespace gazette::cli;

void add_common(CLI::App* command, CommonArgs& args) {
  command->add_option("--site", args.site, "The site's directory (where site.toml is)")
      ->capture_default_str();
  command->add_option("--now", args.now,
                      "Build as if it were this moment (RFC 3339, e.g. 2023-04-20T09:00:00+07:00); "
                      "default: GAZETTE_NOW or the clock");
}

CLI::App* add_build(CLI::App& app, BuildArgs& build) {
  CLI::App* build_cmd = app.add_subcommand("build", "Build the site into its output directory");
  add_common(build_cmd, build.common);
  build_cmd->add_option("-j,--jobs", build.jobs, "Threads to use (default: every core)");
  build_cmd->add_flag("--next-change", build.next_change,
                      "Print when the next call changes state (opens, closes soon, closes)");
  build_cmd->add_flag("-q,--quiet", build.quiet, "Print only problems");
  build_cmd->add_flag("--timings", build.timings, "Print how long each stage took");
  build_cmd->add_flag("--no-search", build.no_search,
                      "Leave the search index as it is (a quicker preview of the pages)");
  build_cmd->add_flag("--drafts", build.drafts,
                      "Publish drafts (draft = true) too, to preview them; default: left out");
  build_cmd->add_flag("--clean", build.clean,
                      "Make every file again; default: keep the files that did not change");
  return build_cmd;
}

CLI::App* add_check(CLI::App& app, CheckArgs& check) {
  CLI::App* check_cmd = app.add_subcommand("check", "Check every document; report all problems");
  add_common(check_cmd, check.common);
  check_cmd->add_flag("--fix", check.fix,
                      "Repair in place what can be repaired safely: ƣ→ư, a BOM, NFC");
  check_cmd->add_flag("--external", check.external,
                      "Also check the text's links to other sites (HEAD requests)");
  check_cmd
      ->add_option("--timeout", check.timeout, "With --external: seconds each request may take")
      ->check(CLI::Range(0.05, 600.0))
      ->capture_default_str();
  check_cmd->add_option("--requests", check.requests, "With --external: requests at a time")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  return check_cmd;
}

CLI::App* add_new(CLI::App& app, NewArgs& create) {
  CLI::App* new_cmd = app.add_subcommand("new", "Create a new document from a scaffold");
  add_common(new_cmd, create.common);
  new_cmd->add_option("kind", create.kind, "notice, guidance, program, page or proposal-list")
      ->required();
  new_cmd->add_option("title", create.title, "The document's title")->required();
  new_cmd->add_flag("--csv", create.csv,
                    "A proposal-list's tasks in a CSV beside it (the appendix form's columns)");
  return new_cmd;
}

CLI::App* add_init(CLI::App& app, InitArgs& init) {
  CLI::App* init_cmd = app.add_subcommand("init", "Start a new site: settings, folders, samples");
  init_cmd->add_option("dir", init.dir, "The new site's folder (made if missing; must be empty)")
      ->capture_default_str();
  init_cmd->add_flag("--force", init.force,
                     "Init a folder that is not empty: only missing files are written");
  init_cmd->add_option("--now", init.now, "Date the sample notice as of this moment (RFC 3339)");
  return init_cmd;
}

CLI::App* add_search(CLI::App& app, SearchArgs& find) {
  CLI::App* search_cmd =
      app.add_subcommand("search", "Search the built site's index from a terminal");
  add_common(search_cmd, find.common);
  search_cmd->add_option("query", find.text,
                         "Words, \"a phrase\", -excluded, or a number like 1322/QĐ-TTg");
  search_cmd->add_option("--kind", find.kinds, "notice, guidance, proposal-list, program, task");
  search_cmd->add_option("--program", find.programs, "Programme id, e.g. 1322");
  search_cmd->add_option("--round", find.rounds, "Round (year), e.g. 2026");
  search_cmd->add_option("--province", find.provinces, "Province, e.g. \"Điện Biên\"");
  search_cmd->add_option("--issuer", find.issuers, "Issuing body");
  search_cmd->add_flag("--open", find.open, "Only calls open now");
  search_cmd->add_flag("--closed", find.closed, "Only calls that have closed");
  search_cmd->add_option("--sort", find.sort, "relevance, newest or deadline")
      ->check(CLI::IsMember({"relevance", "newest", "deadline"}));
  search_cmd->add_option("--page", find.page, "Page of results")->check(CLI::Range(1, 10000));
  search_cmd->add_option("--limit", find.limit, "Results per page")->check(CLI::Range(1, 100));
  search_cmd->add_flag("--json", find.json, "Print the results as JSON (as /api/search does)");
  search_cmd->add_flag("--as-typed", find.as_typed,
                       "Search the words as typed: no misspelling or Telex/VNI keystrokes read");
  return search_cmd;
}

CLI::App* add_publish(CLI::App& app, PublishArgs& publish) {
  CLI::App* publish_cmd = app.add_subcommand(
      "publish", "Build from committed content and commit the site to the publish branch");
  add_common(publish_cmd, publish.common);
  publish_cmd->add_option("-m,--message", publish.message, "The published commit's message");
  return publish_cmd;
}

CLI::App* add_verify(CLI::App& app, VerifyArgs& verify) {
  CLI::App* verify_cmd = app.add_subcommand(
      "verify", "Check a copy of the site (what a web server serves) against a published commit");
  add_common(verify_cmd, verify.common);
  verify_cmd->add_option("dir", verify.dir, "The copy of the site to check")->required();
  verify_cmd->add_option("--commit", verify.commit,
                         "The published commit (default: the tip of the publish branch)");
  return verify_cmd;
}

CLI::App* add_serve(CLI::App& app, ServeArgs& serve) {
  CLI::App* serve_cmd = app.add_subcommand("serve", "Serve the built site with search");
  add_common(serve_cmd, serve.common);
  serve_cmd->add_option("--host", serve.host,
                        "Address to listen on (default from site.toml: 127.0.0.1)");
  serve_cmd->add_option("--port", serve.port, "Port (default from site.toml: 8080)");
  serve_cmd->add_flag("--build", serve.build, "Build the site first");
  serve_cmd->add_flag("--watch", serve.watch,
                      "Build first, then again whenever a file of the site changes; open pages "
                      "reload by themselves and show a failed build's problems");
  serve_cmd->add_flag("--drafts", serve.drafts,
                      "Builds made by --build or --watch publish drafts (draft = true) too");
  serve_cmd
      ->add_option("--cache", serve.cache,
                   "Search answers kept for repeated queries, while they hold (0: none)")
      ->capture_default_str();
  return serve_cmd;
}
// A subcommand as CLI11 reads it, and what runs it with the arguments it read.
struct Command {
  CLI::App* app;
  std::function<int()> run;
};

template <typename Args>
Command command(CLI::App& app, CLI::App* (*add)(CLI::App&, Args&), int (*run)(const Args&)) {
  auto args = std::make_shared<Args>();
  return {add(app, *args), [args, run] { return run(*args); }};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gazette: builds a searchable, archived website of public notices"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "gazette 0.1.0");
  // In the order `gazette --help` lists them.
  const std::vector<Command> commands = {
      command(app, add_build, run_build),     command(app, add_check, run_check),
      command(app, add_new, run_new),         command(app, add_search, run_search),
      command(app, add_publish, run_publish), command(app, add_verify, run_verify),
      command(app, add_serve, run_serve),     command(app, add_init, run_init),
  };

  if (argc == 3 && argv[1] == kRemoveOldSitesFlag) return run_remove_old_sites(argv[2]);
  // CLI11 would only say the word was not expected: name the command meant.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    bool known = false;
    for (const Command& c : commands) {
      names.push_back(c.app->get_name());
      known = known || c.app->check_name(argv[1]);
    }
    if (!known) return report_unknown_command(argv[1], names);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    for (const Command& c : commands) {
      if (*c.app) return c.run();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gazette: internal error: %s\n", e.what());
    return 2;
  }
  return 2;
}
