// Checks across documents, and the repairs of `gazette check --fix`.
#include <algorithm>
#include <map>
#include <set>

#include "gazette/content.hpp"
#include "gazette/text.hpp"

namespace gazette::content {

namespace {

Diagnostic at_key(const Document& doc, const std::string& key, Severity severity,
                  std::string message, std::string hint) {
  SourceLoc loc = doc.loc_of(key);
  return Diagnostic{
      severity,           doc.path,        loc,
      std::move(message), std::move(hint), std::string(line_at(doc.source_text, loc.line))};
}

}  // namespace

void check_documents(const std::vector<Document>& docs, const config::SiteConfig& config,
                     Diagnostics& diags) {
  std::map<std::string, const Document*> by_url;
  std::map<std::pair<std::string, std::string>, const Document*> by_number;
  std::map<std::string, const Document*> programs;
  for (const Document& doc : docs) {
    if (auto [it, fresh] = by_url.emplace(doc.url, &doc); !fresh) {
      diags.add(at_key(
          doc, "slug", Severity::error,
          "two documents have the address " + doc.url + " (the same slug `" + doc.slug + "`)",
          "the other is " + it->second->path +
              "; give one of them another file name or slug = \"…\""));
    }
    if (!doc.number.empty() && doc.kind != Kind::page) {
      auto key = std::make_pair(text::lower(doc.issuer), text::lower(doc.number));
      if (auto [it, fresh] = by_number.emplace(key, &doc); !fresh) {
        diags.add(at_key(doc, "number", Severity::error,
                         "document number `" + doc.number + "` of " + doc.issuer +
                             " is already used by " + it->second->path,
                         "a number is unique per issuer: correct the number or the issuer"));
      }
    }
    if (doc.kind == Kind::program) {
      if (auto [it, fresh] = programs.emplace(doc.program, &doc); !fresh) {
        diags.add(at_key(doc, "program", Severity::error,
                         "programme `" + doc.program + "` already has a page: " + it->second->path,
                         "keep one page per programme"));
      }
    }
  }
  std::vector<std::string> known;
  known.reserve(programs.size());
  for (const auto& [id, doc] : programs) known.push_back(id);
  std::string known_list;
  for (const auto& id : known) known_list += (known_list.empty() ? "" : ", ") + id;
  for (const Document& doc : docs) {
    if (doc.kind == Kind::program || doc.program.empty() || programs.count(doc.program)) continue;
    std::string near = closest_match(doc.program, known);
    std::string hint = near.empty() ? "" : "did you mean `" + near + "`? ";
    hint += known.empty() ? "no programme is published yet: "
                          : "known programmes: " + known_list + "; ";
    hint += "to publish a new one add content/programs/" + text::slugify(doc.program) +
            ".md with kind = \"program\" and program = \"" + doc.program + "\"";
    diags.add(
        at_key(doc, "program", Severity::error, "unknown programme `" + doc.program + "`", hint));
  }
  check_consistency(docs, diags);
  for (const auto& archived : config.archived_rounds) {
    if (!programs.count(archived.program)) {
      diags.error("site.toml", {}, "[[archive]] names unknown programme `" + archived.program + "`",
                  known.empty() ? "" : "known programmes: " + known_list);
    }
  }
}

std::vector<Document> without_drafts(std::vector<Document> docs, Diagnostics& diags) {
  if (std::none_of(docs.begin(), docs.end(), [](const Document& d) { return d.draft; })) {
    return docs;
  }
  {
    DocumentIndex index(docs);
    for (const Document& doc : docs) {
      if (doc.draft) continue;
      std::vector<Relation> named = relations_of(doc);
      named.insert(named.begin(), Relation{"references", &doc.references});
      for (const Relation& r : named) {
        for (const std::string& ref : *r.targets) {
          const Document* target = index.find(ref);
          if (!target || !target->draft) continue;
          diags.add(at_key(doc, r.key, Severity::warning,
                           "`" + std::string(r.key) + "` names `" + ref + "`, a draft (" +
                               target->path + "): it is shown without a link",
                           "publish it (delete its `draft = true`), or leave this as it is "
                           "until then; gazette build --drafts shows drafts"));
        }
      }
    }
  }
  std::erase_if(docs, [](const Document& d) { return d.draft; });
  return docs;
}

std::string repair_text(std::string_view bytes, FixReport& report, bool oi_is_defect) {
  std::string_view body = bytes;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") {
    body.remove_prefix(3);
    report.bom_removed = true;
  }
  std::string out(body);
  if (find_invalid_utf8(out)) return out;  // not text we can safely rewrite
  report.oi_repaired = oi_is_defect ? static_cast<int>(text::find_oi(out).size()) : 0;
  if (report.oi_repaired > 0) out = text::repair_oi(out);
  if (!text::is_nfc(out)) {
    out = text::nfc(out);
    report.normalized = true;
  }
  return out;
}

Result<FixReport> fix_file(const std::filesystem::path& file, bool oi_is_defect) {
  auto bytes = read_file(file);
  if (!bytes) return bytes.error();
  FixReport report;
  std::string repaired = repair_text(*bytes, report, oi_is_defect);
  if (!report.changed()) return report;
  Status written = write_file_atomically(file, repaired);
  if (!written) return written.error();
  return report;
}

}  // namespace gazette::content
