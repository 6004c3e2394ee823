// Reads typed fields from a parsed TOML table and reports each problem with its place.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/content.hpp"
#include "gazette/core.hpp"
#include "toml_values.hpp"

namespace gazette::content::detail {

class FieldReader {
 public:
  /// `line_offset`: lines of the file before the TOML text (front matter starts after "+++").
  FieldReader(const std::string& path, std::string_view file_text, int line_offset,
              const config::SiteConfig& config, Diagnostics& diags)
      : path_(path), lines_(file_text), line_offset_(line_offset), config_(config), diags_(diags) {}

  bool failed() const { return failed_; }
  SourceLoc loc(const toml::source_region& region) const;
  SourceLoc loc(const toml::node& node) const { return loc(node.source()); }
  void error(SourceLoc at, std::string message, std::string hint = {});
  void error(const toml::node& node, std::string message, std::string hint = {}) {
    error(loc(node), std::move(message), std::move(hint));
  }
  void warning(SourceLoc at, std::string message, std::string hint = {});

  /// Unknown keys are errors with a "did you mean" hint.
  void check_keys(const toml::table& table, const std::vector<std::string>& known,
                  std::string_view where);
  /// Records where each key of `table` is, for later checks.
  void record_locations(const toml::table& table, std::map<std::string, SourceLoc>& locs) const;

  /// Text in quotes; text with no visible character is an error.
  std::optional<std::string> text(const toml::table& t, const char* key);
  /// Text, or a whole number read as text (program = 1322).
  std::optional<std::string> text_or_number(const toml::table& t, const char* key);
  std::vector<std::string> text_list(const toml::table& t, const char* key);
  std::optional<Date> date(const toml::table& t, const char* key);
  /// A deadline-like value: offset date-time, local date-time (site time zone), or a date
  /// (the end of that day).
  std::optional<Instant> instant(const toml::table& t, const char* key);
  std::optional<int> integer(const toml::table& t, const char* key);
  /// true or false (a quoted "true" is an error: TOML's booleans have no quotes).
  std::optional<bool> boolean(const toml::table& t, const char* key);
  /// An amount, exact: read from the literal as written, never through a double.
  std::optional<Money> amount(const toml::table& t, const char* key);

 private:
  std::string checked_text(const toml::node& node, const char* key, std::string value);
  std::optional<Instant> instant_of(const toml::node& node, const char* key);

  const std::string& path_;
  LineIndex lines_;  ///< of the whole file: a list of 10,000 tasks reports and reads many lines
  int line_offset_;
  const config::SiteConfig& config_;
  Diagnostics& diags_;
  bool failed_ = false;
};

// What a value is and how TOML writes it, for messages: as site.toml's messages say it.
using config::detail::toml_text;
using config::detail::toml_type_name;

/// Reads the metadata shared by every kind of document from `table` into `doc`.
void read_metadata(const toml::table& table, FieldReader& reader, Document& doc);

/// Reads [[tasks]] rows of a proposal list (proposals.cpp).
void read_tasks(const toml::table& table, FieldReader& reader, Document& doc);

/// Front-matter keys every document may use.
const std::vector<std::string>& metadata_keys();

}  // namespace gazette::content::detail
