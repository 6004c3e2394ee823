// Words typed with the Vietnamese input method switched off: the keystrokes of Telex
// ("suaats", "ddieenj") or VNI ("sua61t", "d9ie65n") left as they were typed, read as the
// letters they stand for ("suất", "điện").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gazette::search::detail {

/// The syllable that `word` (ASCII letters, or letters and digits) types in Telex or VNI,
/// lower case with its tone placed as text::canonical_syllable places it. None when the word
/// types no mark, or its letters do not make a Vietnamese syllable ("as", "iso", "lean"):
/// whether the syllable is a word people write is for the caller to check.
std::optional<std::string> read_keystrokes(std::string_view word);

}  // namespace gazette::search::detail
