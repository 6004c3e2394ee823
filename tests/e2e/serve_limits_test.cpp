// End-to-end `gazette serve` as a client sees it, over real sockets on 127.0.0.1: symlinks
// out of the site, pipelined requests, idle and slow clients, 414, 405, 304.
#include <doctest/doctest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "loopback.hpp"
#include "running_server.hpp"
#include "temp_site.hpp"

namespace {

namespace fs = std::filesystem;

int connect_to(int port) {
  int fd = connect_loopback(port);
  REQUIRE(fd >= 0);
  return fd;
}

struct Answer {
  int status = 0;
  std::string head;  // lower case
  std::string body;
  bool has(const std::string& line) const { return head.find("\r\n" + line) != std::string::npos; }
};

// Writes `bytes` at once on a new connection and reads `count` answers (fewer if the
// server closes the connection or says nothing for 5 s).
std::vector<Answer> exchange(int port, const std::string& bytes, int count) {
  int fd = connect_to(port);
  REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(bytes.size()));
  std::vector<Answer> answers;
  std::string in;
  while (static_cast<int>(answers.size()) < count) {
    std::size_t end = in.find("\r\n\r\n");
    if (end != std::string::npos) {
      Answer a;
      a.status = std::atoi(in.c_str() + 9);
      a.head = in.substr(0, end + 2);
      for (char& c : a.head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::size_t length = 0;
      if (auto at = a.head.find("\r\ncontent-length:"); at != std::string::npos) {
        length = std::stoul(a.head.substr(at + 17));
      }
      bool no_body = a.status == 304 || bytes.rfind("HEAD ", 0) == 0;
      if (no_body) length = 0;
      if (in.size() >= end + 4 + length) {
        a.body = in.substr(end + 4, length);
        in.erase(0, end + 4 + length);
        answers.push_back(a);
        continue;
      }
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) break;
    char chunk[8192];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    in.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answers;
}

std::string get(const std::string& path, const std::string& headers = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: test\r\n" + headers + "\r\n";
}

std::map<std::string, std::string> small_site() {
  return {{"content/notices/a.md",
           notice("Thông báo năng suất", "", "Hỗ trợ doanh nghiệp nâng cao năng suất.\n")}};
}

}  // namespace

TEST_CASE("e2e serve: a symlink in the site leading out of it is not followed (404)") {
  TempSite site(small_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  fs::path root = server.config().output_dir;
  site.write("outside/passwd", "root:x:0:0\n");
  site.write("outside.txt", "secret\n");
  fs::create_directory_symlink(site.path() / "outside", root / "leakdir");
  fs::create_symlink(site.path() / "outside.txt", root / "leak.txt");
  site.write("public/inside.txt", "kept\n");
  fs::create_symlink(root / "inside.txt", root / "alias.txt");  // stays in the site: served

  for (const char* path : {"/leakdir/passwd", "/leak.txt", "/leakdir/", "/leakdir",
                           "/leakdir/missing", "/%6ceak.txt"}) {
    auto res = server.get(path);
    REQUIRE_MESSAGE(res, path);
    CHECK_MESSAGE(res->status == 404, path);
    CHECK(res->body.find("secret") == std::string::npos);
    CHECK(res->body.find("root:x") == std::string::npos);
  }
  auto alias = server.get("/alias.txt");
  REQUIRE(alias);
  CHECK(alias->status == 200);
  CHECK(alias->body == "kept\n");
}

TEST_CASE("e2e serve: requests written at once on one connection all get their answers") {
  TempSite site(small_site());
  REQUIRE(site.build().report.ok);
  site.write("public/one.txt", "first\n");
  site.write("public/two.txt", "second\n");
  RunningServer server(site);
  auto answers = exchange(server.port(),
                          get("/one.txt") + get("/two.txt") + get("/api/search?q=nang+suat"), 3);
  REQUIRE(answers.size() == 3);
  CHECK(answers[0].body == "first\n");
  CHECK(answers[1].body == "second\n");
  CHECK(answers[2].status == 200);
  CHECK(answers[2].body.find("\"total\":1") != std::string::npos);
}

TEST_CASE("e2e serve: a request is answered while 200 idle and 100 slow connections are open") {
  TempSite site(small_site());
  REQUIRE(site.build().report.ok);
  site.write("public/hello.txt", "hello\n");
  RunningServer server(site);
  std::vector<int> held;
  held.reserve(200);
  for (int i = 0; i < 200; ++i) held.push_back(connect_to(server.port()));
  for (int i = 0; i < 100; ++i) {
    int fd = connect_to(server.port());
    std::string part = "GET /hello.txt HTTP/1.1\r\nHost: test\r\n";  // the head never ends
    ::send(fd, part.data(), part.size(), MSG_NOSIGNAL);
    held.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  // The answer must come while they are all still open (they are closed only after 5 s).
  auto res = http_get(server.port(), "/hello.txt", {}, 3);
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == "hello\n");
  auto search = http_get(server.port(), "/api/search?q=nang+suat", {}, 3);
  REQUIRE(search);
  CHECK(search->status == 200);
  for (int fd : held) ::close(fd);
}

TEST_CASE("e2e serve: a head that never ends is answered 408 and closed") {
  TempSite site(small_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  // The 10 s a head may take: the answer comes after them, within the 5 s + 10 s waited.
  int fd = connect_to(server.port());
  std::string part = "GET / HTTP/1.1\r\nHost: test\r\n";
  ::send(fd, part.data(), part.size(), MSG_NOSIGNAL);
  std::string in;
  for (int i = 0; i < 150 && in.find("\r\n\r\n") == std::string::npos; ++i) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char chunk[1024];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    in.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  CHECK(in.rfind("HTTP/1.1 408 Request Timeout\r\n", 0) == 0);
  CHECK(in.find("the request did not arrive in 10 seconds") != std::string::npos);
}

TEST_CASE("e2e serve: an over-long address is 414 with a sentence") {
  TempSite site(small_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  for (const std::string& path :
       {"/" + std::string(9000, 'a'), "/search?q=" + std::string(std::size_t{10} * 1024, 'a')}) {
    auto res = server.get(path);
    REQUIRE(res);
    CHECK(res->status == 414);
    CHECK(res->body ==
          "the address is too long: at most 8192 bytes (a search query: at most 1000 bytes)\n");
  }
  // Longer than any head is kept: still 414, and the connection closed.
  auto answers = exchange(server.port(), get("/" + std::string(std::size_t{70} * 1024, 'a')), 1);
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].status == 414);
  CHECK(answers[0].body == "the address is too long: at most 8192 bytes\n");
}

TEST_CASE("e2e serve: methods other than GET and HEAD are 405 with Allow") {
  TempSite site(small_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  std::vector<std::optional<HttpAnswer>> answers;
  answers.push_back(http_send(server.port(), "POST", "/", "x"));
  answers.push_back(http_send(server.port(), "PUT", "/search", "x"));
  answers.push_back(http_send(server.port(), "DELETE", "/index.html"));
  answers.push_back(http_send(server.port(), "OPTIONS", "/"));
  for (const auto& res : answers) {
    REQUIRE(res);
    CHECK(res->status == 405);
    CHECK(res->get_header_value("Allow") == "GET, HEAD");
  }
  auto trace = exchange(server.port(), "TRACE / HTTP/1.1\r\nHost: test\r\n\r\n", 1);
  REQUIRE(trace.size() == 1);
  CHECK(trace[0].status == 405);
  CHECK(trace[0].body == "the method TRACE is not allowed here: use GET, HEAD\n");
  auto head = exchange(server.port(), "HEAD / HTTP/1.1\r\nHost: test\r\n\r\n", 1);
  REQUIRE(head.size() == 1);
  CHECK(head[0].status == 200);
}

TEST_CASE("e2e serve: files carry ETag and Last-Modified, and an unchanged copy is 304") {
  TempSite site(small_site());
  REQUIRE(site.build().report.ok);
  site.write("public/hello.txt", "hello\n");
  RunningServer server(site);
  auto first = server.get("/hello.txt");
  REQUIRE(first);
  std::string etag = first->get_header_value("ETag");
  std::string modified = first->get_header_value("Last-Modified");
  REQUIRE(etag.size() > 2);
  CHECK(etag.front() == '"');
  CHECK(modified.size() == 29);
  CHECK(modified.substr(modified.size() - 4) == " GMT");

  auto by_tag = exchange(server.port(), get("/hello.txt", "If-None-Match: " + etag + "\r\n"), 1);
  REQUIRE(by_tag.size() == 1);
  CHECK(by_tag[0].status == 304);
  CHECK(by_tag[0].has("etag: "));
  CHECK(!by_tag[0].has("content-length: 0"));
  auto listed =
      exchange(server.port(), get("/hello.txt", "If-None-Match: \"x\", W/" + etag + "\r\n"), 1);
  CHECK(listed.at(0).status == 304);
  auto by_date =
      exchange(server.port(), get("/hello.txt", "If-Modified-Since: " + modified + "\r\n"), 1);
  CHECK(by_date.at(0).status == 304);
  // Then a 304 and a 200 on one connection: the 304 has no body to confuse the next answer.
  auto both = exchange(server.port(),
                       get("/hello.txt", "If-None-Match: " + etag + "\r\n") + get("/hello.txt"), 2);
  REQUIRE(both.size() == 2);
  CHECK(both[1].status == 200);
  CHECK(both[1].body == "hello\n");

  auto other = exchange(server.port(), get("/hello.txt", "If-None-Match: \"other\"\r\n"), 1);
  CHECK(other.at(0).status == 200);
  auto older = exchange(
      server.port(), get("/hello.txt", "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n"), 1);
  CHECK(older.at(0).status == 200);
  CHECK(older.at(0).body == "hello\n");
  site.write("public/hello.txt", "changed, longer\n");  // a build replaced it
  auto changed = exchange(server.port(), get("/hello.txt", "If-None-Match: " + etag + "\r\n"), 1);
  CHECK(changed.at(0).status == 200);
  CHECK(changed.at(0).body == "changed, longer\n");
}

TEST_CASE("e2e serve: search parameters out of range are 400 with a sentence") {
  TempSite site(small_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  struct Case {
    std::string query;
    std::string sentence;
  };
  for (const Case& c : std::vector<Case>{
           {"limit=100000", "`limit` must be a number of results from 1 to 100"},
           {"limit=-5", "`limit` must be a number of results from 1 to 100"},
           {"per_page=0", "`per_page` must be a number of results from 1 to 100"},
           {"page=-5", "`page` must be a page number from 1 to 10000"},
           {"page=abc", "`page` must be a page number from 1 to 10000"},
           {"page=100000", "`page` must be a page number from 1 to 10000"},
       }) {
    auto res = server.get("/api/search?" + c.query);
    REQUIRE_MESSAGE(res, c.query);
    CHECK_MESSAGE(res->status == 400, c.query);
    CHECK_MESSAGE(res->body == "{\"error\":\"" + c.sentence + "\"}", c.query);
  }
  CHECK(server.api("q=nang&limit=1")["hits"].size() == 1);
}
