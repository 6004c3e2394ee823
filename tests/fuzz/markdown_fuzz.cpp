// The Markdown wrapper (cmark-gfm with gazette's heading ids, table boxes, neutralised HTML and
// link checks). Without allow_html, the page may only hold the tags Markdown makes, and no
// link or image may carry a script or file scheme, however the text spells it.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <string>

#include "fuzz.hpp"
#include "gazette/markdown.hpp"

using namespace gazette;

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_markdown_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 31> kTags = {
      "a",     "blockquote", "br",  "code",    "del",  "div",    "em",   "h1",
      "h2",    "h3",         "h4",  "h5",      "h6",   "hr",     "img",  "li",
      "ol",    "p",          "pre", "section", "span", "strong", "sup",  "table",
      "tbody", "td",         "th",  "thead",   "tr",   "ul",     "input"};
  return std::find(kTags.begin(), kTags.end(), name) != kTags.end();
}

// An attribute value as a browser reads it: entities decoded, tabs and line breaks removed,
// leading spaces and controls dropped, lower case.
std::string as_browser_reads(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '&') {
      std::size_t end = value.find(';', i);
      if (end != std::string_view::npos) {
        std::string_view entity = value.substr(i + 1, end - i - 1);
        long code = -1;
        if (entity.starts_with("#x") || entity.starts_with("#X")) {
          code = std::strtol(std::string(entity.substr(2)).c_str(), nullptr, 16);
        } else if (entity.starts_with("#")) {
          code = std::strtol(std::string(entity.substr(1)).c_str(), nullptr, 10);
        } else if (entity == "amp") {
          code = '&';
        } else if (entity == "colon") {
          code = ':';
        } else if (entity == "Tab" || entity == "NewLine") {
          code = '\t';
        }
        if (code >= 0 && code < 0x80) {
          c = static_cast<char>(code);
          i = end;
        }
      }
    }
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (out.empty() && static_cast<unsigned char>(c) <= 0x20) continue;
    out += lower(c);
  }
  return out;
}

bool is_dangerous_link(std::string_view value) {
  std::string url = as_browser_reads(value);
  for (std::string_view scheme : {"javascript:", "vbscript:", "file:"}) {
    if (url.starts_with(scheme)) return true;
  }
  if (!url.starts_with("data:")) return false;
  for (std::string_view ok :
       {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}) {
    if (url.starts_with(ok)) return false;
  }
  return true;
}

void check_safe_html(std::string_view html) {
  for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    std::size_t start = at + 1;
    if (start < html.size() && html[start] == '/') ++start;
    std::size_t end = start;
    while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end]))) ++end;
    fuzz::check(is_markdown_tag(html.substr(start, end - start)),
                "without allow_html only Markdown's own tags reach the page");
  }
  for (std::string_view attribute : {" href=\"", " src=\""}) {
    for (std::size_t at = html.find(attribute); at != std::string_view::npos;
         at = html.find(attribute, at + 1)) {
      std::size_t start = at + attribute.size();
      std::size_t end = html.find('"', start);
      fuzz::check(end != std::string_view::npos, "an attribute value is closed");
      fuzz::check(!is_dangerous_link(html.substr(start, end - start)),
                  "no link or image carries a script, file or data scheme");
    }
  }
}

}  // namespace

void gazette::fuzz::run_one(const std::string& bytes) {
  config::MarkdownOptions options;
  auto plain = markdown::render_markdown(bytes, options);
  check_safe_html(plain.html);
  options.allow_html = true;
  options.smart_punctuation = true;
  (void)markdown::render_markdown(bytes, options);
}
