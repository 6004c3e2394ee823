// gazette templates: a theme (Mustache templates, static files, interface strings).
//
//   auto theme = templates::load_theme(config.theme_dir);           // empty dir: built-in
//   templates::Renderer r = theme->renderer(site_view);             // one per thread
//   std::string html = r.render_page("document", page_view);        // inside layout "base"
//
// Values are plain data; {{name}} escapes text, {{{name}}} inserts HTML the site made.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gazette/core.hpp"

namespace gazette::templates {

/// What a template sees: text, a flag, a list or an object (Mustache's data model).
class Value {
 public:
  enum class Type { null, text, flag, list, object };
  Value() = default;
  Value(std::string text) : type_(Type::text), text_(std::move(text)) {}
  Value(const char* text) : type_(Type::text), text_(text) {}
  Value(std::string_view text) : type_(Type::text), text_(text) {}
  Value(bool flag) : type_(Type::flag), flag_(flag) {}
  Value(int number) : type_(Type::text), text_(std::to_string(number)) {}
  Value(std::size_t number) : type_(Type::text), text_(std::to_string(number)) {}
  static Value list() { return Value(Type::list); }
  static Value object() { return Value(Type::object); }

  /// Sets a field of an object (the value must be an object).
  Value& set(std::string key, Value value);
  /// Appends to a list (the value must be a list).
  Value& push(Value value);

  Type type() const { return type_; }
  const std::string& text() const { return text_; }
  bool flag() const { return flag_; }
  const std::vector<Value>& items() const { return items_; }
  const std::vector<std::pair<std::string, Value>>& fields() const { return fields_; }
  std::vector<Value>& items() { return items_; }
  std::vector<std::pair<std::string, Value>>& fields() { return fields_; }
  bool empty_list() const { return type_ == Type::list && items_.empty(); }
  /// A field of an object, or nullptr.
  const Value* get(std::string_view key) const;

 private:
  explicit Value(Type type) : type_(type) {}
  Type type_ = Type::null;
  std::string text_;
  bool flag_ = false;
  std::vector<Value> items_;
  std::vector<std::pair<std::string, Value>> fields_;
};

/// Adds `value` to a digest, shape and all: two values with the same digest render the same.
void add_to_digest(const Value& value, Sha256& digest);

/// A file of the theme that is published as is (CSS, JavaScript, icons).
struct StaticFile {
  std::string path;  ///< relative to the theme's static/ folder, e.g. "css/site.css"
  std::string bytes;
};

class Renderer;

/// A theme: its templates (partials already inlined), static files and strings.
class Theme {
 public:
  /// A renderer for one thread. `site` is visible to every page (site title, strings…).
  Renderer renderer(const Value& site) const;
  bool has_template(const std::string& name) const { return templates_.count(name) > 0; }
  const std::vector<StaticFile>& static_files() const { return static_files_; }
  /// Interface strings of a language ("vi", "en"): key → text.
  const std::map<std::string, std::string>& strings(const std::string& language) const;
  /// A digest of everything the theme renders with (templates, static files, strings): pages
  /// rendered with two themes of the same fingerprint are the same.
  std::string fingerprint() const;
  /// The ids every page of template `name` has whatever its data (`id="main"` of the layout,
  /// written outside any {{#section}}): what a link's #fragment may name beside the text's.
  std::set<std::string> fixed_ids(const std::string& name) const;
  /// Where the theme came from: a directory, or "(built-in)".
  const std::string& origin() const { return origin_; }

 private:
  friend Result<Theme> load_theme(const std::filesystem::path& dir);
  friend Result<Theme> load_theme_files(const std::map<std::string, std::string>& files,
                                        std::string origin);
  friend class Renderer;
  std::map<std::string, std::string> templates_;  ///< name → source
  std::vector<StaticFile> static_files_;
  std::map<std::string, std::map<std::string, std::string>> strings_;
  std::string origin_;
};

/// Renders pages with parsed templates; not shareable between threads.
class Renderer {
 public:
  ~Renderer();
  Renderer(Renderer&&) noexcept;
  Renderer& operator=(Renderer&&) noexcept;
  /// Renders template `name` with `page`, then the layout "base" around it (as {{{content}}}).
  std::string render_page(const std::string& name, const Value& page);
  /// Renders template `name` alone (feeds, fragments).
  std::string render(const std::string& name, const Value& page);

 private:
  friend class Theme;
  struct Impl;
  explicit Renderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Loads a theme from a directory: templates/*.mustache, partials/*.mustache, static/**,
/// i18n/<lang>.toml. An empty `dir` loads the built-in default theme. Errors name the file
/// and line of the template.
Result<Theme> load_theme(const std::filesystem::path& dir);

/// Loads a theme from files in memory (relative path → bytes).
Result<Theme> load_theme_files(const std::map<std::string, std::string>& files, std::string origin);

}  // namespace gazette::templates
