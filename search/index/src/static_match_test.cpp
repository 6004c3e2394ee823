// The static matcher against Xapian: for the plans of many queries over a live index with an
// archive beside it, the same records with bitwise the same weights.
#include "static_match.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "file_source.hpp"
#include "published.hpp"
#include "query.hpp"
#include "rank.hpp"
#include "reading.hpp"
#include "static_format.hpp"
#include "test_index.hpp"
#include "weight.hpp"
#include "xapian_plan.hpp"
#include "xapian_source.hpp"
#include "xapian_words.hpp"

using namespace gazette;
using namespace gazette::search::detail;
using gazette::search::Query;
using gazette::search::Record;
using gazette::search::Results;
using gazette::search::testing::at;
using gazette::search::testing::record;

namespace {

// Records that tell the plan's parts apart: words written with and without marks and with
// other marks, phrases, numbers, days, kinds, calls open, closed, opening later, withdrawn.
std::vector<Record> varied_records() {
  const std::vector<std::string> titles = {
      "Thông báo tuyển chọn nhiệm vụ khoa học và công nghệ",
      "Kế hoạch nâng cao năng suất chất lượng sản phẩm",
      "Hướng dẫn hồ sơ đề xuất nhiệm vụ KH&CN",
      "Danh mục nhiệm vụ năm 2025",
      "Quyết định phê duyệt chương trình",
      "Thông báo gia hạn nộp hồ sơ",
  };
  const std::vector<std::string> bodies = {
      "Năng suất lao động và chất lượng sản phẩm hàng hóa được nâng cao.",
      "Các tổ chức khoa học và công nghệ gửi hồ sơ trước ngày 3/5/2024.",
      "Nang suat chat luong: hồ sơ gửi về Sở Khoa học và Công nghệ.",
      "Chương trình phát triển thị trường khoa học công nghệ đến năm 2030.",
      "Mời các doanh nghiệp tham gia nâng cao năng suất, năng lực cạnh tranh.",
      "Thực hiện Quyết định số 1322/QĐ-TTg của Thủ tướng Chính phủ.",
      "Chất lượng chất lượng chất lượng: một văn bản nhắc lại nhiều lần.",
  };
  const std::vector<std::string> kinds = {"notice", "guidance", "proposal-list", "program"};
  const std::vector<std::string> provinces = {"Hà Giang", "Điện Biên", "Cà Mau", ""};
  std::vector<Record> out;
  for (int i = 0; i < 48; ++i) {
    auto u = static_cast<std::size_t>(i);
    Record r = record("/r/" + std::to_string(i) + "/", titles[u % titles.size()],
                      bodies[u % bodies.size()] + " " + bodies[(u * 3 + 1) % bodies.size()],
                      kinds[u % kinds.size()]);
    r.listing.province = provinces[(u / 2) % provinces.size()];
    r.listing.program = i % 5 == 0 ? "1322" : "";
    r.listing.issued = {2024, 1 + i % 12, 1 + (i * 7) % 28};
    if (i % 6 == 0) r.listing.number = std::to_string(100 + i) + "/QĐ-SKHCN";
    if (i % 3 != 2) {
      r.listing.deadline =
          at(i % 2 == 0 ? "2024-05-03T17:00:00+07:00" : "2023-03-01T17:00:00+07:00");
    }
    if (i % 9 == 0) r.listing.opens = at("2024-06-01T08:00:00+07:00");
    r.listing.withdrawn = i % 11 == 0;
    out.push_back(std::move(r));
  }
  return out;
}

// The varied records, the last eight in an archived round beside the live index.
struct ArchivedIndex {
  std::vector<Record> live = varied_records();
  std::vector<Record> archived{live.begin() + 40, live.end()};
  std::vector<search::Archive> archives = [this] {
    live.resize(40);
    std::vector<search::Archive> out{{"2023", {}}};
    for (const auto& r : archived) out[0].records.push_back(&r);
    return out;
  }();
  search::testing::Index index{live, archives};
};

// Query texts that tell answers apart: marks typed and not, phrases, numbers, dates,
// exclusions, misspellings, markup.
std::vector<std::string> answer_texts() {
  return {"năng suất",   "nang suat",    "nâng cao năng suất", "\"chất lượng sản phẩm\"",
          "khoa hoc",    "KH&CN",        "1322/QĐ-TTg",        "title:thông báo",
          "3/5/2024",    "năng -suất",   "xyzzy năng",         "",
          "nang suaats", "chất lượg",    "khoa học xyzzy",     "<script>alert(1)</script>",
          "hồ sơ",       "thong bao gia"};
}

// Each text asked six ways, with facets: by relevance, newest, deadline, page 2, filtered,
// as typed; each with a label naming it.
std::vector<std::pair<Query, std::string>> answer_queries(const std::vector<std::string>& texts) {
  std::vector<std::pair<Query, std::string>> out;
  for (const auto& text : texts) {
    for (int variant = 0; variant < 6; ++variant) {
      Query q;
      q.text = text;
      q.now = at("2024-04-20T09:00:00+07:00");
      q.utc_offset_minutes = 420;
      q.facets = true;
      if (variant == 1) q.sort = Query::Sort::newest;
      if (variant == 2) q.sort = Query::Sort::deadline;
      if (variant == 3) q.page = 2, q.page_size = 5;
      if (variant == 4) q.open = true, q.kinds = {"notice"};
      if (variant == 5) q.as_typed = true;
      out.emplace_back(std::move(q), text + " variant " + std::to_string(variant));
    }
  }
  return out;
}

// What the server's matcher gives, by record: the open calls read from the lists it keeps
// (`calls`), or, null, from the stored deadlines (its way with remote shards).
std::vector<Scored> by_xapian(const Xapian::Database& db, const Plan& plan, const OpenCalls* calls,
                              Instant now) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(FixedBM25Weight());
  enquire.set_query(xapian_query(plan, calls, now));
  Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
  std::vector<Scored> out;
  for (auto it = all.begin(); it != all.end(); ++it) out.push_back({*it, it.get_weight()});
  std::sort(out.begin(), out.end(), [](const Scored& a, const Scored& b) { return a.id < b.id; });
  return out;
}

}  // namespace

