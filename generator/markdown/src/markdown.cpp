#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "gazette/core.hpp"
#include "gazette/markdown.hpp"
#include "gazette/text.hpp"

namespace gazette::markdown {

namespace {

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct MallocDeleter {
  void operator()(char* s) const { std::free(s); }
};

void ensure_extensions_registered() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

// Replaces a link or image by its content (text, emphasis; an image's description).
void unlink(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    cmark_node_unlink(child);
    cmark_node_insert_before(node, child);
  }
  cmark_node_unlink(node);
  cmark_node_free(node);
}

// The text of a node's inline children, as a reader sees it.
void collect_text(cmark_node* node, std::string& out) {
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        out += cmark_node_get_literal(child);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      default:
        collect_text(child, out);
    }
  }
}

// The heading's slug, or the slug with -2, -3… when an earlier heading has it. Each slug's
// next number is kept, so a thousand headings of one title do not each count up from 2.
std::string unique_id(const std::string& text, std::set<std::string>& used,
                      std::map<std::string, int>& next_number) {
  std::string base = text::slugify(text);
  if (base.empty()) base = "muc";
  std::string id = base;
  int& n = next_number.try_emplace(base, 2).first->second;
  while (used.count(id)) id = base + "-" + std::to_string(n++);
  used.insert(id);
  return id;
}

// Places autolinks ("https://a.vn" in the text), which cmark-gfm leaves without a position:
// each at its address, the first written after the previous one and on or after the line of
// its block. Links come in the order of the text, so the search only moves forward.
class AutolinkPlacer {
 public:
  explicit AutolinkPlacer(std::string_view markdown) : markdown_(markdown), lines_(markdown) {}

  void place(cmark_node* node, Link& link) {
    cmark_node* block = cmark_node_parent(node);
    while (block && cmark_node_get_start_line(block) <= 0) block = cmark_node_parent(block);
    int from_line = block ? cmark_node_get_start_line(block) : 1;
    std::string_view line = lines_.line(from_line);
    auto from = std::max(cursor_, static_cast<std::size_t>(line.data() - markdown_.data()));
    std::string_view text = link.url;
    std::size_t at = markdown_.find(text, from);
    if (at == std::string_view::npos && text.starts_with("mailto:")) {
      text.remove_prefix(7);  // an e-mail address, written without its scheme
      at = markdown_.find(text, from);
    }
    if (at == std::string_view::npos) {
      link.line = from_line;
      return;
    }
    cursor_ = at + text.size();
    SourceLoc loc = lines_.locate(at);
    link.line = loc.line;
    link.column = loc.column;
  }

 private:
  std::string_view markdown_;
  LineIndex lines_;
  std::size_t cursor_ = 0;
};

// Records a link or image as written, then gives it the address it is published with, or
// removes it (keeping its text) when it has none or an unsafe one.
void publish_link(std::optional<AutolinkPlacer>& autolinks, std::string_view markdown,
                  cmark_node* node, const LinkRewrite& rewrite, std::vector<Link>& out) {
  const char* written = cmark_node_get_url(node);
  Link link{written ? written : "", cmark_node_get_start_line(node),
            cmark_node_get_start_column(node), cmark_node_get_type(node) == CMARK_NODE_IMAGE};
  if (link.line <= 0) (autolinks ? *autolinks : autolinks.emplace(markdown)).place(node, link);
  std::optional<std::string> url;
  if (is_unsafe_url(link.url)) {
    url = "";
  } else if (rewrite) {
    url = rewrite(link.url);
  }
  out.push_back(std::move(link));
  if (!url) return;
  if (url->empty()) {
    unlink(node);
  } else {
    cmark_node_set_url(node, url->c_str());
  }
}

// Turns raw HTML into text so it is shown, escaped, instead of interpreted.
void neutralise_html(cmark_node* node) {
  cmark_node_type type = cmark_node_get_type(node);
  const char* literal = cmark_node_get_literal(node);
  std::string value = literal ? literal : "";
  if (type == CMARK_NODE_HTML_INLINE) {
    cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(text, value.c_str());
    cmark_node_replace(node, text);
  } else {
    if (!value.empty() && value.back() == '\n') value.pop_back();
    cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(text, value.c_str());
    cmark_node_append_child(para, text);
    cmark_node_replace(node, para);
  }
  cmark_node_free(node);
}

void append_block_text(cmark_node* root, std::string& out) {
  cmark_iter* iter = cmark_iter_new(root);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
        out += cmark_node_get_literal(node);
      } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
        out += ' ';
      }
    } else if (ev == CMARK_EVENT_EXIT && (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK &&
               !out.empty() && out.back() != '\n') {
      out += '\n';
    } else if (ev == CMARK_EVENT_EXIT && !out.empty() && out.back() != ' ' && out.back() != '\n' &&
               std::string_view(cmark_node_get_type_string(node)) == "table_cell") {
      out += ' ';
    }
  }
  cmark_iter_free(iter);
}

