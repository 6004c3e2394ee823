#include "field_reader.hpp"

#include <algorithm>
#include <cmath>

#include "gazette/text.hpp"

namespace gazette::content::detail {

namespace {

std::string known_list(const std::vector<std::string>& known) {
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  return list;
}

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "a number";
    case toml::node_type::floating_point:
      return "a decimal number";
    case toml::node_type::boolean:
      return "true/false";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date and time";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::table:
      return "a table";
    default:
      return "nothing";
  }
}

}  // namespace

SourceLoc FieldReader::loc(const toml::source_region& region) const {
  return SourceLoc{static_cast<int>(region.begin.line) + line_offset_,
                   static_cast<int>(region.begin.column)};
}

void FieldReader::error(SourceLoc at, std::string message, std::string hint) {
  failed_ = true;
  diags_.add(Diagnostic{Severity::error, path_, at, std::move(message), std::move(hint),
                        std::string(line_at(text_, at.line))});
}

void FieldReader::warning(SourceLoc at, std::string message, std::string hint) {
  diags_.add(Diagnostic{Severity::warning, path_, at, std::move(message), std::move(hint),
                        std::string(line_at(text_, at.line))});
}

void FieldReader::check_keys(const toml::table& table, const std::vector<std::string>& known,
                             std::string_view where) {
  for (const auto& [key, value] : table) {
    std::string name(key.str());
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string suggestion = closest_match(name, known);
    std::string hint = suggestion.empty() ? "" : "did you mean `" + suggestion + "`? ";
    hint += "(known keys: " + known_list(known) + ")";
    error(loc(key.source()), "unknown key `" + name + "` in " + std::string(where), hint);
  }
}

void FieldReader::record_locations(const toml::table& table,
                                   std::map<std::string, SourceLoc>& locs) const {
  for (const auto& [key, value] : table) locs[std::string(key.str())] = loc(key.source());
}

std::optional<std::string> FieldReader::text(const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto s = n->value<std::string>()) return std::string(trim(*s));
  if (auto i = n->value<int64_t>()) return std::to_string(*i);  // program = 1322
  error(*n, std::string("`") + key + "` must be text, not " + type_name(*n),
        std::string("write it in quotes: ") + key + " = \"…\"");
  return std::nullopt;
}

std::vector<std::string> FieldReader::text_list(const toml::table& t, const char* key) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  if (auto s = n->value<std::string>()) {  // a single value is a list of one
    if (!trim(*s).empty()) out.emplace_back(trim(*s));
    return out;
  }
  const toml::array* a = n->as_array();
  if (!a) {
    error(*n, std::string("`") + key + "` must be a list of text, not " + type_name(*n),
          std::string("for example: ") + key + " = [\"…\", \"…\"]");
    return out;
  }
  for (const auto& item : *a) {
    if (auto s = item.value<std::string>()) {
      if (!trim(*s).empty()) out.emplace_back(trim(*s));
    } else {
      error(item, std::string("`") + key + "` must hold only text, not " + type_name(item),
            "put each item in quotes");
    }
  }
  return out;
}

std::optional<Date> FieldReader::date(const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto d = n->value<toml::date>()) return Date{d->year, d->month, d->day};
  if (n->is_string()) {
    error(*n, std::string("`") + key + "` must be a date, not text",
          std::string("write the date without quotes: ") + key + " = 2023-04-12");
  } else {
    error(*n, std::string("`") + key + "` must be a date such as 2023-04-12, not " + type_name(*n));
  }
  return std::nullopt;
}

std::optional<Instant> FieldReader::instant_of(const toml::node& n, const char* key) {
  auto local = [&](const toml::date& d, int h, int m, int s) -> std::optional<Instant> {
    std::optional<int> offset =
        text::utc_offset_minutes(config_.timezone, d.year, d.month, d.day, h, m);
    if (!offset) {
      error(n, "unknown time zone `" + config_.timezone + "` in site.toml",
            "use an IANA zone such as Asia/Ho_Chi_Minh, or write the offset: 17:00:00+07:00");
      return std::nullopt;
    }
    return make_instant(Date{d.year, d.month, d.day}, h, m, s, *offset);
  };
  if (auto dt = n.value<toml::date_time>()) {
    const toml::date& d = dt->date;
    const toml::time& tm = dt->time;
    if (dt->offset) {
      return make_instant(Date{d.year, d.month, d.day}, tm.hour, tm.minute, tm.second,
                          dt->offset->minutes);
    }
    return local(d, tm.hour, tm.minute, tm.second);
  }
  if (auto d = n.value<toml::date>()) return local(*d, 23, 59, 59);  // open all that day
  if (n.is_string()) {
    error(n, std::string("`") + key + "` must be a date and time, not text",
          std::string("write it without quotes: ") + key + " = 2023-04-25T17:00:00+07:00");
  } else {
    error(n, std::string("`") + key + "` must be a date and time such as 2023-04-25T17:00:00+07:00",
          "");
  }
  return std::nullopt;
}

std::optional<Instant> FieldReader::instant(const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  return n ? instant_of(*n, key) : std::nullopt;
}

std::optional<int> FieldReader::integer(const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto v = n->value<int64_t>(); v && *v >= 0 && *v <= 100000) return static_cast<int>(*v);
  if (auto s = n->value<std::string>()) {
    std::string_view digits = trim(*s);
    if (!digits.empty() && digits.size() < 6 &&
        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::stoi(std::string(digits));
    }
  }
  error(*n, std::string("`") + key + "` must be a whole number, such as 2024");
  return std::nullopt;
}