// Plans the query code does not make today, each operator on weighted children.
std::vector<Plan> operator_plans() {
  auto t = [](const char* term) { return Plan::of_term(term); };
  using Op = Plan::Op;
  return {
      Plan::join(Op::filter, {t("Fchat"), t("Fnang")}),
      Plan::join(Op::except, {t("Fchat"), t("Fnang"), t("Fsuat")}),
      Plan::join(Op::maybe, {t("Fho"), t("Fnang"), Plan::scaled(t("Fchat"), 2.0)}),
      Plan::join(Op::phrase, {t("Fchat"), t("Fluong"), t("Fchat")}),
      Plan::join(Op::phrase, {t("Fkhoa"), t("Fhoc"), t("Fva"), t("Fcong"), t("Fnghe")}),
      Plan::scaled(Plan::join(Op::any, {Plan::scaled(t("Fnang"), 2.0), t("Fsuat")}), 5.0),
      Plan::join(Op::any, {Plan::weighing(Plan::of_flag("Knotice"), 3.5), t("Fchat")}),
      Plan::join(Op::maybe, {Plan::weighing(t("Fchat"), 1.25), t("Fluong")}),
      Plan::join(Op::all, {Plan{Op::every, {}, 0, 0, {}, {}, {}}, t("Fquyet")}),
      Plan::join(Op::any, {Plan{}, t("Fdanh")}),
  };
}

TEST_CASE("static matcher: the records and weights Xapian gives, for every part of a plan") {
  ArchivedIndex archived;
  auto& index = archived.index;
  std::vector<Xapian::Database> parts = index_parts(index.dir.path() / "index");
  REQUIRE(parts.size() == 2);  // the archive is searched beside the live index
  Xapian::Database db;
  for (const auto& part : parts) db.add_database(part);
  XapianSource source(db);
  std::vector<KnownWord> known = known_words(db);
  XapianWords words(db, nullptr, parts, known);
  TermCache cache;
  const Instant now = at("2024-04-20T09:00:00+07:00");
  OpenCalls calls;
  calls.update(parts, now, std::nullopt);

  const std::vector<std::string> texts = {"năng suất",
                                          "nang suat",
                                          "nâng cao",
                                          "\"năng suất chất lượng\"",
                                          "\"chat luong san pham\"",
                                          "\"khoa học và công nghệ\"",
                                          "khoa học công nghệ",
                                          "KH&CN",
                                          "1322/QĐ-TTg",
                                          "so:1322/QĐ-TTg",
                                          "title:thông báo",
                                          "3/5/2024",
                                          "ngày 3 tháng 5",
                                          "năng -suất",
                                          "chất lượng -\"năng suất\"",
                                          "xyzzy năng",
                                          "hồ sơ",
                                          "",
                                          "chất",
                                          "Quyết định 1322"};
  std::size_t compared = 0, nonempty = 0;
  for (const auto& text : texts) {
    for (int filters = 0; filters < 7; ++filters) {
      Query q;
      q.text = text;
      q.now = now;
      q.utc_offset_minutes = 420;
      if (filters == 1) q.kinds = {"notice", "guidance"};
      if (filters == 2) q.open = true;
      if (filters == 3) q.open = false;
      if (filters == 4) q.issued_from = Date{2024, 3, 15};  // a record's own day: it is in
      if (filters == 5) q.provinces = {"Điện Biên"}, q.sort = Query::Sort::deadline;
      if (filters == 6) q.issued_to = Date{2024, 5, 1}, q.deadline_to = Date{2024, 5, 3};
      ParsedText parsed = parse_text(q.text, cache);
      for (bool relaxed : {false, true}) {
        TextQuery plan = search_plan(q, parsed, relaxed, QueryContext{words, cache});
        auto got = match_plan(plan.plan, source, now);
        for (const OpenCalls* open : std::vector<const OpenCalls*>{&calls, nullptr}) {
          auto expected = by_xapian(db, plan.plan, open, now);
          REQUIRE_MESSAGE(got.size() == expected.size(), text << " filters " << filters);
          for (std::size_t i = 0; i < got.size(); ++i) {
            CHECK_MESSAGE(got[i].id == expected[i].id, text);
            CHECK_MESSAGE(got[i].weight == expected[i].weight, text << " record " << got[i].id);
          }
        }
        ++compared;
        nonempty += !got.empty();
      }
    }
  }
  CHECK(compared == texts.size() * 14);
  for (const Plan& plan : operator_plans()) {
    auto got = match_plan(plan, source, now);
    auto expected = by_xapian(db, plan, &calls, now);
    REQUIRE(got.size() == expected.size());
    CHECK(!got.empty());
    for (std::size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].id == expected[i].id);
      CHECK(got[i].weight == expected[i].weight);
    }
  }
  CHECK(nonempty > compared / 2);  // most of them find something to compare
}