// A table's accessible name: the text of the heading it comes under, else its header cells
// ("Stt, Tên nhiệm vụ, …"), at most kLabelBytes (cut between characters).
std::string table_label(cmark_node* table, cmark_node* heading) {
  constexpr std::size_t kLabelBytes = 120;
  std::string label;
  if (heading) {
    collect_text(heading, label);
  } else if (cmark_node* header = cmark_node_first_child(table)) {
    for (cmark_node* cell = cmark_node_first_child(header); cell; cell = cmark_node_next(cell)) {
      std::string text;
      collect_text(cell, text);
      if (!text.empty()) label += (label.empty() ? "" : ", ") + text;
    }
  }
  if (label.size() > kLabelBytes) {
    std::size_t cut = kLabelBytes;
    while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
    label = label.substr(0, cut) + "…";
  }
  return label;
}

}  // namespace

// Link schemes a page must never carry, whatever the content says: cmark's list, and data:
// images too (a document's images are files, published and archived as such).
bool is_unsafe_url(std::string_view url) {
  // Browsers ignore tabs and line breaks in an address, and leading spaces and controls.
  std::string bare;
  for (char c : url) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (bare.empty() && static_cast<unsigned char>(c) <= 0x20) continue;
    bare += c;
  }
  std::string lowered = text::fold(bare);
  for (std::string_view scheme : {"javascript:", "vbscript:", "file:", "data:"}) {
    if (lowered.rfind(scheme, 0) == 0) return true;
  }
  return false;
}

RenderedMarkdown render_markdown(std::string_view markdown, const config::MarkdownOptions& options,
                                 const LinkRewrite& rewrite) {
  ensure_extensions_registered();
  int flags = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;
  if (options.smart_punctuation) flags |= CMARK_OPT_SMART;
  // Raw HTML is neutralised in the tree below; with allow_html it is kept (tagfilter still
  // disarms <script>, <iframe> and the like). Link schemes are checked here either way.
  if (options.allow_html) flags |= CMARK_OPT_UNSAFE;

  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(flags));
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));

  RenderedMarkdown result;
  std::set<std::string> used_ids;
  std::map<std::string, int> next_id_number;
  std::vector<cmark_node*> html_nodes, headings, tables, links;
  std::vector<cmark_node*> table_headings;  // the heading each table comes under, or null
  cmark_iter* iter = cmark_iter_new(doc.get());
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
      if (!options.allow_html) html_nodes.push_back(node);
    } else if (type == CMARK_NODE_HEADING) {
      headings.push_back(node);
    } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      links.push_back(node);
    } else if (std::string_view(cmark_node_get_type_string(node)) == "table") {
      tables.push_back(node);
      table_headings.push_back(headings.empty() ? nullptr : headings.back());
    }
  }
  cmark_iter_free(iter);

  for (cmark_node* node : html_nodes) neutralise_html(node);
  std::optional<AutolinkPlacer> autolinks;
  for (cmark_node* node : links) publish_link(autolinks, markdown, node, rewrite, result.links);
  for (cmark_node* node : headings) {
    Heading h;
    h.level = cmark_node_get_heading_level(node);
    collect_text(node, h.text);
    h.id = unique_id(h.text, used_ids, next_id_number);
    // An empty anchor at the start of the heading gives it a stable #id to link to.
    cmark_node* anchor = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
    cmark_node_set_on_enter(anchor, ("<span id=\"" + h.id + "\"></span>").c_str());
    cmark_node_prepend_child(node, anchor);
    result.headings.push_back(std::move(h));
  }
  for (std::size_t i = 0; i < tables.size(); ++i) {
    cmark_node* table = tables[i];
    // Wide tables scroll inside their own box on a phone; the box can take keyboard focus,
    // so it is a region with a name: the heading it comes under, else its header row.
    std::string label = table_label(table, table_headings[i]);
    cmark_node* wrap = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    std::string open = "<div class=\"table-scroll\" tabindex=\"0\">";
    if (!label.empty()) {
      open = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"" +
             html_escape(label) + "\">";
    }
    cmark_node_set_on_enter(wrap, open.c_str());
    cmark_node_set_on_exit(wrap, "</div>");
    cmark_node_insert_before(table, wrap);
    cmark_node_unlink(table);
    cmark_node_append_child(wrap, table);
  }

  std::unique_ptr<char, MallocDeleter> html(
      cmark_render_html(doc.get(), flags, cmark_parser_get_syntax_extensions(parser.get())));
  result.html = html.get();
  append_block_text(doc.get(), result.plain_text);
  return result;
}

}  // namespace gazette::markdown
