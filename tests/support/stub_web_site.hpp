// Tests only: another web site, on a free port of 127.0.0.1, for the links documents make to
// other sites. Its pages answer as their names say: /ok 200, /missing 404, /moved 301 to /ok,
// /moved-away 302 to /missing, /no-head 405 to HEAD and 200 to GET, /silent never answers.
//
//   StubWebSite web;
//   std::string url = web.url("/missing");   // "http://127.0.0.1:<port>/missing"
//   CHECK(web.requests() == 0);
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

class StubWebSite {
 public:
  StubWebSite() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener_, 64) != 0) {
      throw std::runtime_error("the stub web site cannot listen on 127.0.0.1");
    }
    socklen_t size = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &size);
    port_ = ntohs(addr.sin_port);
    accepter_ = std::thread([this] { accept_all(); });
  }
  ~StubWebSite() {
    stop_ = true;
    accepter_.join();
    for (auto& t : connections_) t.join();
    ::close(listener_);
  }
  StubWebSite(const StubWebSite&) = delete;
  StubWebSite& operator=(const StubWebSite&) = delete;

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  /// Requests received, every method and page.
  int requests() const { return requests_; }
  /// Each request's first line ("HEAD /ok HTTP/1.1"), in order.
  std::vector<std::string> request_lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  void accept_all() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      int fd = ::accept(listener_, nullptr, nullptr);
      if (fd >= 0) connections_.emplace_back([this, fd] { answer(fd); });
    }
  }

  void answer(int fd) {
    std::string request;
    char buffer[1024];
    while (request.find("\r\n\r\n") == std::string::npos && !stop_) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request.append(buffer, static_cast<std::size_t>(n));
    }
    std::string line = request.substr(0, request.find("\r\n"));
    {
      std::lock_guard lock(mutex_);
      lines_.push_back(line);
    }
    ++requests_;
    bool head = line.rfind("HEAD ", 0) == 0;
    std::string path = line.substr(line.find(' ') + 1);
    path = path.substr(0, path.find(' '));
    std::string reply;
    if (path == "/silent") {
      while (!stop_) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } else if (path == "/ok" || (path == "/no-head" && !head)) {
      reply = status("200 OK", head ? "" : "page");
    } else if (path == "/no-head") {
      reply = status("405 Method Not Allowed", "");
    } else if (path == "/moved") {
      reply = status("301 Moved Permanently", "", "Location: " + url("/ok") + "\r\n");
    } else if (path == "/moved-away") {
      reply = status("302 Found", "", "Location: /missing\r\n");
    } else {
      reply = status("404 Not Found", head ? "" : "none");
    }
    ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
    ::close(fd);
  }

  static std::string status(const std::string& code, const std::string& body,
                            const std::string& headers = "") {
    return "HTTP/1.1 " + code + "\r\n" + headers +
           "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
           body;
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
  std::vector<std::thread> connections_;  // only the accepting thread adds to it
  std::thread accepter_;
};