TEST_CASE("static search: the answers of gazette serve, hits, counts, facets and suggestions") {
  ArchivedIndex archived;
  auto& index = archived.index;
  XapianStaticSource source(index_parts(index.dir.path() / "index"));
  TermCache cache;
  std::size_t compared = 0;
  for (const auto& asked : answer_queries(answer_texts())) {
    const Query& q = asked.first;
    const std::string& label = asked.second;  // a name, not a binding: doctest's lambdas take it
    std::string server = search::answer_json(q, index.search(q), 7);
    std::string browser = search::answer_json(q, static_search(q, source, cache), 7);
    CHECK_MESSAGE(browser == server, label);
    ++compared;
  }
  CHECK(compared == answer_texts().size() * 6);
}

TEST_CASE("static search: words side by side as typed lift a match as on the server") {
  // /x/ is long and writes "năng suất" as typed; /y/ is short and writes "nâng suất", the
  // same letters side by side, but "năng" and "suất" apart: BM25 prefers /y/, the pair as
  // typed puts /x/ first.
  std::string filler;
  for (int i = 0; i < 24; ++i) filler += " lực";
  std::vector<Record> records = {record("/x/", "Báo cáo", "Năng suất" + filler),
                                 record("/y/", "Báo cáo", "Nâng suất năng lực suất"),
                                 record("/z/", "Khác", "Không liên quan")};
  search::testing::Index index(records);
  XapianStaticSource source(index_parts(index.dir.path() / "index"));
  TermCache cache;
  Query q;
  q.text = "năng suất";
  q.now = at("2024-04-20T09:00:00+07:00");
  q.facets = true;
  Results server = index.search(q);
  REQUIRE(server.hits.size() == 2);
  CHECK(server.hits[0].listing.url == "/x/");
  CHECK(search::answer_json(q, static_search(q, source, cache), 7) ==
        search::answer_json(q, server, 7));
}

namespace {

// The static index of a test index, written as the build writes it, and searched as the
// browser searches it: fetching what each run wants from the folder.
struct StaticFiles {
  explicit StaticFiles(const search::testing::Index& index, std::size_t most_files = 64)
      : dir(index.dir.path() / "static") {
    auto written = search::write_static_index(index.dir.path() / "index" / "live",
                                              index.dir.path() / "index", dir, most_files);
    REQUIRE_MESSAGE(written.ok(), (written.ok() ? "" : written.error().message));
    names = *written;
    auto m = read_manifest(gazette::testing::published_text(dir / kStaticManifest));
    REQUIRE(m.has_value());
    manifest = *m;
  }
  FilesAnswer search(const Query& q, TermCache& cache) {
    FileStore store;
    return search_files(
        q, manifest, store,
        [this](const std::string& name) {
          return std::optional<std::string>(gazette::testing::published_text(dir / name));
        },
        cache);
  }
  std::filesystem::path dir;
  std::vector<std::string> names;
  StaticManifest manifest;
};

}  // namespace

