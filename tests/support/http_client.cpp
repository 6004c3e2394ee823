// cpp-httplib's client behind http_client.hpp.
#include "http_client.hpp"

#include <httplib.h>

#include <strings.h>
#include <stdexcept>

std::string HttpAnswer::get_header_value(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (::strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "";
}

bool HttpAnswer::has_header(const std::string& name) const {
  for (const auto& header : headers) {
    if (::strcasecmp(header.first.c_str(), name.c_str()) == 0) return true;
  }
  return false;
}

namespace {

httplib::Result send_with(httplib::Client& client, const std::string& method,
                          const std::string& path, const httplib::Headers& headers,
                          const std::string& body) {
  if (method == "GET") return client.Get(path, headers);
  if (method == "HEAD") return client.Head(path, headers);
  if (method == "POST") return client.Post(path, headers, body, "text/plain");
  if (method == "PUT") return client.Put(path, headers, body, "text/plain");
  if (method == "DELETE") return client.Delete(path, headers);
  if (method == "OPTIONS") return client.Options(path, headers);
  throw std::invalid_argument("http_send: no such method in the client: " + method);
}

std::optional<HttpAnswer> answer_of(const httplib::Result& res) {
  if (!res) return std::nullopt;
  HttpAnswer answer;
  answer.status = res->status;
  answer.body = res->body;
  answer.headers.assign(res->headers.begin(), res->headers.end());
  return answer;
}

}  // namespace

std::optional<HttpAnswer> http_get(int port, const std::string& path, const HttpHeaders& headers,
                                   int timeout_seconds) {
  httplib::Client client("127.0.0.1", port);
  if (timeout_seconds > 0) {
    client.set_connection_timeout(timeout_seconds);
    client.set_read_timeout(timeout_seconds);
  }
  return answer_of(client.Get(path, httplib::Headers(headers.begin(), headers.end())));
}

std::optional<HttpAnswer> http_send(int port, const std::string& method, const std::string& path,
                                    const std::string& body) {
  httplib::Client client("127.0.0.1", port);
  return answer_of(send_with(client, method, path, {}, body));
}
