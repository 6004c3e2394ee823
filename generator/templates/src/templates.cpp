#include <toml++/toml.h>
#include <kainjow/mustache.hpp>

#include <regex>

#include "embedded_theme.hpp"
#include "gazette/templates.hpp"
#include "toml_values.hpp"

namespace gazette::templates {

namespace fs = std::filesystem;
namespace mustache = kainjow::mustache;

namespace {

constexpr std::string_view kTemplateDir = "templates/";
constexpr std::string_view kPartialDir = "partials/";
constexpr std::string_view kStaticDir = "static/";
constexpr std::string_view kI18nDir = "i18n/";
constexpr std::string_view kExtension = ".mustache";

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string template_name(std::string_view path, std::string_view dir) {
  std::string_view name = path.substr(dir.size());
  name.remove_suffix(kExtension.size());
  return std::string(name);
}

// Replaces {{> name}} with the partial's text, so a page renders from one parsed tree
// (kainjow Mustache re-parses a partial each time it meets one).
Result<std::string> inline_partials(const std::string& source, const std::string& file,
                                    const std::map<std::string, std::string>& partials, int depth) {
  static const std::regex kPartial(R"(\{\{>\s*([A-Za-z0-9_\-./]+)\s*\}\})");
  if (depth > 8) {
    return Diagnostic{Severity::error,
                      file,
                      {},
                      "partials include each other in a loop",
                      "a partial may not include itself, directly or through others",
                      {}};
  }
  std::string out;
  std::size_t last = 0;
  for (std::sregex_iterator it(source.begin(), source.end(), kPartial), end; it != end; ++it) {
    const std::smatch& m = *it;
    auto found = partials.find(m[1].str());
    if (found == partials.end()) {
      SourceLoc loc = locate(source, static_cast<std::size_t>(m.position(0)));
      return Diagnostic{Severity::error,
                        file,
                        loc,
                        "unknown partial `" + m[1].str() + "`",
                        "add partials/" + m[1].str() + ".mustache to the theme",
                        std::string(line_at(source, loc.line))};
    }
    auto inner = inline_partials(found->second, "partials/" + found->first + ".mustache", partials,
                                 depth + 1);
    if (!inner) return inner.error();
    out.append(source, last, static_cast<std::size_t>(m.position(0)) - last);
    std::string body = *inner;
    while (!body.empty() && body.back() == '\n') body.pop_back();
    out += body;
    last = static_cast<std::size_t>(m.position(0) + m.length(0));
  }
  out.append(source, last, std::string::npos);
  return out;
}

// kainjow reports "... at 123": turn the byte offset into line and column.
Diagnostic template_error(const std::string& file, const std::string& source,
                          const std::string& message) {
  SourceLoc loc;
  static const std::regex kAt(R"(at (\d+))");
  std::smatch m;
  if (std::regex_search(message, m, kAt)) {
    loc = locate(source, static_cast<std::size_t>(std::stoul(m[1].str())));
  }
  return Diagnostic{Severity::error,
                    file,
                    loc,
                    "template error: " + message,
                    "check that every {{#section}} has its {{/section}}",
                    std::string(line_at(source, loc.line))};
}

Result<std::map<std::string, std::string>> read_strings(const std::string& file,
                                                        const std::string& bytes) {
  auto table = config::detail::parse_toml(bytes, file,
                                          "the strings file must be valid TOML: key = \"text\"");
  if (!table) return table.error();
  std::map<std::string, std::string> strings;
  for (const auto& [key, value] : *table) {
    if (auto s = value.value<std::string>()) {
      strings[std::string(key.str())] = *s;
    } else {
      SourceLoc loc{static_cast<int>(value.source().begin.line),
                    static_cast<int>(value.source().begin.column)};
      return Diagnostic{Severity::error,
                        file,
                        loc,
                        "an interface string must be text",
                        "key = \"text\"",
                        std::string(line_at(bytes, loc.line))};
    }
  }
  return strings;
}

mustache::data to_data(const Value& v) {
  switch (v.type()) {
    case Value::Type::null:
      return mustache::data(false);
    case Value::Type::text:
      return mustache::data(v.text());
    case Value::Type::flag:
      return mustache::data(v.flag());
    case Value::Type::list: {
      mustache::data list(mustache::data::type::list);
      for (const Value& item : v.items()) list.push_back(to_data(item));
      return list;
    }
    case Value::Type::object: {
      mustache::data object(mustache::data::type::object);
      for (const auto& [key, value] : v.fields()) object.set(key, to_data(value));
      return object;
    }
  }
  return mustache::data(false);
}

}  // namespace

Value& Value::set(std::string key, Value value) {
  GAZETTE_ASSERT(type_ == Type::object);
  for (auto& field : fields_) {
    if (field.first == key) {
      field.second = std::move(value);
      return *this;
    }
  }
  fields_.emplace_back(std::move(key), std::move(value));
  return *this;
}

Value& Value::push(Value value) {
  GAZETTE_ASSERT(type_ == Type::list);
  items_.push_back(std::move(value));
  return *this;
}

const Value* Value::get(std::string_view key) const {
  for (const auto& field : fields_) {
    if (field.first == key) return &field.second;
  }
  return nullptr;
}

void add_to_digest(const Value& value, Sha256& digest) {
  switch (value.type()) {
    case Value::Type::null:
      digest.update("n");
      break;
    case Value::Type::text:
      digest.update("t");
      digest.update_field(value.text());
      break;
    case Value::Type::flag:
      digest.update(value.flag() ? "1" : "0");
      break;
    case Value::Type::list:
      digest.update("[" + std::to_string(value.items().size()) + ":");
      for (const Value& item : value.items()) add_to_digest(item, digest);
      break;
    case Value::Type::object:
      digest.update("{" + std::to_string(value.fields().size()) + ":");
      for (const auto& [key, field] : value.fields()) {
        digest.update_field(key);
        add_to_digest(field, digest);
      }
      break;
  }
}

std::string Theme::fingerprint() const {
  Sha256 digest;
  digest.update("templates");
  for (const auto& [name, source] : templates_) {
    digest.update_field(name);
    digest.update_field(source);
  }
  digest.update("static");
  for (const StaticFile& f : static_files_) {
    digest.update_field(f.path);
    digest.update_field(f.bytes);
  }
  digest.update("strings");
  for (const auto& [language, strings] : strings_) {
    digest.update_field(language);
    for (const auto& [key, text] : strings) {
      digest.update_field(key);
      digest.update_field(text);
    }
  }
  return digest.hex();
}

namespace {

// The literal id="…" attributes of a template outside its sections ({{#x}}…{{/x}} and
// {{^x}}…{{/x}} may leave them out).
void add_fixed_ids(std::string_view source, std::set<std::string>& ids) {
  int depth = 0;
  for (std::size_t at = 0; at < source.size();) {
    std::size_t tag = source.find("{{", at);
    std::size_t id = source.find("id=\"", at);
    if (id != std::string_view::npos && (tag == std::string_view::npos || id < tag)) {
      std::size_t start = id + 4, end = source.find('"', start);
      if (end == std::string_view::npos) return;
      std::string_view value = source.substr(start, end - start);
      bool word_start = id == 0 || source[id - 1] == ' ' || source[id - 1] == '\n';
      if (depth == 0 && word_start && !value.empty() &&
          value.find("{{") == std::string_view::npos) {
        ids.emplace(value);
      }
      at = end + 1;
      continue;
    }
    if (tag == std::string_view::npos) return;
    char kind = tag + 2 < source.size() ? source[tag + 2] : '\0';
    if (kind == '#' || kind == '^') ++depth;
    if (kind == '/') depth = std::max(0, depth - 1);
    std::size_t close = source.find("}}", tag + 2);
    if (close == std::string_view::npos) return;
    at = close + 2;
  }
}

}  // namespace

std::set<std::string> Theme::fixed_ids(const std::string& name) const {
  std::set<std::string> ids;
  for (const std::string& t : {std::string("base"), name}) {
    auto found = templates_.find(t);
    if (found != templates_.end()) add_fixed_ids(found->second, ids);
  }
  return ids;
}

// Appends what the renderer streams straight into a string (no ostringstream).
struct StringSink {
  std::string& out;
  StringSink& operator<<(const std::string& text) {
    out += text;
    return *this;
  }
};

struct Renderer::Impl {
  std::map<std::string, mustache::mustache> templates;
  mustache::data site;

