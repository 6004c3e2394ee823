// gazette_serve_bench: `gazette serve` under slow and idle clients, and pipelined.
//
//   gazette_serve_bench --port 8080 [--idle 200] [--trickle 100] [--seconds 10]
//                       [--path '/api/search?q=nang+suat'] [--pipeline 16]
//
// 1. Opens --idle connections that send nothing and --trickle connections that send a
//    request line and then one header line every 2 s, never finishing; any the server
//    closes is opened again, so they are held for the whole run.
// 2. While they are held, one client asks for --path (and then /robots.txt) on a new
//    connection each time, one request after another, for --seconds each: prints
//    p50/p99/max latency and how many answers did not come within 30 s.
// 3. With the slow clients gone: 4 connections each write --pipeline requests at once and
//    read the answers, for --seconds: prints requests per second and answers lost (those
//    after an answer saying Connection: close are asked again on a new connection).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Target {
  std::string host = "127.0.0.1";
  int port = 8080;
};

int connect_to(const Target& target) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(target.port));
  ::inet_pton(AF_INET, target.host.c_str(), &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  return fd;
}

bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads whole answers (head and Content-Length body) off one connection.
class Reader {
 public:
  explicit Reader(int fd) : fd_(fd) {}
  bool closing = false;  // the last answer said the server closes the connection
  // The status of the next answer, or -1 (closed, or nothing before the deadline).
  int next(Clock::time_point deadline) {
    std::size_t head_end;
    while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill(deadline)) return -1;
    }
    int status = std::atoi(buffer_.c_str() + 9);
    std::size_t length = 0;
    std::string head = buffer_.substr(0, head_end);
    for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (auto at = head.find("\r\ncontent-length:"); at != std::string::npos) {
      length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
    }
    while (buffer_.size() < head_end + 4 + length) {
      if (!fill(deadline)) return -1;
    }
    closing = head.find("\r\nconnection: close") != std::string::npos;
    buffer_.erase(0, head_end + 4 + length);
    return status;
  }

 private:
  bool fill(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[16384];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  int fd_;
  std::string buffer_;
};

std::string request(const std::string& path) {
  return "GET " + path + " HTTP/1.1\r\nHost: bench\r\n\r\n";
}

// Slow clients held open until `stop`: idle ones send nothing, trickling ones a header
// line every 2 s. Counts how often the server closed one.
struct SlowClients {
  Target target;
  int idle = 0;
  int trickle = 0;
  std::atomic<bool> stop{false};
  std::atomic<int> closed_by_server{0};
  std::atomic<int> open{0};

