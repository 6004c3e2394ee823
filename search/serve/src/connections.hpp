// httplib's server with connections that hold a thread only while a request is answered.
//
// httplib gives every connection a thread of its pool from accept to close: an idle
// keep-alive connection or a request head arriving a line every few seconds holds one
// for seconds, and a few hundred of them leave none for anyone else. Here a connection
// waits in one epoll thread (no thread of its own) until a whole request head has
// arrived; only then does a thread of the pool read and answer it, with httplib's
// parsing, routing and writing. Bytes read ahead stay with the connection, so requests
// written at once (pipelined) are all answered: httplib reads them ahead into a buffer
// it makes anew for each request, and loses them.
#pragma once

#include <httplib.h>

#include <atomic>
#include <memory>
#include <thread>

namespace gazette::serve::detail {

class Connection;
class Waiting;

/// How long a connection may take, and how many are served at once.
struct ConnectionLimits {
  int threads = 64;       ///< requests answered at once
  int idle_seconds = 5;   ///< a kept-alive connection with no request is closed after
  int head_seconds = 10;  ///< a request head must arrive within (408 after)
  std::size_t max_head_bytes = std::size_t{64} * 1024;  ///< longer heads: 414 or 431, and closed
};

class HttpServer : public httplib::Server {
 public:
  explicit HttpServer(ConnectionLimits limits = {});
  ~HttpServer() override;
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  /// Closes the waiting connections and ends the threads, once listen_after_bind() has
  /// returned (after stop()); requests being answered are finished first.
  void finish();

 private:
  friend class Waiting;
  // Called by httplib's accept loop (on its thread, see the constructor) for each new
  // connection: it waits for its first request.
  bool process_and_close_socket(socket_t sock) override;
  // Answers the requests whose heads are in, then sends the connection back to wait.
  void serve(Connection* connection);
  void wait_for_request(Connection* connection);

  ConnectionLimits limits_;
  std::atomic<bool> finishing_{false};
  std::unique_ptr<Waiting> waiting_;
  std::unique_ptr<httplib::ThreadPool> pool_;
};

}  // namespace gazette::serve::detail
