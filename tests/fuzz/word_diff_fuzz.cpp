// The word diff of the history pages: two texts (split at the first NUL byte, or in the middle)
// must come back whole from the pieces, none of them empty.
#include "fuzz.hpp"
#include "gazette/history.hpp"

using namespace gazette;
using Op = history::DiffPiece::Op;

void gazette::fuzz::run_one(const std::string& bytes) {
  std::string_view all = bytes;
  std::size_t split = all.find('\0');
  std::string_view before =
      split == all.npos ? all.substr(0, all.size() / 2) : all.substr(0, split);
  std::string_view after = split == all.npos ? all.substr(all.size() / 2) : all.substr(split + 1);
  std::string old_text, new_text;
  for (const history::DiffPiece& piece : history::word_diff(before, after)) {
    fuzz::check(!piece.text.empty(), "no piece is empty");
    if (piece.op != Op::added) old_text += piece.text;
    if (piece.op != Op::removed) new_text += piece.text;
  }
  fuzz::check(old_text == before, "the same and removed pieces give the old text");
  fuzz::check(new_text == after, "the same and added pieces give the new text");
}