  std::string run(const std::string& name, const mustache::data& page,
                  const mustache::data* extra) {
    auto it = templates.find(name);
    GAZETTE_ASSERT(it != templates.end());
    mustache::context<std::string> ctx(&site);
    ctx.push(&page);
    if (extra) ctx.push(extra);
    std::string out;
    StringSink sink{out};
    it->second.render(ctx, sink);
    return out;
  }
};

Renderer::Renderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Renderer::~Renderer() = default;
Renderer::Renderer(Renderer&&) noexcept = default;
Renderer& Renderer::operator=(Renderer&&) noexcept = default;

std::string Renderer::render(const std::string& name, const Value& page) {
  mustache::data data = to_data(page);
  return impl_->run(name, data, nullptr);
}

std::string Renderer::render_page(const std::string& name, const Value& page) {
  mustache::data data = to_data(page);
  mustache::data content(mustache::data::type::object);
  content.set("content", impl_->run(name, data, nullptr));
  return impl_->run("base", data, &content);
}

// Interface strings do not change while a site renders: put {{t.key}} in the template text
// once, instead of looking up a dotted name on every page.
std::string bake_strings(const std::string& source, const Value* strings) {
  if (!strings) return source;
  static const std::regex kString(R"(\{\{(\{?)\s*t\.([A-Za-z0-9_]+)\s*\}?\}\})");
  std::string out;
  std::size_t last = 0;
  for (std::sregex_iterator it(source.begin(), source.end(), kString), end; it != end; ++it) {
    const std::smatch& m = *it;
    const Value* value = strings->get(m[2].str());
    if (!value || value->type() != Value::Type::text) continue;  // left to the renderer
    out.append(source, last, static_cast<std::size_t>(m.position(0)) - last);
    out += m[1].length() ? value->text() : html_escape(value->text());
    last = static_cast<std::size_t>(m.position(0) + m.length(0));
  }
  out.append(source, last, std::string::npos);
  return out;
}

Renderer Theme::renderer(const Value& site) const {
  auto impl = std::make_unique<Renderer::Impl>();
  const Value* strings = site.get("t");
  for (const auto& [name, source] : templates_) {
    auto [it, added] = impl->templates.emplace(name, bake_strings(source, strings));
    it->second.set_custom_escape([](const std::string& text) { return html_escape(text); });
  }
  impl->site = to_data(site);
  return Renderer(std::move(impl));
}

const std::map<std::string, std::string>& Theme::strings(const std::string& language) const {
  static const std::map<std::string, std::string> kNone;
  auto it = strings_.find(language);
  if (it != strings_.end()) return it->second;
  it = strings_.find("vi");
  return it != strings_.end() ? it->second : kNone;
}

Result<Theme> load_theme_files(const std::map<std::string, std::string>& files,
                               std::string origin) {
  Theme theme;
  theme.origin_ = std::move(origin);
  std::map<std::string, std::string> partials;
  for (const auto& [path, bytes] : files) {
    if (starts_with(path, kPartialDir) && path.ends_with(kExtension)) {
      partials[template_name(path, kPartialDir)] = bytes;
    }
  }
  for (auto& [path, bytes] : files) {
    std::string file = theme.origin_ + "/" + path;
    if (starts_with(path, kTemplateDir) && path.ends_with(kExtension)) {
      auto source = inline_partials(bytes, file, partials, 0);
      if (!source) return source.error();
      mustache::mustache parsed(*source);
      if (!parsed.is_valid()) return template_error(file, *source, parsed.error_message());
      theme.templates_[template_name(path, kTemplateDir)] = std::move(*source);
    } else if (starts_with(path, kStaticDir)) {
      theme.static_files_.push_back({path.substr(kStaticDir.size()), bytes});
    } else if (starts_with(path, kI18nDir) && path.ends_with(".toml")) {
      auto strings = read_strings(file, bytes);
      if (!strings) return strings.error();
      std::string lang = path.substr(kI18nDir.size(), path.size() - kI18nDir.size() - 5);
      theme.strings_[lang] = std::move(*strings);
    }
  }
  if (!theme.templates_.count("base")) {
    return Diagnostic{Severity::error,
                      theme.origin_,
                      {},
                      "the theme has no templates/base.mustache",
                      "every theme needs the base layout that wraps each page",
                      {}};
  }
  return theme;
}

Result<Theme> load_theme(const fs::path& dir) {
  if (dir.empty()) return load_theme_files(detail::builtin_theme_files(), "(built-in theme)");
  std::map<std::string, std::string> files;
  std::error_code ec;
  // A theme is a folder of its own: nothing in it may lead out of it (a symlink to a file
  // elsewhere would be published as a static file or shown by a template).
  fs::path real_dir = resolved_path(dir);
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string rel = it->path().lexically_relative(dir).generic_string();
    if (rel.empty() || rel[0] == '.') continue;
    if (it->is_directory(ec) && !it->is_symlink(ec)) continue;
    if (auto why = check_readable(real_dir, it->path(), "the theme")) {
      return Diagnostic{Severity::error,
                        it->path().generic_string(),
                        {},
                        "the theme's file " + why->problem,
                        why->hint,
                        {}};
    }
    if (!it->is_regular_file(ec)) continue;
    auto bytes = read_file(it->path());
    if (!bytes) return bytes.error();
    files[rel] = std::move(*bytes);
  }
  if (ec) {
    return Diagnostic{Severity::error,
                      dir.generic_string(),
                      {},
                      "cannot read the theme: " + ec.message(),
                      {},
                      {}};
  }
  return load_theme_files(files, dir.generic_string());
}

}  // namespace gazette::templates
