// gazette core: diagnostics, results, dates, paths and small text helpers.
//
// Every other module reports user-facing problems through this header:
//
//   gazette::Diagnostics diags;
//   diags.error("content/a.md", {3, 1}, "unknown front-matter key `dat`", "did you mean `date`?");
//   if (diags.has_errors()) return 1;
//
// No third-party library is used here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace gazette {

/// A position in a text file, both 1-based; 0 means "unknown".
struct SourceLoc {
  int line = 0;
  int column = 0;
};

enum class Severity { error, warning, note };

/// A problem the user can fix: where, what, and how to fix it.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;         ///< path as the user knows it, e.g. "content/notices/a.md"
  SourceLoc loc;            ///< line and column in `file`
  std::string message;      ///< what is wrong, naming the key or value
  std::string hint;         ///< how to fix it; may be empty
  std::string source_line;  ///< the offending line, shown with a caret; may be empty (a line
                            ///< over 2,000 bytes is kept cut, or left out past that)
};

/// Compiler-style text: "file:line:col: error: message", the line, a caret, the hint.
std::string format_diagnostic(const Diagnostic& d);

/// A sink for diagnostics, safe to share between threads. It keeps the first kPerFile errors
/// and kPerFile warnings of each file and counts the rest, so 10 000 problems in one file cost
/// one note after that file's diagnostics: "FILE: note: … and 9980 more in this file".
class Diagnostics {
 public:
  static constexpr std::size_t kPerFile = 20;
  void add(Diagnostic d);
  void error(std::string file, SourceLoc loc, std::string message, std::string hint = {});
  void warning(std::string file, SourceLoc loc, std::string message, std::string hint = {});
  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  /// All diagnostics kept, sorted by file, line and column, each file's "and N more" after it.
  std::vector<Diagnostic> sorted() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> items_;
  std::map<std::pair<std::string, Severity>, std::size_t> kept_;  ///< per file and severity
  std::map<std::string, std::size_t> dropped_;                    ///< per file
  std::size_t dropped_errors_ = 0, dropped_warnings_ = 0;
};

/// The value of a fallible operation, or the diagnostic that explains why it failed.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Diagnostic error) : state_(std::move(error)) {}
  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Diagnostic& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Diagnostic> state_;
};

/// Result<void>: success, or a diagnostic.
struct Ok {};
using Status = Result<Ok>;

/// Line and column (in bytes, 1-based) of byte `offset` in `text`.
SourceLoc locate(std::string_view text, std::size_t offset);
/// The text of 1-based line `line`, without its line break.
std::string_view line_at(std::string_view text, int line);

/// The lines of a text, found once, for a reader that reports many places in one file:
/// locate() and line() then cost a lookup instead of a scan from the start (which made a
/// file of 10,000 problems quadratic). The text must outlive the index.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  /// As the free locate(): line and column (bytes, 1-based) of byte `offset`.
  SourceLoc locate(std::size_t offset) const;
  /// As the free line_at(): 1-based line `line` without its line break; "" past the end.
  std::string_view line(int line) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;  ///< byte offset where each line starts
};

// ---------------------------------------------------------------------------
// Dates and instants

/// A calendar date (no time zone): the "issued" date of a document.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// A moment in time with the UTC offset it was written in, e.g. 2023-04-25T17:00:00+07:00.
struct Instant {
  std::int64_t epoch_seconds = 0;  ///< seconds since 1970-01-01T00:00:00Z
  int offset_minutes = 0;          ///< the offset to show it in
  friend bool operator==(const Instant& a, const Instant& b) {
    return a.epoch_seconds == b.epoch_seconds;
  }
  friend auto operator<=>(const Instant& a, const Instant& b) {
    return a.epoch_seconds <=> b.epoch_seconds;
  }
};

/// Whether y-m-d names a real day of the proleptic Gregorian calendar.
bool is_valid_date(int year, int month, int day);
/// Days since 1970-01-01 of a civil date.
std::int64_t days_from_civil(const Date& date);
/// The civil date of a day count since 1970-01-01.
Date civil_from_days(std::int64_t days);
/// The instant of a local wall-clock time at a fixed UTC offset.
Instant make_instant(const Date& date, int hour, int minute, int second, int offset_minutes);
/// The wall-clock fields of an instant in its own offset.
struct LocalTime {
  Date date;
  int hour = 0;
  int minute = 0;
  int second = 0;
};
LocalTime local_time(const Instant& instant);
/// RFC 3339, e.g. "2023-04-25T17:00:00+07:00" ("Z" for offset 0 if `z_for_utc`).
std::string format_rfc3339(const Instant& instant);
/// ISO 8601 date "2023-04-12".
std::string format_iso_date(const Date& date);
/// Parses "2023-04-25T17:00:00+07:00" / "...Z" / "2023-04-25" (midnight UTC); nullopt if malformed.
std::optional<Instant> parse_rfc3339(std::string_view text);
/// The current time, or GAZETTE_NOW (RFC 3339) when set, so tests and archives can fix the clock.
Instant now();

