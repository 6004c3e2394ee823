// End-to-end: untrusted text escaped everywhere. One site whose every user-written field (front
// matter, body, file name, task cells, site.toml, commit notes) holds markup, quotes, `&`,
// `]]>` and line breaks; the site is built and every file it writes is searched for the raw
// text, each format by its own rules, then the search answers are.
#include <doctest/doctest.h>

#include "published.hpp"

#include <nlohmann/json.hpp>

#include "running_server.hpp"
#include "temp_site.hpp"
#include "test_repo.hpp"

using gazette::history::test::TestRepo;

namespace {

// The payload of one field: a tag of its own name, so each field can be found escaped.
std::string payload(const std::string& field) {
  return "<zz-" + field + "> & \"zzq\" 'zzs' ]]> <script>zz()</script>";
}
// With a line break and what would be a header or calendar property after it.
std::string payload_crlf(const std::string& field) {
  return payload(field) + "\r\nX-ZZ-" + field + ": 1";
}

// What must never be seen raw in HTML or XML, whichever field it came from. (A raw ' is
// harmless in text and the theme quotes attributes with ": Markdown text may keep it.)
const std::vector<std::string> kRawInMarkup = {
    "<zz-", "</zz-", "\"zzq\"", "]]>", "<script>zz", "href=\"javascript:", "<img src=x"};

// A TOML basic string holding `text` exactly.
std::string toml(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string kv(const std::string& key, const std::string& field) {
  return key + " = " + toml(payload(field)) + "\n";
}

const char* const kAttachment = "files/mẫu & 'a' \"b\".txt";

std::string payload_notice(const std::string& deadline) {
  return "+++\n"
         "title = " +
         toml(payload_crlf("title")) + "\nkind = \"notice\"\n" + kv("number", "number") +
         "issuer = " + toml(payload_crlf("issuer")) + "\n" + kv("province", "province") +
         "issued = 2023-04-12\ndeadline = " + deadline + "\n" +
         "opens = 2023-04-13T08:00:00+07:00\n" + kv("program", "program") + "round = 2024\n" +
         "signer = { name = " + toml(payload("signer-name")) +
         ", title = " + toml(payload("signer-title")) + " }\n" + "recipients = [" +
         toml(payload("recipient")) + "]\n" + "references = [" + toml(payload("reference")) +
         "]\n" + "attachments = [{ title = " + toml(payload("attachment")) +
         ", file = " + toml(kAttachment) + " }]\n" +
         "contact = { office = " + toml(payload("office")) + ", phone = " + toml(payload("phone")) +
         ", email = " + toml(payload("email")) + ", address = " + toml(payload("address")) +
         " }\n" + "tags = [" + toml(payload_crlf("tag")) + "]\n" + kv("summary", "summary") +
         "extensions = [{ previous = 2023-04-22T17:00:00+07:00, announced = 2023-04-18, note = " +
         toml(payload("extension-note")) + " }]\n" +
         "+++\n"
         "## " +
         payload("heading") +
         "\n\n"
         "Văn bản <zz-body> & \"zzq\" 'zzs' ]]> <script>zz()</script> "
         "<img src=x onerror=alert(1)>\n\n"
         "[liên kết](javascript:alert(1)) và <javascript:alert(1)>\n\n"
         "| cột |\n| --- |\n| <zz-cell> |\n";
}

std::map<std::string, std::string> payload_files() {
  std::string list = "title = " + toml(payload("list-title")) + "\nkind = \"proposal-list\"\n" +
                     kv("issuer", "list-issuer") + kv("submitter", "submitter") +
                     kv("province", "province") + "issued = 2023-04-12\n" +
                     kv("program", "program") + "round = 2024\n" + kv("unit", "unit") +
                     "[[tasks]]\nstt = 1\n"
                     "name = " +
                     toml(payload_crlf("task-name")) + "\n" + kv("lead", "task-lead") +
                     "partners = [" + toml(payload("task-partner")) + "]\n" +
                     kv("objectives", "task-objectives") + kv("content", "task-content") +
                     kv("results", "task-results") + kv("duration", "task-duration") +
                     "total = 10\nstate = 6\ncounterpart = 4\n" + kv("notes", "task-notes");
  return {
      {"site.toml", "title = " + toml(payload("site-title")) + "\n" +
                        kv("description", "site-description") + kv("publisher", "publisher") +
                        "[search]\nindex = \".gazette/search\"\n"},
      {"content/programs/program.md",
       "+++\ntitle = " + toml(payload("program-title")) +
           "\nissued = 2020-08-31\nprogram = " + toml(payload("program")) + "\n+++\nx\n"},
      {"content/notices/zz <zz-file> & \"zzq\".md", payload_notice("2023-04-22T17:00:00+07:00")},
      {"content/notices/withdrawn.md",
       notice("Thu hồi",
              "deadline = 2023-05-01T17:00:00+07:00\nwithdrawn = " + toml(payload("withdrawn")) +
                  "\namends = [" + toml(payload("number")) + "]\n")},
      {"content/notices/results.md",
       notice("Kết quả", "deadline = 2023-04-15T17:00:00+07:00\nresults_date = 2023-04-18\n" +
                             std::string("results = ") + toml(payload("call-results")) + "\n")},
      // Line breaks and nothing else a CSV cell must be quoted for.
      {"content/notices/lines.md", notice("Dòng một\\nDòng hai", "issuer = \"Sở A\\r\\nSở B\"\n")},
      {"content/proposals/list.toml", list},
      {"files/mẫu & 'a' \"b\".txt", "x"},
  };
}

// RFC 4180 cells of a CSV file (quoted cells may hold separators and line breaks).
std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      REQUIRE_MESSAGE(cell.empty(), "a quote inside an unquoted cell: ", cell);
      quoted = true;
    } else if (c == ',' || c == ';') {
      rows.back().push_back(cell);
      cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
      ++i;
    } else {
      REQUIRE_MESSAGE(c != '\n', "a bare line break outside quotes");
      cell += c;
    }
  }
  REQUIRE_FALSE(quoted);
  if (!cell.empty() || !rows.back().empty()) rows.back().push_back(cell);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// Every string value in a JSON document.
