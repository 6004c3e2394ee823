// Tests only: a raw TCP connection to a server on 127.0.0.1, for what an HTTP client library
// will not send (pipelined or unfinished requests) or to see whether a port answers.
//
//   int fd = connect_loopback(server.port());   // -1 when nothing listens there
//   ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
//   ::close(fd);
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>

/// A connected socket to 127.0.0.1:`port`, or -1 (nothing left open) when it is refused.
inline int connect_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}