// ---------------------------------------------------------------------------
// Calls for proposals: where a call stands at a moment. The one home of these rules, for
// pages, search answers and the server's answer cache alike.

/// What a call's state is read from.
struct CallTimes {
  std::optional<Instant> opens;      ///< none: open from publication
  std::optional<Instant> deadline;   ///< none: not a call
  std::optional<Date> results_date;  ///< results announced that day, in the deadline's offset
  bool results_named = false;        ///< results given without a date
  bool withdrawn = false;            ///< withdrawn or replaced: closed whatever its dates say
};

/// Where a call for proposals stands at a moment.
enum class CallState { none, upcoming, open, closing_soon, closed, results };

/// The state at `now`; `none` without a deadline. Open until the deadline's second itself; a
/// withdrawn call is closed (or has its results) from the start.
CallState call_state(const CallTimes& call, Instant now, int closing_soon_days);
/// Whether proposals are taken in that state (open or closing soon).
bool is_open(CallState state);
/// The state's name in CSS, data attributes and JSON: "open", "closing-soon", "closed"…
const char* state_name(CallState state);
/// The first instant after `now` at which the call changes state; none if never.
std::optional<Instant> next_state_change(const CallTimes& call, Instant now, int closing_soon_days);
/// The earlier of two instants; either may be none.
std::optional<Instant> earliest(std::optional<Instant> a, std::optional<Instant> b);
/// The unit the time left before a deadline is told in, in seconds: whole days from two days
/// left, hours from an hour, then minutes.
std::int64_t time_left_unit(std::int64_t seconds_left);
/// The first moment after `now` at which the time left, told in whole units, reads
/// differently; none once the deadline has passed.
std::optional<Instant> next_time_left_change(const Instant& deadline, const Instant& now);

// ---------------------------------------------------------------------------
// Money

/// An exact amount of money, in thousandths of its unit (a proposal list's unit is million VND
/// by default: a thousandth is 1 000 đồng). Never a double: sums and checks are exact.
class Money {
 public:
  __extension__ using Units = __int128;
  static constexpr int kDecimals = 3;         ///< decimal digits kept
  static constexpr int kMaxWholeDigits = 15;  ///< digits before the decimal point, at most

  constexpr Money() = default;
  static constexpr Money from_thousandths(Units thousandths) { return Money(thousandths); }
  constexpr Units thousandths() const { return thousandths_; }
  constexpr bool negative() const { return thousandths_ < 0; }
  /// The nearest double, for JSON numbers (exact up to 15 significant digits).
  double to_double() const;

  constexpr Money operator+(Money other) const { return Money(thousandths_ + other.thousandths_); }
  constexpr Money operator-(Money other) const { return Money(thousandths_ - other.thousandths_); }
  constexpr Money operator-() const { return Money(-thousandths_); }
  constexpr Money& operator+=(Money other) {
    thousandths_ += other.thousandths_;
    return *this;
  }
  friend constexpr bool operator==(Money a, Money b) { return a.thousandths_ == b.thousandths_; }
  friend constexpr bool operator<(Money a, Money b) { return a.thousandths_ < b.thousandths_; }

 private:
  constexpr explicit Money(Units thousandths) : thousandths_(thousandths) {}
  Units thousandths_ = 0;
};

/// The amount of digits `whole` and `fraction` ("1500", "5"), negative if asked; nullopt, with
/// `why` ("has more than 3 decimals …"), when they hold more than Money keeps exactly.
std::optional<Money> money_from_digits(std::string_view whole, std::string_view fraction,
                                       bool negative, std::string& why);
/// Reads "1500", "-1500.5", "0.25": nullopt, with `why`, for anything else.
std::optional<Money> parse_money(std::string_view text, std::string& why);
/// "1500.5"; with `group` between thousands and `decimal` before the decimals, "1.500,5".
/// Decimals are written only as far as they are not zero.
std::string format_money(Money amount, std::string_view group = {}, char decimal = '.');

// ---------------------------------------------------------------------------
// Text

