#include "concepts.hpp"

#include <unordered_map>

namespace gazette::search::detail {

namespace {

// Each line: a key, then the ways notices write it, folded ("&", "-", "." and "," are not
// letters: "KH&CN", "KH-CN" and "KH, CN" are all the words "kh cn"). Collected from the
// notices, decisions and guidance letters of ministries and provincial departments.
constexpr std::string_view kConcepts[][2] = {
    {"khcn", "kh cn|khcn|kh va cn|khoa hoc va cong nghe|khoa hoc cong nghe"},
    {"skhcn", "so kh cn|so khcn|skhcn|so khoa hoc va cong nghe|so khoa hoc cong nghe"},
    {"bkhcn", "bo kh cn|bo khcn|bkhcn|bo khoa hoc va cong nghe|bo khoa hoc cong nghe"},
    {"dmst", "dmst|doi moi sang tao"},
    {"ubnd", "ubnd|uy ban nhan dan"},
    {"hdnd", "hdnd|hoi dong nhan dan"},
    {"tp", "tp|thanh pho"},
    {"tphcm", "tp hcm|tphcm|tp ho chi minh|thanh pho ho chi minh"},
    {"ktxh", "kt xh|ktxh|kinh te xa hoi"},
    {"nsnn", "nsnn|ngan sach nha nuoc"},
    {"cntt", "cntt|cong nghe thong tin"},
    {"shtt", "shtt|so huu tri tue"},
    {"dnnvv", "dnnvv|doanh nghiep nho va vua"},
    {"htx", "htx|hop tac xa"},
    {"dbscl", "dbscl|dong bang song cuu long"},
    {"tdc", "tdc|tieu chuan do luong chat luong"},
    {"tcvn", "tcvn|tieu chuan viet nam"},
    {"qcvn", "qcvn|quy chuan viet nam"},
    {"qd", "qd|quyet dinh"},
    {"nd", "nd|nghi dinh"},
    {"tt", "tt|thong tu"},
    {"ttg", "ttg|thu tuong"},
    {"nq", "nq|nghi quyet"},
    {"cp", "cp|chinh phu"},
    {"tw", "tw|trung uong"},
    {"qh", "qh|quoc hoi"},
    {"vn", "vn|viet nam"},
    {"xhcn", "xhcn|xa hoi chu nghia"},
    {"nckh", "nckh|nghien cuu khoa hoc"},
    {"khkt", "kh kt|khkt|khoa hoc ky thuat"},
    {"cnc", "cnc|cong nghe cao"},
    {"kcn", "kcn|khu cong nghiep"},
    {"dhqg", "dhqg|dai hoc quoc gia"},
    {"tnhh", "tnhh|trach nhiem huu han"},
    {"gddt", "gd dt|gddt|giao duc va dao tao|giao duc dao tao"},
    {"khdt", "kh dt|khdt|ke hoach va dau tu"},
    {"tnmt", "tn mt|tnmt|tai nguyen va moi truong|tai nguyen moi truong"},
    {"tttt", "tt tt|tttt|thong tin va truyen thong"},
    {"nnptnt", "nn ptnt|nnptnt|nong nghiep va phat trien nong thon"},
    {"ldtbxh", "ld tb xh|ldtbxh|lao dong thuong binh va xa hoi"},
    {"vhttdl", "vh tt dl|vhttdl|van hoa the thao va du lich"},
    {"gtvt", "gtvt|giao thong van tai"},
};

struct Form {
  std::string_view key;
  std::vector<std::string_view> words;
};

struct Table {
  std::vector<Form> forms;
  // First word → the forms that start with it.
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_first;

  Table() {
    for (const auto& [key, ways] : kConcepts) {
      std::size_t start = 0;
      while (start <= ways.size()) {
        std::size_t bar = std::min(ways.find('|', start), ways.size());
        Form form{key, {}};
        std::string_view way = ways.substr(start, bar - start);
        std::size_t w = 0;
        while (w < way.size()) {
          std::size_t space = std::min(way.find(' ', w), way.size());
          form.words.push_back(way.substr(w, space - w));
          w = space + 1;
        }
        by_first[form.words[0]].push_back(forms.size());
        forms.push_back(std::move(form));
        start = bar + 1;
      }
    }
  }
};

const Table& table() {
  static const Table kInstance;  // immutable once built
  return kInstance;
}

}  // namespace

const ConceptFinder::Starts* ConceptFinder::starts(std::string_view folded) {
  const Table& t = table();
  auto it = t.by_first.find(folded);
  return it == t.by_first.end() ? nullptr : &it->second;
}

void ConceptFinder::next(std::string_view folded, const Starts* starts, std::size_t index,
                         std::vector<ConceptMatch>& found) {
  const Table& t = table();
  scratch_.clear();
  auto advance = [&](const Partial& p) {
    const Form& form = t.forms[p.form];
    if (form.words[p.matched] != folded) return;
    if (p.matched + 1 == form.words.size()) {
      found.push_back({form.key, p.first, form.words.size()});
    } else {
      scratch_.push_back({p.form, p.first, p.matched + 1});
    }
  };
  for (const Partial& p : partials_) advance(p);
  if (starts) {
    for (std::size_t form : *starts) advance({form, index, 0});
  }
  partials_.swap(scratch_);
}

ConceptMatch concept_at(const std::vector<std::string>& words, std::size_t i) {
  const Table& t = table();
  ConceptMatch best;
  auto it = t.by_first.find(words[i]);
  if (it == t.by_first.end()) return best;
  for (std::size_t f : it->second) {
    const Form& form = t.forms[f];
    if (form.words.size() <= best.count || i + form.words.size() > words.size()) continue;
    bool all = true;
    for (std::size_t k = 0; k < form.words.size() && all; ++k) {
      all = form.words[k] == words[i + k];
    }
    if (all) best = {form.key, i, form.words.size()};
  }
  return best;
}

}  // namespace gazette::search::detail
