// A `gazette serve` server for a built site on a free port of 127.0.0.1, for e2e tests.
#pragma once

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "gazette/config.hpp"
#include "gazette/serve.hpp"
#include "temp_site.hpp"

// A server for a built site on a free port of 127.0.0.1, stopped at the end of the test.
class RunningServer {
 public:
  RunningServer(const TempSite& site, std::function<gazette::Instant()> clock = {}) {
    auto config = gazette::config::load_site(site.path());
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
  int port() const { return port_; }
  const gazette::config::SiteConfig& config() const { return config_; }
  httplib::Result get(const std::string& path) {
    httplib::Client client("127.0.0.1", port_);
    return client.Get(path.c_str());
  }
  nlohmann::json api(const std::string& params) {
    auto res = get("/api/search?" + params);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return nlohmann::json::parse(res->body);
  }

 private:
  gazette::config::SiteConfig config_;
  std::unique_ptr<gazette::serve::Server> server_;
  std::thread thread_;
  int port_ = 0;
};
