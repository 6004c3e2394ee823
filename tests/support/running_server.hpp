// Tests only: `gazette serve`'s server for a built site on a free port of 127.0.0.1, with a
// clock the test sets, stopped when the test ends.
//
//   RunningServer server(site);                  // the clock: 2023-04-20T09:00:00+07:00
//   auto res = server.get("/search?q=nang+suat");
//   nlohmann::json j = server.api("program=1322");  // requires a 200
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/serve.hpp"
#include "http_client.hpp"
#include "temp_site.hpp"

class RunningServer {
 public:
  explicit RunningServer(const TempSite& site, const std::function<gazette::Instant()>& clock = {})
      : RunningServer(site.path(), clock) {}

  explicit RunningServer(const std::filesystem::path& site_dir,
                         const std::function<gazette::Instant()>& clock = {}) {
    auto config = gazette::config::load_site(site_dir);
    REQUIRE(config.ok());
    config_ = *config;
    gazette::serve::ServerOptions options;
    options.root = config_.output_dir;
    options.clock =
        clock ? clock : [] { return *gazette::parse_rfc3339("2023-04-20T09:00:00+07:00"); };
    options.search = gazette::serve::search_service_for(config_, options.clock());
    server_ = std::make_unique<gazette::serve::Server>(options);
    port_ = server_->bind_any_port();
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~RunningServer() {
    server_->stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return port_; }
  const gazette::config::SiteConfig& config() const { return config_; }

  std::optional<HttpAnswer> get(const std::string& path, const HttpHeaders& headers = {}) const {
    return http_get(port_, path, headers);
  }

  /// The JSON of /api/search?<params>; the answer must be a 200.
  nlohmann::json api(const std::string& params) const {
    auto res = get("/api/search?" + params);
    REQUIRE_MESSAGE(res, params);
    REQUIRE_MESSAGE(res->status == 200, params, ": ", res->body);
    return nlohmann::json::parse(res->body);
  }

 private:
  gazette::config::SiteConfig config_;
  std::unique_ptr<gazette::serve::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

/// The addresses of an /api/search answer's hits, in order.
inline std::vector<std::string> urls_of(const nlohmann::json& j) {
  std::vector<std::string> urls;
  for (const auto& hit : j["hits"]) urls.push_back(hit["url"].get<std::string>());
  return urls;
}