void strings_of(const nlohmann::json& j, std::vector<std::string>& out) {
  if (j.is_string()) out.push_back(j.get<std::string>());
  if (j.is_structured()) {
    for (const auto& item : j) strings_of(item, out);
  }
}

void check_markup(const std::string& name, const std::string& text) {
  for (const std::string& raw : kRawInMarkup) {
    std::size_t at = text.find(raw);
    // The message shows where: the text around the first raw occurrence.
    CHECK_MESSAGE(at == std::string::npos, name, ": ", raw, " in …",
                  text.substr(at < 80 ? 0 : at - 80, 160), "…");
  }
}

// The checks of one output file by its format; returns whether the format was known.
bool check_file(const std::string& name, const std::string& text) {
  std::string ext = std::filesystem::path(name).extension().string();
  if (name.rfind("search/", 0) == 0) {
    // The static search's data (read by its engine, which escapes what it shows): whole.
    if (ext == ".json") {
      CHECK_MESSAGE(nlohmann::json::parse(text, nullptr, false).is_object(), name);
    } else {
      CHECK_MESSAGE((ext == ".bin" && !text.empty()), name);
    }
  } else if (ext == ".html" || ext == ".xml" || ext == ".atom" || ext == ".xsl" || ext == ".svg") {
    check_markup(name, text);
  } else if (ext == ".ics") {
    CHECK_MESSAGE(!contains(text, "\r\nX-ZZ-"), name);  // no property injected by a line break
    CHECK_MESSAGE(!contains(text, "\nX-ZZ-"), name);
  } else if (ext == ".json") {
    nlohmann::json j;
    CHECK_NOTHROW_MESSAGE(j = nlohmann::json::parse(text), name);
    std::vector<std::string> values;
    strings_of(j, values);
    bool whole = false;  // some field came through exactly as written
    for (const auto& v : values)
      whole |= contains(v, payload("title")) || contains(v, payload("task-name"));
    CHECK_MESSAGE(whole, name);
  } else if (ext == ".csv") {
    auto rows = csv_rows(text);
    REQUIRE_MESSAGE(!rows.empty(), name);
    for (const auto& row : rows) CHECK_MESSAGE(row.size() == rows[0].size(), name);
  } else if (ext == ".txt" || ext == ".css" || ext == ".js" || ext == ".ico" ||
             name == ".made-by-gazette") {
    CHECK_MESSAGE(!contains(text, "<zz-"), name);
  } else {
    return false;
  }
  return true;
}

}  // namespace

