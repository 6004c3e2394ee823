// Word diff for readers: tokens, Myers' O(ND) diff in linear space, readable pieces.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "gazette/history.hpp"

namespace gazette::history {

namespace {

// Past this many edits in one stretch the diff stops looking for the shortest script and
// splits at the furthest point reached (as xdiff does): still correct, just not minimal.
constexpr std::ptrdiff_t kMaxCost = 1024;

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_word(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Words (one inner punctuation byte between word bytes keeps a word whole: "25/4/2023"),
// runs of white space, and single punctuation bytes.
std::vector<std::string_view> tokenize(std::string_view text) {
  std::vector<std::string_view> tokens;
  auto at = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i + 1;
    if (is_space(at(i))) {
      while (j < text.size() && is_space(at(j))) ++j;
    } else if (is_word(at(i))) {
      while (true) {
        while (j < text.size() && is_word(at(j))) ++j;
        if (j + 1 < text.size() && !is_space(at(j)) && is_word(at(j + 1))) {
          j += 2;
          continue;
        }
        break;
      }
    }
    tokens.push_back(text.substr(i, j - i));
    i = j;
  }
  return tokens;
}

// Marks which tokens of `a` are removed and which of `b` are added.
class Myers {
 public:
  Myers(const std::vector<int>& a, const std::vector<int>& b)
      : a_(a), b_(b), removed_(a.size(), false), added_(b.size(), false) {}

  void run() {
    compare(0, static_cast<std::ptrdiff_t>(a_.size()), 0, static_cast<std::ptrdiff_t>(b_.size()));
  }
  const std::vector<bool>& removed() const { return removed_; }
  const std::vector<bool>& added() const { return added_; }

 private:
  struct Split {
    std::ptrdiff_t x = -1;
    std::ptrdiff_t y = -1;
  };

  int a(std::ptrdiff_t i) const { return a_[static_cast<std::size_t>(i)]; }
  int b(std::ptrdiff_t i) const { return b_[static_cast<std::size_t>(i)]; }

  void compare(std::ptrdiff_t a_lo, std::ptrdiff_t a_hi, std::ptrdiff_t b_lo, std::ptrdiff_t b_hi) {
    while (a_lo < a_hi && b_lo < b_hi && a(a_lo) == b(b_lo)) ++a_lo, ++b_lo;
    while (a_lo < a_hi && b_lo < b_hi && a(a_hi - 1) == b(b_hi - 1)) --a_hi, --b_hi;
    if (a_lo == a_hi || b_lo == b_hi) {
      mark(a_lo, a_hi, b_lo, b_hi);
      return;
    }
    Split s = bisect(a_lo, a_hi, b_lo, b_hi);
    bool useful =
        s.x >= 0 && !(s.x == 0 && s.y == 0) && !(s.x == a_hi - a_lo && s.y == b_hi - b_lo);
    if (!useful) {
      mark(a_lo, a_hi, b_lo, b_hi);
      return;
    }
    compare(a_lo, a_lo + s.x, b_lo, b_lo + s.y);
    compare(a_lo + s.x, a_hi, b_lo + s.y, b_hi);
  }

  void mark(std::ptrdiff_t a_lo, std::ptrdiff_t a_hi, std::ptrdiff_t b_lo, std::ptrdiff_t b_hi) {
    for (std::ptrdiff_t i = a_lo; i < a_hi; ++i) removed_[static_cast<std::size_t>(i)] = true;
    for (std::ptrdiff_t j = b_lo; j < b_hi; ++j) added_[static_cast<std::size_t>(j)] = true;
  }

  // One bisection: the stretch, and the furthest x each path reached on diagonal k (forward
  // from the start in v1_, backward from the end in v2_, at k + offset).
  struct Bisection {
    std::ptrdiff_t a_lo, a_hi, b_lo, b_hi;
    std::ptrdiff_t n, m, offset, length, delta;
    bool front;  // odd delta: the forward path finds the overlap
    std::ptrdiff_t k1start = 0, k1end = 0, k2start = 0, k2end = 0;
    Split best = {};  // the furthest point a forward path reached
  };

  std::ptrdiff_t& v1(std::ptrdiff_t k) { return v1_[static_cast<std::size_t>(k)]; }
  std::ptrdiff_t& v2(std::ptrdiff_t k) { return v2_[static_cast<std::size_t>(k)]; }

  // The middle snake of Myers' linear-space algorithm (the formulation of
  // diff-match-patch's bisect), relative to (a_lo, b_lo). Past kMaxCost edits, the furthest
  // point a forward path reached.
  Split bisect(std::ptrdiff_t a_lo, std::ptrdiff_t a_hi, std::ptrdiff_t b_lo, std::ptrdiff_t b_hi) {
    const std::ptrdiff_t n = a_hi - a_lo, m = b_hi - b_lo;
    const std::ptrdiff_t max_d = (n + m + 1) / 2;
    Bisection s{a_lo, a_hi, b_lo, b_hi, n, m, max_d, 2 * max_d + 2, n - m, (n - m) % 2 != 0};
    v1_.assign(static_cast<std::size_t>(s.length), -1);
    v2_.assign(static_cast<std::size_t>(s.length), -1);
    v1(s.offset + 1) = 0;
    v2(s.offset + 1) = 0;
    for (std::ptrdiff_t d = 0; d < max_d; ++d) {
      if (d > kMaxCost) return s.best;
      if (Split met = forward(s, d); met.x >= 0) return met;
      if (Split met = backward(s, d); met.x >= 0) return met;
    }
    return {};
  }

