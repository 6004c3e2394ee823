// gazette markdown: GitHub-flavoured Markdown to HTML and to the text a reader sees.
//
//   auto r = gazette::markdown::render_markdown("## Mục tiêu\nNăng suất", {});
//   std::string html = r.html;    // "<h2><span id=\"muc-tieu\"></span>Mục tiêu</h2>\n<p>…"
//   std::string text = r.plain_text;  // "Mục tiêu\nNăng suất\n": what search indexes
//   auto toc = r.headings;        // [{2, "Mục tiêu", "muc-tieu"}]: a table of contents
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gazette/config.hpp"

namespace gazette::markdown {

struct Heading {
  int level = 0;
  std::string text;
  std::string id;  ///< unique within the document
};

struct RenderedMarkdown {
  std::string html;
  std::string plain_text;
  std::vector<Heading> headings;
};

/// Renders Markdown with the GFM extensions (tables, strikethrough, autolink, tagfilter).
/// Raw HTML is shown as text unless options.allow_html; unsafe link schemes are dropped.
RenderedMarkdown render_markdown(std::string_view markdown, const config::MarkdownOptions& options);

}  // namespace gazette::markdown
