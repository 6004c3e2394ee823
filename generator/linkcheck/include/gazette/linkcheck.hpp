// gazette linkcheck: whether addresses on other sites answer.
//
//   linkcheck::FetchOptions options;  // 10 s per request, 8 at a time
//   auto failed = linkcheck::check_urls({"https://chinhphu.vn/", "https://a.example/x"}, options);
//   for (const auto& [url, why] : failed) show(url, why);  // "answers 404 Not Found"
//
// Only what it is given is fetched, and only with HEAD (GET when a server refuses HEAD).
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace gazette::linkcheck {

struct FetchOptions {
  /// For each request: to connect, and for each read or write of it.
  std::chrono::milliseconds timeout{10000};
  unsigned threads = 8;  ///< requests at a time
};

/// Asks for each address (http or https; HEAD, then GET when HEAD is answered 405 or 501),
/// following redirects, options.threads at a time. Returns, for each that failed, why, as a
/// phrase that follows the address: "answers 404 Not Found", "did not answer within 10 s",
/// "cannot be reached: the host name does not resolve". Never throws.
std::map<std::string, std::string> check_urls(const std::vector<std::string>& urls,
                                              const FetchOptions& options);

}  // namespace gazette::linkcheck
