// Tests only: an HTTP client for the servers the tests start on 127.0.0.1, behind plain types,
// so that only http_client.cpp compiles cpp-httplib (the largest header the tests would parse).
//
//   auto res = http_get(port, "/search?q=nang+suat", {{"Accept", "text/html"}});
//   REQUIRE(res);
//   CHECK(res->get_header_value("X-Cache") == "hit");
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

/// An answer as the client read it.
struct HttpAnswer {
  int status = 0;
  std::string body;
  HttpHeaders headers;

  /// The first value of the header `name` (any case), or "".
  std::string get_header_value(const std::string& name) const;
  bool has_header(const std::string& name) const;
};

/// GET `path` from the server on 127.0.0.1:`port`; nothing when the connection failed.
/// `timeout_seconds` 0 keeps cpp-httplib's own time-outs.
std::optional<HttpAnswer> http_get(int port, const std::string& path,
                                   const HttpHeaders& headers = {}, int timeout_seconds = 0);

/// `method` (GET, HEAD, POST, PUT, DELETE, OPTIONS) with `body` sent as text/plain where the
/// method takes one.
std::optional<HttpAnswer> http_send(int port, const std::string& method, const std::string& path,
                                    const std::string& body = "");