  void run() {
    struct Held {
      int fd = -1;
      bool trickles = false;
    };
    std::vector<Held> held(static_cast<std::size_t>(idle + trickle));
    auto open_one = [&](Held& h) {
      h.fd = connect_to(target);
      if (h.fd >= 0 && h.trickles) send_all(h.fd, "GET /robots.txt HTTP/1.1\r\nHost: bench\r\n");
    };
    for (std::size_t i = 0; i < held.size(); ++i) {
      held[i].trickles = static_cast<int>(i) >= idle;
      open_one(held[i]);
    }
    open = static_cast<int>(held.size());
    auto next_line = Clock::now() + std::chrono::seconds(2);
    int line = 0;
    while (!stop) {
      std::vector<pollfd> fds;
      fds.reserve(held.size());
      for (const auto& h : held) fds.push_back({h.fd, POLLIN, 0});
      ::poll(fds.data(), fds.size(), 100);
      for (std::size_t i = 0; i < held.size(); ++i) {
        if (held[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
          char sink[4096];
          if (held[i].fd >= 0 && ::recv(held[i].fd, sink, sizeof sink, MSG_DONTWAIT) > 0) continue;
          if (held[i].fd >= 0) ::close(held[i].fd);
          ++closed_by_server;
          open_one(held[i]);
        }
      }
      if (Clock::now() >= next_line) {
        next_line += std::chrono::seconds(2);
        ++line;
        for (auto& h : held) {
          if (h.trickles && h.fd >= 0)
            send_all(h.fd, "X-Trickle-" + std::to_string(line) + ": 1\r\n");
        }
      }
    }
    for (auto& h : held) {
      if (h.fd >= 0) ::close(h.fd);
    }
  }
};

void latency(const Target& target, const std::string& path, int seconds) {
  std::vector<double> ms;
  int unanswered = 0;
  auto end = Clock::now() + std::chrono::seconds(seconds);
  while (Clock::now() < end) {
    auto start = Clock::now();
    int fd = connect_to(target);
    int status = -1;
    if (fd >= 0 && send_all(fd, request(path))) {
      Reader reader(fd);
      status = reader.next(start + std::chrono::seconds(30));
    }
    if (fd >= 0) ::close(fd);
    if (status != 200) {
      ++unanswered;
      continue;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms.empty() ? 0.0
                      : ms[std::min(ms.size() - 1,
                                    static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
  };
  std::printf("%-32s requests=%zu p50_ms=%.2f p99_ms=%.2f max_ms=%.2f not_answered=%d\n",
              path.substr(0, 32).c_str(), ms.size(), at(0.5), at(0.99), ms.empty() ? 0 : ms.back(),
              unanswered);
}

void pipelined(const Target& target, const std::string& path, int depth, int seconds) {
  constexpr int kConnections = 4;
  std::atomic<long> answered{0};
  std::atomic<long> lost{0};
  std::atomic<long> reconnects{0};
  auto end = Clock::now() + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  threads.reserve(kConnections);
  for (int t = 0; t < kConnections; ++t) {
    threads.emplace_back([&] {
      std::string batch;
      for (int i = 0; i < depth; ++i) batch += request(path);
      int fd = connect_to(target);
      auto reader = std::make_unique<Reader>(fd);
      while (Clock::now() < end) {
        if (fd < 0 || !send_all(fd, batch)) {
          lost += depth;
        } else {
          int got = 0;
          while (got < depth && reader->next(Clock::now() + std::chrono::seconds(2)) == 200) ++got;
          answered += got;
          if (got == depth) continue;
          // The server may end a connection after some requests (Connection: close): the
          // rest are asked again, as a client does; otherwise they are lost.
          if (reader->closing) {
            ++reconnects;
          } else {
            lost += depth - got;
          }
        }
        if (fd >= 0) ::close(fd);  // answers went missing: start again on a new connection
        fd = connect_to(target);
        reader = std::make_unique<Reader>(fd);
      }
      if (fd >= 0) ::close(fd);
    });
  }
  for (auto& t : threads) t.join();
  std::printf(
      "pipelined depth=%d connections=%d answered=%ld lost=%ld closed_by_server=%ld rps=%.0f\n",
      depth, kConnections, answered.load(), lost.load(), reconnects.load(),
      static_cast<double>(answered.load()) / seconds);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gazette serve under idle, trickling and pipelining clients"};
  Target target;
  int idle = 200;
  int trickle = 100;
  int seconds = 10;
  int depth = 16;
  std::string path = "/api/search?q=nang+suat";
  app.add_option("--host", target.host);
  app.add_option("--port", target.port)->required();
  app.add_option("--idle", idle);
  app.add_option("--trickle", trickle);
  app.add_option("--seconds", seconds);
  app.add_option("--path", path);
  app.add_option("--pipeline", depth);
  CLI11_PARSE(app, argc, argv);

  SlowClients slow;
  slow.target = target;
  slow.idle = idle;
  slow.trickle = trickle;
  std::thread holder([&] { slow.run(); });
  while (slow.open.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::printf("held: idle=%d trickling=%d\n", idle, trickle);
  latency(target, path, seconds);
  latency(target, "/robots.txt", seconds);
  slow.stop = true;
  holder.join();
  std::printf("slow connections closed by the server (and opened again): %d\n",
              slow.closed_by_server.load());
  pipelined(target, path, depth, seconds);
  pipelined(target, "/robots.txt", depth, seconds);
  return 0;
}