TEST_CASE("static files: the answers of gazette serve, in at most three rounds of fetches") {
  ArchivedIndex archived;
  auto& index = archived.index;
  StaticFiles files(index);
  TermCache cache;
  std::vector<std::string> texts = answer_texts();
  texts.insert(texts.end(), {"ngày 3 tháng 5", "\"năng suất chất lượng\""});
  std::size_t compared = 0;
  int most_rounds = 0;
  for (const auto& asked : answer_queries(texts)) {
    const Query& q = asked.first;
    const std::string& label = asked.second;
    std::string server = search::answer_json(q, index.search(q), 7);
    FilesAnswer got = files.search(q, cache);
    REQUIRE_MESSAGE(got.error.empty(), got.error);
    CHECK_MESSAGE(search::answer_json(q, got.results, 7) == server, label);
    most_rounds = std::max(most_rounds, got.rounds);
    ++compared;
  }
  CHECK(compared == texts.size() * 6);
  CHECK(most_rounds <= 3);
  CHECK(most_rounds >= 2);  // the words' files, then the hits' records
}

TEST_CASE("static files: words side by side as typed, one file per family or many") {
  std::string filler;
  for (int i = 0; i < 24; ++i) filler += " lực";
  std::vector<Record> records = {record("/x/", "Báo cáo", "Năng suất" + filler),
                                 record("/y/", "Báo cáo", "Nâng suất năng lực suất"),
                                 record("/z/", "Khác", "Không liên quan")};
  search::testing::Index index(records);
  StaticFiles files(index);
  CHECK(files.manifest.docs.size() == 3);  // a file per record where the budget allows
  CHECK(files.manifest.chunk == 1);
  TermCache cache;
  Query q;
  q.text = "năng suất";
  q.now = at("2024-04-20T09:00:00+07:00");
  q.facets = true;
  Results server = index.search(q);
  REQUIRE(server.hits.size() == 2);
  CHECK(server.hits[0].listing.url == "/x/");
  FilesAnswer got = files.search(q, cache);
  REQUIRE(got.error.empty());
  CHECK(search::answer_json(q, got.results, 7) == search::answer_json(q, server, 7));
}

TEST_CASE("static files: the manifest keeps Xapian's figures exactly, names every file") {
  ArchivedIndex archived;
  StaticFiles files(archived.index);
  auto db = index_parts(archived.index.dir.path() / "index");
  Xapian::Database joined;
  for (const auto& p : db) joined.add_database(p);
  CHECK(files.manifest.doccount == static_cast<double>(joined.get_doccount()));
  CHECK(files.manifest.average_length == joined.get_avlength());
  CHECK(files.manifest.average_length != std::floor(files.manifest.average_length));
  CHECK(files.names.back() == kStaticManifest);
  for (const auto& name : files.names) {
    CHECK(std::filesystem::exists(files.dir / name));
    if (name == kStaticManifest) continue;
    // Named by content: a file's name changes when its bytes do.
    std::string hash = name.substr(name.find('.') + 1, 12);
    CHECK(sha256_hex(read_file(files.dir / name).value()).substr(0, 12) == hash);
  }
  CHECK(files.manifest.program_titles.size() > 0);
  CHECK(!read_manifest("{}").has_value());
  CHECK(!read_manifest("not json").has_value());
}

TEST_CASE("static files: a damaged or missing file is a message naming it, never a crash") {
  ArchivedIndex archived;
  StaticFiles files(archived.index);
  TermCache cache;
  Query q;
  q.text = "năng suất";
  q.now = at("2024-04-20T09:00:00+07:00");
  q.facets = true;
  std::string good = search::answer_json(q, files.search(q, cache).results, 7);
  std::size_t damaged = 0;
  for (std::string damage : {"cut", "garbage", "missing"}) {
    for (const auto& name : files.names) {
      if (name == kStaticManifest) continue;
      FileStore store;
      bool asked = false;
      FilesAnswer got = search_files(
          q, files.manifest, store,
          [&](const std::string& wanted) -> std::optional<std::string> {
            asked = asked || wanted == name;
            std::string bytes = gazette::testing::published_text(files.dir / wanted);
            if (wanted != name) return bytes;
            if (damage == "missing") return std::nullopt;
            if (damage == "cut") return bytes.substr(0, bytes.size() / 2);
            return std::string(bytes.size(), '\xff');
          },
          cache);
      if (!asked) continue;  // this search does not read it
      ++damaged;
      if (!got.error.empty()) {
        CHECK_MESSAGE(got.error.find(name) != std::string::npos, got.error);
      } else {
        // Fetched for a reading the search then left, or cut after what it reads: the answer
        // stands, and is right.
        CHECK_MESSAGE(search::answer_json(q, got.results, 7) == good, name);
      }
    }
  }
  CHECK(damaged > 3 * 10);  // the search reads files of every family
}
