#include "connections.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <mutex>
#include <string>
#include <unordered_set>

namespace gazette::serve::detail {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kReadWriteMs = 5000;  // a body or an answer stalling longer is given up

void address_of(int fd, bool remote, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  int rc = remote ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                  : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (rc != 0) return;
  char text[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    auto* in = reinterpret_cast<sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    auto* in = reinterpret_cast<sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &in->sin6_addr, text, sizeof text);
    port = ntohs(in->sin6_port);
  }
  ip = text;
}

bool ready(int fd, short events, int timeout_ms) {
  pollfd p{fd, events, 0};
  int rc;
  do {
    rc = ::poll(&p, 1, timeout_ms);
  } while (rc < 0 && errno == EINTR);
  return rc > 0;
}

}  // namespace

// One client connection (non-blocking) and the bytes read from it not yet used.
class Connection : public httplib::Stream {
 public:
  explicit Connection(int fd) : fd_(fd) {}
  ~Connection() override {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool is_readable() const override {
    return pos_ < in_.size() || ready(fd_, POLLIN, kReadWriteMs);
  }
  bool is_writable() const override { return ready(fd_, POLLOUT, kReadWriteMs); }
  ssize_t read(char* ptr, size_t size) override {
    if (pos_ < in_.size()) {
      std::size_t n = std::min(size, in_.size() - pos_);
      std::memcpy(ptr, in_.data() + pos_, n);
      pos_ += n;
      return static_cast<ssize_t>(n);
    }
    // Past the head (a body): read on, as long as the client keeps sending.
    for (;;) {
      ssize_t n = ::recv(fd_, ptr, size, 0);
      if (n >= 0 || (errno != EAGAIN && errno != EINTR)) return n;
      if (errno == EAGAIN && !ready(fd_, POLLIN, kReadWriteMs)) return -1;
    }
  }
  ssize_t write(const char* ptr, size_t size) override {
    for (;;) {
      ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
      if (n >= 0 || (errno != EAGAIN && errno != EINTR)) return n;
      if (errno == EAGAIN && !ready(fd_, POLLOUT, kReadWriteMs)) return -1;
    }
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_of(fd_, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_of(fd_, false, ip, port);
  }
  socket_t socket() const override { return fd_; }

  // Reads what has arrived without waiting; false when the client has gone.
  bool take_arrived(std::size_t limit) {
    compact();
    char chunk[8192];
    while (in_.size() < limit) {
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, MSG_DONTWAIT);
      if (n > 0) {
        in_.append(chunk, static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      return n < 0 && errno == EAGAIN;
    }
    return true;
  }
  bool has_head() const { return in_.find("\r\n\r\n", pos_) != std::string::npos; }
  bool has_bytes() const { return pos_ < in_.size(); }
  std::size_t pending() const { return in_.size() - pos_; }
  bool first_line_ended() const { return in_.find('\n', pos_) != std::string::npos; }
  // An answer written by the server itself (the connection is closed after it).
  void refuse(int status, const char* reason, const std::string& sentence) {
    std::string text = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                       "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                       std::to_string(sentence.size()) + "\r\nConnection: close\r\n\r\n" + sentence;
    (void)write(text.data(), text.size());
  }

  Clock::time_point deadline;
  std::size_t served = 0;
  bool registered = false;    // with the epoll set
  bool head_started = false;  // part of a request head has arrived: its deadline runs

 private:
  void compact() {
    if (pos_ > 0) {
      in_.erase(0, pos_);
      pos_ = 0;
    }
  }
  int fd_;
  std::string in_;
  std::size_t pos_ = 0;
};

// The connections waiting for a request head, watched by one thread with epoll.
class Waiting {
 public:
  explicit Waiting(HttpServer& server) : server_(server) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = nullptr;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
    thread_ = std::thread([this] { run(); });
  }
  ~Waiting() {
    stop();
    for (Connection* c : waiting_) delete c;
    ::close(wake_);
    ::close(epoll_);
  }
  Waiting(const Waiting&) = delete;
  Waiting& operator=(const Waiting&) = delete;

  void stop() {
    if (!thread_.joinable()) return;
    stopping_ = true;
    std::uint64_t one = 1;
    (void)::write(wake_, &one, sizeof one);
    thread_.join();
  }

  // False once stopping: the caller closes it.
  bool add(Connection* c) {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    // Under the lock: the epoll thread cannot claim it before it is listed.
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
    ev.data.ptr = c;
    if (::epoll_ctl(epoll_, c->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, c->socket(), &ev) != 0) {
      return false;
    }
    c->registered = true;
    waiting_.insert(c);
    return true;
  }

 private:
  void run() {
    constexpr int kEvents = 256;
    epoll_event events[kEvents];
    auto next_sweep = Clock::now();
    while (!stopping_) {
      int n = ::epoll_wait(epoll_, events, kEvents, 100);
      for (int i = 0; i < n; ++i) {
        auto* c = static_cast<Connection*>(events[i].data.ptr);
        if (c == nullptr || !claim(c)) continue;
        arrived(c);
      }
      if (Clock::now() >= next_sweep) {
        sweep();
        next_sweep = Clock::now() + std::chrono::milliseconds(250);
      }
    }
  }

  // Takes a connection out of the waiting ones; false if it was not there.
  bool claim(Connection* c) {
    std::lock_guard lock(mutex_);
    return waiting_.erase(c) == 1;
  }

  void arrived(Connection* c) {
    std::size_t limit = server_.limits_.max_head_bytes;
    if (!c->take_arrived(limit)) {
      delete c;  // the client has gone
      return;
    }
    if (c->has_head()) {
      server_.pool_->enqueue([this, c] { server_.serve(c); });
    } else if (c->pending() >= limit) {
      std::string most = std::to_string(limit / 1024) + " KB";
      if (c->first_line_ended()) {
        c->refuse(431, "Request Header Fields Too Large",
                  "the request's header fields are too long: at most " + most + " in all\n");
      } else {
        c->refuse(414, "URI Too Long", "the address is too long: at most 8192 bytes\n");
      }
      delete c;
    } else {
      if (c->has_bytes() && !c->head_started) {  // the time for a head runs from its first byte
        c->head_started = true;
        c->deadline = Clock::now() + seconds(server_.limits_.head_seconds);
      }
      server_.wait_for_request(c);
    }
  }

  // Closes connections past their time: idle ones quietly, a head never finished with 408.
  void sweep() {
    auto now = Clock::now();
    std::vector<Connection*> late;
    {
      std::lock_guard lock(mutex_);
      for (Connection* c : waiting_) {
        if (c->deadline <= now) late.push_back(c);
      }
      for (Connection* c : late) waiting_.erase(c);
    }
    for (Connection* c : late) {
      if (c->has_bytes()) {
        c->refuse(408, "Request Timeout",
                  "the request did not arrive in " + std::to_string(server_.limits_.head_seconds) +
                      " seconds\n");
      }
      delete c;
    }
  }

  static std::chrono::seconds seconds(int n) { return std::chrono::seconds(n); }

  HttpServer& server_;
  int epoll_ = -1;
  int wake_ = -1;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::unordered_set<Connection*> waiting_;
  std::thread thread_;
};

namespace {

// httplib's accept loop hands each new connection to its task queue; this one runs the
// hand-over at once (it only registers the connection with the waiting ones).
class AtOnce : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

}  // namespace

HttpServer::HttpServer(ConnectionLimits limits)
    : limits_(limits),
      waiting_(std::make_unique<Waiting>(*this)),
      pool_(std::make_unique<httplib::ThreadPool>(static_cast<std::size_t>(limits.threads))) {
  new_task_queue = [] { return new AtOnce; };
  set_keep_alive_timeout(limits_.idle_seconds);
}

HttpServer::~HttpServer() { finish(); }

void HttpServer::finish() {
  if (finishing_.exchange(true)) return;
  waiting_->stop();   // no connection starts to be served from now on
  pool_->shutdown();  // those being served are finished, then closed
  waiting_.reset();   // and the waiting ones closed
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  ::fcntl(sock, F_SETFL, ::fcntl(sock, F_GETFL) | O_NONBLOCK);
  auto* c = new Connection(sock);
  c->deadline = Clock::now() + std::chrono::seconds(limits_.idle_seconds);
  wait_for_request(c);
  return true;
}

void HttpServer::wait_for_request(Connection* c) {
  if (finishing_ || !waiting_->add(c)) delete c;
}

void HttpServer::serve(Connection* c) {
  for (;;) {
    bool close = finishing_ || c->served + 1 >= keep_alive_max_count_;
    bool closed = false;
    std::string method;
    bool ok =
        process_request(*c, close, closed, [&](httplib::Request& req) { method = req.method; });
    ++c->served;
    // Another method's body is not read (it is refused): what follows is not a request.
    bool unread_body = !method.empty() && method != "GET" && method != "HEAD";
    if (!ok || close || closed || unread_body || finishing_) {
      delete c;
      return;
    }
    if (c->has_head()) continue;  // the next request was written at once (pipelined)
    c->head_started = c->has_bytes();
    auto wait = c->head_started ? limits_.head_seconds : limits_.idle_seconds;
    c->deadline = Clock::now() + std::chrono::seconds(wait);
    wait_for_request(c);
    return;
  }
}

}  // namespace gazette::serve::detail