/// Offset of the first byte that is not valid UTF-8, or nullopt if all is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);
/// Escapes & < > " ' for HTML text and attribute values.
std::string html_escape(std::string_view text);
/// Appends the HTML-escaped text to `out`.
void append_html_escaped(std::string& out, std::string_view text);
/// Escapes for XML 1.0 (feeds, sitemaps): drops the characters XML forbids, and the bidi
/// controls (U+200E/F, U+202A–E, U+2066–9), which XML text cannot isolate as HTML's <bdi> does.
std::string xml_escape(std::string_view text);
/// The length of the bidi control (U+200E/F, U+202A–E, U+2066–9) at byte `i`, or 0.
std::size_t bidi_control_at(std::string_view text, std::size_t i);
/// Percent-encodes for a URL query component.
std::string url_encode(std::string_view text);
/// One CSV field (RFC 4180) of every CSV gazette writes: quoted when it holds a comma, a
/// semicolon, a quote or a line break. A cell a spreadsheet would run as a formula (starting
/// with = + - @, a tab or a CR: OWASP's CSV injection rule) gets a leading ' — except a plain
/// number such as -1500.5 and a lone "-", which no spreadsheet runs.
std::string csv_field(std::string_view value);
/// Whether a cell starts as csv_field() neutralises it: ' then = + - @ tab CR or LF.
bool is_neutralised_csv_cell(std::string_view cell);
/// Trims ASCII whitespace at both ends.
std::string_view trim(std::string_view text);
/// The known word closest to `word` by edit distance, or "" if none is close (ninja's
/// SpellcheckString): for "did you mean" hints.
std::string closest_match(std::string_view word, const std::vector<std::string>& known);
/// Splits on a single character.
std::vector<std::string_view> split(std::string_view text, char separator);

// ---------------------------------------------------------------------------
// Paths

/// Whether a path written in content (e.g. an attachment) is relative and never goes up
/// (no "..", no root, no drive); such a path cannot leave the directory it is joined to.
bool is_safe_relative_path(std::string_view path);
/// `path` relative to `base` as a generic string ("content/notices/a.md").
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base);
/// Reads a whole file; an error names the file.
Result<std::string> read_file(const std::filesystem::path& path);
/// Writes a file by writing a sibling temporary file and renaming it over the target.
Status write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

/// Where `path` really is: every symlink on its way followed, as far as the path exists.
std::filesystem::path resolved_path(const std::filesystem::path& path);
/// Whether `path` is `dir` or lies inside it (compared as written: pass real paths to
/// compare where things really are).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& dir);

/// Why a file may not be read as part of a site: what it is, and what to do.
struct UnsafeFile {
  std::string problem;  ///< "leads outside the site (to /etc/hostname)", "is a FIFO (…)"
  std::string hint;
};
/// Why `file` may not be read, or nullopt when it may: it, or a folder on its way, is a symlink
/// leading out of `real_dir` (a resolved_path(); `dir_name` names it: "the site"), or it is a FIFO,
/// a device or a socket (reading one blocks or leaks). A missing file or a folder is fine here:
/// the caller reports those in its own words.
std::optional<UnsafeFile> check_readable(const std::filesystem::path& real_dir,
                                         const std::filesystem::path& file,
                                         std::string_view dir_name = "the site");

/// The file gazette writes into each folder it owns (the output, the search index): a folder
/// that holds files but not this one is not gazette's to replace or clear.
inline constexpr std::string_view kOwnedMark = ".made-by-gazette";
/// What the mark says to someone who finds it.
inline constexpr std::string_view kOwnedMarkText =
    "gazette made this folder and rewrites it at each build: keep no files of your own here.\n";

// ---------------------------------------------------------------------------
// Digests

/// An incremental SHA-256 (FIPS 180-4) through OpenSSL: update() any number of times, then
/// hex() once. Small updates are gathered before they reach OpenSSL, so feeding a tree of short
/// strings costs about what one long string does. For the manifest auditors verify and for
/// the fingerprints that let a build keep files that did not change.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  /// Adds bytes to the message.
  void update(std::string_view bytes);
  /// Adds one field of a record: its length, then its bytes, so that ("ab", "c") and
  /// ("a", "bc") make different digests.
  void update_field(std::string_view bytes);
  /// The digest of everything added, as 64 lowercase hex digits. Ends the message.
  std::string hex();

 private:
  void flush();
  struct Context;
  std::unique_ptr<Context> context_;
  std::string pending_;
};

/// The SHA-256 of `bytes` in hex.
std::string sha256_hex(std::string_view bytes);

/// The SHA-256 of a file's bytes in hex, read in chunks; nullopt if it cannot be read.
std::optional<std::string> sha256_file(const std::filesystem::path& file);

/// What identifies this program's code: the linker's build ID of the running executable (hex),
/// or, where it has none, the SHA-256 of the executable. Output made by another build of
/// gazette may differ, so what a build keeps from the last one is keyed by it.
const std::string& program_identity();

// ---------------------------------------------------------------------------
// Work

/// A place where a fault test stops the process as a crash or a power cut would: when the
/// GAZETTE_FAULT environment variable names `point`, the process kills itself there with
/// SIGKILL (kill -9). Otherwise nothing happens.
void fault_point(std::string_view point);

/// Runs fn(i) for i in [0, count) on up to `threads` threads (0: all cores).
void parallel_for(std::size_t count, const std::function<void(std::size_t)>& fn,
                  unsigned threads = 0);

}  // namespace gazette

/// A programmer error: aborts with the expression and place. Not for user input.
#define GAZETTE_ASSERT(expr) \
  ((expr) ? (void)0 : ::gazette::detail::assert_failed(#expr, __FILE__, __LINE__))

namespace gazette::detail {
[[noreturn]] void assert_failed(const char* expr, const char* file, int line);
}
