// Asks other sites whether the addresses the documents link to still answer (cpp-httplib).
#include "gazette/linkcheck.hpp"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <optional>
#include <string_view>
#include <thread>

namespace gazette::linkcheck {

namespace {

struct Address {
  std::string origin;  ///< "https://host:port"
  std::string host;    ///< without brackets or port
  std::string target;  ///< path and query, "/" at least
};

// "https://a.vn:8443/x?y#z" → {"https://a.vn:8443", "a.vn", "/x?y"}; nullopt when not http(s).
// An address without a scheme ("//a.vn/x", as a page may write) is asked for over https.
std::optional<Address> split(std::string_view written) {
  std::string with_scheme = written.starts_with("//") ? "https:" + std::string(written) : "";
  std::string_view url = with_scheme.empty() ? written : std::string_view(with_scheme);
  std::size_t colon = url.find("://");
  if (colon == std::string_view::npos) return std::nullopt;
  std::string scheme(url.substr(0, colon));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(colon + 3);
  std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority;
  if (host.starts_with("[")) {
    host = host.substr(1, host.find(']') - 1);
  } else if (std::size_t port = host.rfind(':'); port != std::string_view::npos) {
    host = host.substr(0, port);
  }
  if (host.empty()) return std::nullopt;
  std::string_view target = end == std::string_view::npos ? "" : rest.substr(end);
  target = target.substr(0, target.find('#'));
  std::string path(target);
  if (path.empty() || path[0] != '/') path.insert(0, "/");
  return Address{scheme + "://" + std::string(authority), std::string(host), path};
}

std::string seconds(std::chrono::milliseconds t) {
  char text[32];
  if (t.count() % 1000 == 0) {
    std::snprintf(text, sizeof text, "%lld s", static_cast<long long>(t.count() / 1000));
  } else {
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(t.count()) / 1000.0);
  }
  return text;
}

bool resolves(const std::string& host) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (found) freeaddrinfo(found);
  return rc == 0;
}

// Why a request that got no answer failed.
std::string failure(httplib::Error error, std::chrono::steady_clock::duration took,
                    const FetchOptions& options) {
  bool timed_out = took >= options.timeout * 9 / 10;
  switch (error) {
    case httplib::Error::Connection:
    case httplib::Error::ConnectionTimeout:
      return timed_out ? "did not answer within " + seconds(options.timeout)
                       : "cannot be reached: the connection was refused";
    case httplib::Error::Read:
    case httplib::Error::Write:
      return timed_out ? "did not answer within " + seconds(options.timeout)
                       : "closed the connection without an answer";
    case httplib::Error::ExceedRedirectCount:
      return "redirects too many times";
    case httplib::Error::SSLConnection:
      return "cannot be reached: the https connection failed";
    case httplib::Error::SSLServerVerification:
      return "has a certificate that cannot be verified";
    default:
      return "cannot be fetched (" + httplib::to_string(error) + ")";
  }
}

// "" when the address answers with a status below 400; else why not.
std::string check_one(const std::string& url, const FetchOptions& options) {
  auto address = split(url);
  if (!address) return "is not an http or https address";
  if (!resolves(address->host)) return "cannot be reached: the host name does not resolve";
  httplib::Client client(address->origin);
  if (!client.is_valid()) return "is not an address gazette can fetch";
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(options.timeout);
  auto usecs = std::chrono::duration_cast<std::chrono::microseconds>(options.timeout - secs);
  client.set_connection_timeout(secs.count(), usecs.count());
  client.set_read_timeout(secs.count(), usecs.count());
  client.set_write_timeout(secs.count(), usecs.count());
  client.set_follow_location(true);
  client.set_keep_alive(false);
  httplib::Headers headers = {{"User-Agent", "gazette-linkcheck"}};
  auto started = std::chrono::steady_clock::now();
  auto head = client.Head(address->target, headers);
  if (!head) return failure(head.error(), std::chrono::steady_clock::now() - started, options);
  int status = head->status;
  std::string reason = head->reason;
  if (status == 405 || status == 501) {  // HEAD refused: GET, reading no more than the status
    started = std::chrono::steady_clock::now();
    int got = 0;
    auto get = client.Get(
        address->target, headers,
        [&](const httplib::Response& r) {
          got = r.status;
          reason = r.reason;
          return true;
        },
        [](const char*, std::size_t) { return false; });
    if (got == 0) {
      return failure(get.error(), std::chrono::steady_clock::now() - started, options);
    }
    status = got;
  }
  if (status < 400) return "";
  return "answers " + std::to_string(status) + (reason.empty() ? "" : " " + reason);
}

}  // namespace

std::map<std::string, std::string> check_urls(const std::vector<std::string>& urls,
                                              const FetchOptions& options) {
  std::vector<std::string> unique = urls;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  std::vector<std::string> why(unique.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < unique.size(); i = next++) {
      try {
        why[i] = check_one(unique[i], options);
      } catch (const std::exception& e) {
        why[i] = std::string("cannot be fetched (") + e.what() + ")";
      }
    }
  };
  unsigned threads = std::clamp<unsigned>(options.threads, 1, 64);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < unique.size(); ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  std::map<std::string, std::string> failed;
  for (std::size_t i = 0; i < unique.size(); ++i) {
    if (!why[i].empty()) failed.emplace(unique[i], why[i]);
  }
  return failed;
}

}  // namespace gazette::linkcheck
