// The site as data, assembled from documents parsed from strings.
#include <doctest/doctest.h>

#include "gazette/model.hpp"
#include "memory_documents.hpp"

using namespace gazette;

namespace {

// The model of documents given as content files, as of `now`.
class MemoryModel {
 public:
  MemoryModel(const std::map<std::string, std::string>& files, const char* now)
      : config_(config::default_config("/site")),
        model_(model::assemble(parse_documents(files, config_), config_, *parse_rfc3339(now))) {}
  const model::SiteModel& model() const { return model_; }

 private:
  config::SiteConfig config_;
  model::SiteModel model_;
};

std::string doc(const std::string& title, const std::string& extra,
                const char* issued = "2023-04-12") {
  return "+++\ntitle = \"" + title + "\"\nissued = " + issued + "\n" + extra + "+++\nx\n";
}

}  // namespace

TEST_CASE("model: programmes gather their documents into rounds, newest round first") {
  MemoryModel site(
      {{"content/programs/1322.md", doc("Chương trình 1322", "program = \"1322\"\n", "2020-08-31")},
       {"content/notices/a.md", doc("A", "program = \"1322\"\nround = 2024\n")},
       {"content/notices/b.md", doc("B", "program = \"1322\"\nround = 2026\n")},
       {"content/notices/c.md", doc("C", "program = \"1322\"\nround = 2026\n")}},
      "2023-04-20T09:00:00+07:00");
  const model::SiteModel& m = site.model();
  REQUIRE(m.programs.size() == 1);
  REQUIRE(m.programs[0].rounds.size() == 2);
  CHECK(m.programs[0].rounds[0].year == 2026);
  CHECK(m.programs[0].rounds[0].docs.size() == 2);
  CHECK(m.programs[0].rounds[0].url == "/program/1322/2026/");
  CHECK(m.find_round("1322", 2024) != nullptr);
  CHECK(m.find_round("1322", 2025) == nullptr);
  CHECK(m.listed.size() == 3);  // the programme's own page is not listed
}

TEST_CASE("model: issuers in Vietnamese order, open calls soonest first, the next change") {
  MemoryModel site({{"content/notices/a.md", doc("A",
                                                 "issuer = \"Sở Điện Biên\"\n"
                                                 "deadline = 2023-05-30T17:00:00+07:00\n")},
                    {"content/notices/b.md", doc("B",
                                                 "issuer = \"Sở Đà Nẵng\"\n"
                                                 "deadline = 2023-04-25T17:00:00+07:00\n")},
                    {"content/notices/c.md", doc("C",
                                                 "issuer = \"Sở Cà Mau\"\n"
                                                 "deadline = 2023-04-10T17:00:00+07:00\n",
                                                 "2023-04-01")}},
                   "2023-04-20T09:00:00+07:00");
  const model::SiteModel& m = site.model();
  REQUIRE(m.issuers.size() == 3);
  CHECK(m.issuers[0].name == "Sở Cà Mau");
  CHECK(m.issuers[1].name == "Sở Đà Nẵng");
  CHECK(m.issuers[2].name == "Sở Điện Biên");
  REQUIRE(m.open_calls.size() == 2);
  CHECK(m.open_calls[0]->title == "B");
  CHECK(m.open_calls[1]->title == "A");
  // B is closing soon already (within 7 days): next, B closes.
  CHECK(model::next_state_change(m, *parse_rfc3339("2023-04-20T09:00:00+07:00"), 7) ==
        parse_rfc3339("2023-04-25T17:00:00+07:00"));
}

TEST_CASE("model: a replaced document is superseded and named by its replacement") {
  MemoryModel site({{"content/notices/old.md", doc("Cũ",
                                                   "number = \"1/TB\"\n"
                                                   "deadline = 2023-05-30T17:00:00+07:00\n")},
                    {"content/notices/new.md", doc("Mới",
                                                   "number = \"2/TB\"\nreplaces = [\"1/TB\"]\n"
                                                   "references = [\"1/TB\"]\n")}},
                   "2023-04-20T09:00:00+07:00");
  const model::SiteModel& m = site.model();
  const content::Document* old_doc = m.find_number("1/TB");
  const content::Document* new_doc = m.find_number("2/TB");
  REQUIRE(old_doc);
  REQUIRE(new_doc);
  CHECK(model::superseded(m, *old_doc));
  CHECK_FALSE(model::superseded(m, *new_doc));
  CHECK(m.replaced_by.at(old_doc) == new_doc);
  REQUIRE(m.cited_by.count(old_doc) == 1);
  CHECK(m.cited_by.at(old_doc).front() == new_doc);
  CHECK(m.open_calls.empty());  // the replaced call leaves the open calls
}