TEST_CASE("escaping: no user-written text comes out raw in any file of the built site") {
  TestRepo repo;
  for (const auto& [path, text] : payload_files()) repo.write(path, text);
  repo.write(".gitignore", "/public/\n/.gazette/\n");
  repo.commit("Đăng");
  // An amendment: its note and the changed fields are shown on a page of their own.
  repo.write("content/notices/zz <zz-file> & \"zzq\".md",
             payload_notice("2023-04-25T17:00:00+07:00"));
  repo.commit("Gia hạn\n\nChange-Note: " + payload("change-note") + "\n");
  TempSite::Built built = build_site(repo.root());
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::filesystem::path out = repo.root() / "public";
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file()) continue;
    files[entry.path().lexically_relative(out).generic_string()] =
        gazette::testing::published_text(entry.path());
  }
  REQUIRE(files.size() > 30);
  std::size_t checked = 0;
  for (const auto& [name, text] : files) checked += check_file(name, text);
  CHECK(checked == files.size());  // every file is of a format checked above

  // Each field reached the pages that show it, escaped: otherwise the checks above saw
  // nothing of it.
  auto escaped = [](const std::string& field) { return "&lt;zz-" + field + "&gt;"; };
  std::string doc = files["notice/2023/zz-zz-file-zzq/index.html"];
  REQUIRE_FALSE(doc.empty());
  for (const char* field : {"title",         "number",
                            "issuer",        "province",
                            "signer-name",   "signer-title",
                            "recipient",     "reference",
                            "attachment",    "office",
                            "phone",         "email",
                            "address",       "tag",
                            "heading",       "body",
                            "cell",          "extension-note",
                            "program-title", "change-note",
                            "site-title",    "site-description"}) {
    CHECK_MESSAGE(contains(doc, escaped(field)), field);
  }
  CHECK((contains(doc, "href=\"/files/m%E1%BA%ABu%20%26%20%27a%27%20%22b%22.txt\"") ||
         contains(doc, "href=\"/files/mẫu &amp; &#39;a&#39; &quot;b&quot;.txt\"")));
  CHECK(contains(doc, "content/notices/zz &lt;zz-file&gt; &amp; &quot;zzq&quot;.md"));
  CHECK(contains(files["notice/2023/withdrawn/index.html"], escaped("withdrawn")));
  std::string list = files["proposal-list/2023/list/index.html"];
  for (const char* field :
       {"list-title", "list-issuer", "submitter", "task-name", "task-lead", "task-partner",
        "task-objectives", "task-content", "task-results", "task-duration", "task-notes"}) {
    CHECK_MESSAGE(contains(list, escaped(field)), field);
  }
  // Lists, the home page, feeds and calendars name the document by its title.
  for (const char* page : {"index.html", "notice/index.html", "archive/2023/index.html",
                           "province/zz-province-zzq-zzs-script-zz-script/index.html", "feed.xml",
                           "notice/feed.xml", "closing-soon.xml"}) {
    CHECK_MESSAGE(contains(files[page], escaped("title")), std::string(page));
  }
  bool change_page = false;
  for (const auto& file : files) {
    const std::string &name = file.first, &text = file.second;  // clang 14: no captured bindings
    if (!contains(name, "/changes/")) continue;
    change_page = true;
    CHECK_MESSAGE(contains(text, escaped("change-note")), name);
  }
  CHECK(change_page);
  // A calendar holds the title as its TEXT: commas, semicolons and the line break escaped.
  auto unfolded = [](std::string ics) {
    for (std::size_t at = ics.find("\r\n "); at != std::string::npos; at = ics.find("\r\n ", at)) {
      ics.erase(at, 3);
    }
    return ics;
  };
  std::string ics = unfolded(files["notice/2023/zz-zz-file-zzq/zz-zz-file-zzq.ics"]);
  CHECK(contains(ics, "<zz-title> & \"zzq\" 'zzs' ]]> <script>zz()</script>\\nX-ZZ-title: 1"));
  CHECK(contains(unfolded(files["calls.ics"]), "\\nX-ZZ-title: 1"));
  // Exports give every field back exactly as written.
  auto exported = nlohmann::json::parse(files["data/documents.json"]);
  bool found = false;
  for (const auto& d : exported["documents"]) {
    if (d["title"] != payload_crlf("title")) continue;
    found = true;
    CHECK(d["number"] == payload("number"));
    CHECK(d["issuer"] == payload_crlf("issuer"));
    CHECK(d["signer"] == payload("signer-name"));
    CHECK(d["contact"]["address"] == payload("address"));
  }
  CHECK(found);
  auto rows = csv_rows(files["data/documents.csv"]);
  bool row_found = false;
  for (const auto& row : rows) {
    REQUIRE(row.size() > 4);
    if (row[2] != payload_crlf("title")) continue;
    row_found = true;
    CHECK(row[3] == payload("number"));
    CHECK(row[4] == payload_crlf("issuer"));
  }
  CHECK(row_found);
  bool lines_found = false;
  for (const auto& row : rows) {
    if (row[0] != "http://127.0.0.1:8080/notice/2023/lines/") continue;
    lines_found = true;
    CHECK(row[2] == "Dòng một\nDòng hai");
    CHECK(row[4] == "Sở A\r\nSở B");
  }
  CHECK(lines_found);

  // Search answers: the query, the filters and every field of the hits.
  RunningServer server(repo.root());
  std::string q = gazette::url_encode(payload("query"));
  std::string province = gazette::url_encode(payload("province"));
  for (const std::string& path : std::vector<std::string>{
           "/search?q=zz", "/search?q=" + q, "/search?q=zz&province=" + province,
           "/search?province=" + province + "&kind=task", "/search?q=" + q + "&page=2",
           "/search.atom?q=zz", "/search.atom?q=" + q + "&province=" + province,
           "/search?q=" + q + "&sort=wrong", "/search?q=zz&facets=1"}) {
    auto res = server.get(path);
    REQUIRE_MESSAGE(res, path);
    CHECK_MESSAGE(res->status != 500, path);
    check_markup(path, res->body);
  }
  auto page = server.get("/search?q=zz&province=" + province);
  REQUIRE(page);
  CHECK(contains(page->body, escaped("title")));
  CHECK(contains(page->body, escaped("province")));  // the chosen filter, shown
  CHECK(contains(server.get("/search?q=" + q)->body, escaped("query")));
  CHECK(contains(server.get("/search.atom?q=zz")->body, escaped("title")));
  auto api = server.api("q=zz&province=" + province + "&facets=1&per_page=100");
  REQUIRE_FALSE(api["hits"].empty());
  bool title_exact = false;
  for (const auto& hit : api["hits"]) {
    if (hit["title"] == payload_crlf("title")) title_exact = true;
    check_markup("snippet", hit["snippet"].get<std::string>());
  }
  CHECK(title_exact);
  auto refused = server.get("/api/search?q=" + q + "&sort=" + q);
  REQUIRE(refused);
  CHECK(refused->status == 400);
  CHECK(nlohmann::json::parse(refused->body)["error"] ==
        "`sort` must be relevance, newest or deadline");
}