std::optional<double> FieldReader::amount(const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto v = n->value<double>(); v && std::isfinite(*v)) return *v;
  error(*n, std::string("`") + key + "` must be an amount in million VND, such as 1500.5",
        "write the number without quotes or thousands separators");
  return std::nullopt;
}

const std::vector<std::string>& metadata_keys() {
  static const std::vector<std::string> keys = {
      "title",    "kind",      "slug",      "number",     "issuer",       "province",
      "issued",   "opens",     "deadline",  "extensions", "results_date", "results",
      "program",  "round",     "signer",    "recipients", "references",   "attachments",
      "contact",  "tags",      "summary",   "amends",     "replaces",     "guides",
      "based_on", "withdrawn", "submitter", "unit",       "tasks"};
  return keys;
}

void read_metadata(const toml::table& t, FieldReader& r, Document& doc) {
  r.record_locations(t, doc.locs);
  if (auto v = r.text(t, "title")) doc.title = *v;
  if (auto v = r.text(t, "number")) doc.number = *v;
  if (auto v = r.text(t, "issuer")) doc.issuer = *v;
  if (auto v = r.text(t, "province")) doc.province = *v;
  if (auto v = r.text(t, "program")) doc.program = *v;
  if (auto v = r.text(t, "summary")) doc.summary = *v;
  if (auto v = r.text(t, "results")) doc.results = *v;
  if (auto v = r.text(t, "submitter")) doc.submitter = *v;
  if (auto v = r.text(t, "unit")) doc.unit = *v;
  if (const toml::node* w = t.get("withdrawn")) {
    if (auto b = w->value<bool>()) {
      doc.withdrawn = *b ? "withdrawn" : "";
    } else if (auto v = r.text(t, "withdrawn")) {
      doc.withdrawn = *v;
    }
  }
  if (auto v = r.date(t, "issued")) doc.issued = *v;
  if (auto v = r.date(t, "results_date")) doc.results_date = *v;
  doc.opens = r.instant(t, "opens");
  doc.deadline = r.instant(t, "deadline");
  if (auto v = r.integer(t, "round")) doc.round = *v;
  doc.recipients = r.text_list(t, "recipients");
  doc.references = r.text_list(t, "references");
  doc.tags = r.text_list(t, "tags");
  doc.amends = r.text_list(t, "amends");
  doc.replaces = r.text_list(t, "replaces");
  doc.guides = r.text_list(t, "guides");
  doc.based_on = r.text_list(t, "based_on");

  if (const toml::node* n = t.get("signer")) {
    if (const toml::table* s = n->as_table()) {
      r.check_keys(*s, {"name", "title"}, "signer");
      Signer signer;
      signer.name = r.text(*s, "name").value_or("");
      signer.title = r.text(*s, "title").value_or("");
      doc.signer = signer;
    } else if (auto name = n->value<std::string>()) {
      doc.signer = Signer{std::string(trim(*name)), ""};
    } else {
      r.error(*n, "`signer` must be a table",
              "signer = { name = \"…\", title = \"Phó Giám đốc\" }");
    }
  }
  if (const toml::node* n = t.get("contact")) {
    if (const toml::table* c = n->as_table()) {
      r.check_keys(*c, {"office", "phone", "email", "address"}, "contact");
      Contact contact;
      contact.office = r.text(*c, "office").value_or("");
      contact.phone = r.text(*c, "phone").value_or("");
      contact.email = r.text(*c, "email").value_or("");
      contact.address = r.text(*c, "address").value_or("");
      doc.contact = contact;
    } else {
      r.error(*n, "`contact` must be a table",
              "contact = { office = \"…\", phone = \"…\", email = \"…\" }");
    }
  }
  if (const toml::node* n = t.get("attachments")) {
    const toml::array* list = n->as_array();
    if (!list) {
      r.error(*n, "`attachments` must be a list",
              "attachments = [{ title = \"Mẫu A1-ĐXNV\", file = \"files/mau-a1-dxnv.docx\" }]");
    } else {
      for (const auto& item : *list) {
        const toml::table* a = item.as_table();
        if (!a) {
          r.error(item, "each attachment must be a table with `title` and `file`",
                  "{ title = \"Mẫu A1-ĐXNV\", file = \"files/mau-a1-dxnv.docx\" }");
          continue;
        }
        r.check_keys(*a, {"title", "file"}, "attachment");
        Attachment att;
        att.loc = r.loc(item);
        att.title = r.text(*a, "title").value_or("");
        att.file = r.text(*a, "file").value_or("");
        if (att.file.empty()) {
          r.error(item, "an attachment needs `file`", "file = \"files/mau-a1-dxnv.docx\"");
          continue;
        }
        if (att.title.empty()) att.title = std::filesystem::path(att.file).filename().string();
        doc.attachments.push_back(std::move(att));
      }
    }
  }
  if (const toml::node* n = t.get("extensions")) {
    const toml::array* list = n->as_array();
    if (!list) {
      r.error(*n, "`extensions` must be a list",
              "extensions = [{ previous = 2023-04-25T17:00:00+07:00, announced = 2023-04-20 }]");
    } else {
      for (const auto& item : *list) {
        const toml::table* e = item.as_table();
        if (!e) {
          r.error(item, "each extension must be a table with `previous` and `announced`");
          continue;
        }
        r.check_keys(*e, {"previous", "announced", "note"}, "extension");
        auto previous = r.instant(*e, "previous");
        auto announced = r.date(*e, "announced");
        if (!previous || !announced) {
          if (!r.failed()) {
            r.error(item, "an extension needs `previous` (the old deadline) and `announced`");
          }
          continue;
        }
        doc.deadline_changes.push_back({*previous, *announced, r.text(*e, "note").value_or("")});
      }
    }
  }
}

}  // namespace gazette::content::detail
