// Tests only: `gazette serve …` run as a user runs it, in the background on a free port of
// 127.0.0.1, stopped (SIGTERM, as Ctrl+C) when the test ends; and an event stream read from it.
//
//   BackgroundGazette serving(site.path(), "serve --watch --now 2023-04-20T09:00:00+07:00");
//   EventStream events(serving.port(), "/_gazette/live");
//   REQUIRE(events.wait_for("\"ok\":true"));
#pragma once

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "loopback.hpp"
#include "temp_dir.hpp"

class BackgroundGazette {
 public:
  /// Starts `gazette ARGS --port P` in `dir` (ARGS split at spaces) and waits until it answers.
  BackgroundGazette(const std::filesystem::path& dir, const std::string& args) {
    std::vector<std::string> words{"gazette"};
    std::istringstream in(args);
    for (std::string w; in >> w;) words.push_back(w);
    std::random_device rd;
    for (int attempt = 0; attempt < 5 && port_ < 0; ++attempt) {
      int candidate = 20000 + static_cast<int>(rd() % 20000);
      pid_ = start(dir, words, candidate);
      for (int wait = 0; wait < 1500; ++wait) {  // a first build may take a while under ASan
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = -1;
          break;
        }
        if (int fd = connect_loopback(candidate); fd >= 0) {
          ::close(fd);
          port_ = candidate;
          break;
        }
      }
    }
  }
  ~BackgroundGazette() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  BackgroundGazette(const BackgroundGazette&) = delete;
  BackgroundGazette& operator=(const BackgroundGazette&) = delete;

  int port() const { return port_; }  ///< -1 when it did not start
  /// What it printed so far (stdout and stderr).
  std::string output() const { return log_.read("out.txt"); }

 private:
  pid_t start(const std::filesystem::path& dir, std::vector<std::string> words, int port) {
    words.push_back("--port");
    words.push_back(std::to_string(port));
    std::string log = (log_.path() / "out.txt").string();
    std::fflush(nullptr);  // or the child writes out what the test had buffered
    pid_t pid = fork();
    if (pid == 0) {
      if (::chdir(dir.c_str()) != 0) _exit(126);
      FILE* out = std::freopen(log.c_str(), "a", stdout);
      if (!out || ::dup2(::fileno(stdout), 2) < 0) _exit(126);
      std::vector<char*> argv;
      argv.reserve(words.size() + 1);
      for (auto& w : words) argv.push_back(w.data());
      argv.push_back(nullptr);
      ::execv(GAZETTE_BINARY, argv.data());
      _exit(127);
    }
    return pid;
  }

  TempDir log_;
  pid_t pid_ = -1;
  int port_ = -1;
};

/// A GET whose answer is read as it comes (Server-Sent Events), over a raw connection.
class EventStream {
 public:
  EventStream(int port, const std::string& path) : fd_(connect_loopback(port)) {
    if (fd_ < 0) return;
    std::string request =
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Accept: text/event-stream\r\n\r\n";
    if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) < 0) close();
  }
  ~EventStream() { close(); }
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  /// Reads until `text` appears after what earlier waits consumed; true if it did within
  /// `seconds`. What came up to and including it is consumed.
  bool wait_for(const std::string& text, int seconds = 30) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (true) {
      if (auto at = received_.find(text, consumed_); at != std::string::npos) {
        consumed_ = at + text.size();
        return true;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      until - std::chrono::steady_clock::now())
                      .count();
      if (fd_ < 0 || left <= 0) return false;
      pollfd readable{fd_, POLLIN, 0};
      if (::poll(&readable, 1, static_cast<int>(left)) <= 0) continue;
      char buffer[4096];
      ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) {
        close();
        continue;
      }
      received_.append(buffer, static_cast<std::size_t>(got));
    }
  }
  /// Everything read so far (the response head included).
  const std::string& received() const { return received_; }

 private:
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int fd_ = -1;
  std::string received_;
  std::size_t consumed_ = 0;
};
