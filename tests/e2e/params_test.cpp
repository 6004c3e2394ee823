// End-to-end: every parameter of /search, /api/search and /search.atom refuses what is not
// text (invalid UTF-8, a NUL) and what is too long, with a 400 and a sentence in the answer's
// own format; and values of the right form still answer.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "running_server.hpp"
#include "temp_site.hpp"

namespace {

const std::vector<std::string> kParams = {
    "q",           "kind", "program", "round",       "province",  "issuer",
    "submitter",   "lead", "open",    "issued_from", "issued_to", "deadline_from",
    "deadline_to", "sort", "page",    "per_page",    "facets",    "utm_source"};

// A good value of each parameter: the refusals below are then the bad value's doing.
std::string good_value(const std::string& key) {
  if (key == "kind") return "notice";
  if (key == "round") return "2024";
  if (key == "open") return "1";
  if (key == "sort") return "newest";
  if (key == "page" || key == "per_page" || key == "facets") return "1";
  if (key.find("_from") != std::string::npos || key.find("_to") != std::string::npos) {
    return "2023-04-25";
  }
  return "nang";
}

struct Bad {
  const char* what;
  std::string encoded;  // as it appears in the URL
};

std::vector<Bad> bad_values(const std::string& key) {
  std::size_t limit = key == "q" ? 1000 : 200;
  return {
      {"a lone lead byte", "nang%C3"},
      {"a lone continuation byte", "%80nang"},
      {"an overlong encoding of /", "%C0%AF"},
      {"a surrogate", "%ED%A0%80"},
      {"a NUL", "na%00ng"},
      {"too long", std::string(limit + 1, 'a')},
  };
}

std::string message_for(const std::string& key, const std::string& what) {
  if (key != "q") return "the value of `" + key + "` is not acceptable text";
  if (what == "too long") return "the query is too long";
  if (what == "a NUL") return "the query contains a NUL character";
  return "the query is not valid UTF-8 text";
}

}  // namespace

TEST_CASE("params: every parameter of every search address refuses what is not text") {
  TempSite site(
      {{"content/notices/a.md", notice("Năng suất", "deadline = 2023-04-25T17:00:00+07:00\n")}});
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  int refused = 0;
  for (const std::string& key : kParams) {
    CAPTURE(key);
    // The good value is answered, by every address.
    for (const char* address : {"/search?", "/api/search?", "/search.atom?"}) {
      auto res = server.get(address + key + "=" + gazette::url_encode(good_value(key)));
      REQUIRE(res);
      CHECK_MESSAGE(res->status == 200, address, " ", res->body.substr(0, 200));
    }
    for (const Bad& bad : bad_values(key)) {
      CAPTURE(std::string(bad.what));
      std::string query = key + "=" + bad.encoded;
      std::string why = message_for(key, bad.what);
      auto api = server.get("/api/search?" + query);
      REQUIRE(api);
      CHECK(api->status == 400);
      CHECK(api->get_header_value("Content-Type") == "application/json; charset=utf-8");
      auto body = nlohmann::json::parse(api->body);  // valid JSON, valid UTF-8
      CHECK(contains(body["error"].get<std::string>(), why));
      auto page = server.get("/search?" + query);
      REQUIRE(page);
      CHECK(page->status == 400);
      CHECK(contains(page->body, "<!DOCTYPE html>"));
      CHECK(contains(page->body, gazette::html_escape(why)));
      auto feed = server.get("/search.atom?" + query);
      REQUIRE(feed);
      CHECK(feed->status == 400);
      CHECK(contains(feed->body, why));
      ++refused;
    }
  }
  CHECK(refused == static_cast<int>(kParams.size() * 6));
}

TEST_CASE("params: a parameter name that is not text is refused, not echoed") {
  TempSite site({{"content/notices/a.md", notice("Năng suất")}});
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  for (const std::string& query : {std::string("%C3=%C3"), std::string("%C3=1"),
                                   std::string("a%00b=1"), std::string(201, 'k') + "=1"}) {
    auto api = server.get("/api/search?" + query);
    REQUIRE(api);
    CHECK(api->status == 400);
    auto body = nlohmann::json::parse(api->body);  // valid JSON: no broken UTF-8 echoed
    CHECK(body["error"] == "a parameter's name is not acceptable text");
  }
  auto unknown = server.get("/api/search?utm_source=x&q=nang");  // other names are ignored
  REQUIRE(unknown);
  CHECK(unknown->status == 200);
}

TEST_CASE("params: a refusal that quotes the value is valid JSON whatever the value holds") {
  TempSite site({{"content/notices/a.md", notice("Năng suất")}});
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  auto res = server.get("/api/search?kind=" + gazette::url_encode("a\"b\\c\td"));
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(nlohmann::json::parse(res->body)["error"] ==
        "unknown kind `a\"b\\c\td`: use notice, guidance, proposal-list, program, page or task");
}

TEST_CASE("params: a query too long for a URL gets the same sentence everywhere") {
  TempSite site({{"content/notices/a.md", notice("Năng suất")}});
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  std::string huge(std::size_t{20} * 1024, 'a');
  for (const char* address : {"/search?q=", "/api/search?q=", "/search.atom?q=", "/search?lead="}) {
    auto res = server.get(address + huge);
    REQUIRE_MESSAGE(res, address);
    CHECK_MESSAGE(res->status == 414, address);  // URI Too Long, with the sentence
    CHECK_MESSAGE(contains(res->body, "the address is too long"), address);
  }
}