  // The forward paths of cost d; where one meets a backward path, that point.
  Split forward(Bisection& s, std::ptrdiff_t d) {
    for (std::ptrdiff_t k1 = -d + s.k1start; k1 <= d - s.k1end; k1 += 2) {
      std::ptrdiff_t k1o = s.offset + k1;
      std::ptrdiff_t x1 =
          (k1 == -d || (k1 != d && v1(k1o - 1) < v1(k1o + 1))) ? v1(k1o + 1) : v1(k1o - 1) + 1;
      std::ptrdiff_t y1 = x1 - k1;
      while (x1 < s.n && y1 < s.m && a(s.a_lo + x1) == b(s.b_lo + y1)) ++x1, ++y1;
      v1(k1o) = x1;
      if (x1 > s.n) {
        s.k1end += 2;
      } else if (y1 > s.m) {
        s.k1start += 2;
      } else {
        if (x1 + y1 > s.best.x + s.best.y) s.best = {x1, y1};
        if (s.front) {
          std::ptrdiff_t k2o = s.offset + s.delta - k1;
          if (k2o >= 0 && k2o < s.length && v2(k2o) != -1 && x1 >= s.n - v2(k2o)) return {x1, y1};
        }
      }
    }
    return {};
  }

  // The backward paths of cost d; where one meets a forward path, that point.
  Split backward(Bisection& s, std::ptrdiff_t d) {
    for (std::ptrdiff_t k2 = -d + s.k2start; k2 <= d - s.k2end; k2 += 2) {
      std::ptrdiff_t k2o = s.offset + k2;
      std::ptrdiff_t x2 =
          (k2 == -d || (k2 != d && v2(k2o - 1) < v2(k2o + 1))) ? v2(k2o + 1) : v2(k2o - 1) + 1;
      std::ptrdiff_t y2 = x2 - k2;
      while (x2 < s.n && y2 < s.m && a(s.a_hi - x2 - 1) == b(s.b_hi - y2 - 1)) ++x2, ++y2;
      v2(k2o) = x2;
      if (x2 > s.n) {
        s.k2end += 2;
      } else if (y2 > s.m) {
        s.k2start += 2;
      } else if (!s.front) {
        std::ptrdiff_t k1o = s.offset + s.delta - k2;
        if (k1o >= 0 && k1o < s.length && v1(k1o) != -1) {
          std::ptrdiff_t x1 = v1(k1o);
          std::ptrdiff_t y1 = s.offset + x1 - k1o;
          if (x1 >= s.n - x2) return {x1, y1};
        }
      }
    }
    return {};
  }

  const std::vector<int>& a_;
  const std::vector<int>& b_;
  std::vector<bool> removed_;
  std::vector<bool> added_;
  std::vector<std::ptrdiff_t> v1_;
  std::vector<std::ptrdiff_t> v2_;
};

// A stretch both texts share, or a change: what was removed and what was added there.
struct Segment {
  bool same = true;
  std::string text;     // same
  std::string removed;  // change
  std::string added;    // change
};

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return is_space(static_cast<unsigned char>(c)); });
}

bool is_replacement(const Segment& s) { return !s.same && !s.removed.empty() && !s.added.empty(); }

// Joins two replacements separated only by white space into one, so "a b" → "x y" reads as
// one change rather than two with a shared space between.
std::vector<Segment> join_replacements(std::vector<Segment> in) {
  std::vector<Segment> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i].same && is_blank(in[i].text) && !out.empty() && is_replacement(out.back()) &&
        i + 1 < in.size() && is_replacement(in[i + 1])) {
      Segment& last = out.back();
      last.removed += in[i].text + in[i + 1].removed;
      last.added += in[i].text + in[i + 1].added;
      ++i;
      continue;
    }
    out.push_back(std::move(in[i]));
  }
  return out;
}

}  // namespace

std::vector<DiffPiece> word_diff(std::string_view before, std::string_view after) {
  std::vector<std::string_view> old_tokens = tokenize(before);
  std::vector<std::string_view> new_tokens = tokenize(after);
  std::unordered_map<std::string_view, int> ids;
  auto intern = [&ids](const std::vector<std::string_view>& tokens) {
    std::vector<int> out;
    out.reserve(tokens.size());
    for (std::string_view t : tokens) {
      out.push_back(ids.try_emplace(t, static_cast<int>(ids.size())).first->second);
    }
    return out;
  };
  std::vector<int> a = intern(old_tokens);
  std::vector<int> b = intern(new_tokens);
  Myers myers(a, b);
  myers.run();

  std::vector<Segment> segments;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && !myers.removed()[i] && !myers.added()[j]) {
      if (segments.empty() || !segments.back().same) segments.push_back({});
      segments.back().text += old_tokens[i];
      ++i, ++j;
      continue;
    }
    if (segments.empty() || segments.back().same) segments.push_back({false, {}, {}, {}});
    std::size_t progress = i + j;
    while (i < a.size() && myers.removed()[i]) segments.back().removed += old_tokens[i++];
    while (j < b.size() && myers.added()[j]) segments.back().added += new_tokens[j++];
    GAZETTE_ASSERT(i + j > progress);  // the kept tokens of both sides pair up
  }

  std::vector<DiffPiece> pieces;
  for (Segment& s : join_replacements(std::move(segments))) {
    if (s.same) {
      pieces.push_back({DiffPiece::Op::same, std::move(s.text)});
      continue;
    }
    if (!s.removed.empty()) pieces.push_back({DiffPiece::Op::removed, std::move(s.removed)});
    if (!s.added.empty()) pieces.push_back({DiffPiece::Op::added, std::move(s.added)});
  }
  return pieces;
}

}  // namespace gazette::history
