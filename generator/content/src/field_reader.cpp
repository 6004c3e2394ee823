// Typed fields of front matter and [[tasks]] (FieldReader), and the metadata every document
// shares, read key by key with the place of each problem.
#include "field_reader.hpp"

#include <algorithm>

#include "gazette/text.hpp"

namespace gazette::content::detail {

namespace {

std::string known_list(const std::vector<std::string>& known) {
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  return list;
}

}  // namespace

SourceLoc FieldReader::loc(const toml::source_region& region) const {
  return SourceLoc{static_cast<int>(region.begin.line) + line_offset_,
                   static_cast<int>(region.begin.column)};
}

void FieldReader::error(SourceLoc at, std::string message, std::string hint) {
  failed_ = true;
  diags_.add(Diagnostic{Severity::error, path_, at, std::move(message), std::move(hint),
                        std::string(lines_.line(at.line))});
}

void FieldReader::warning(SourceLoc at, std::string message, std::string hint) {
  diags_.add(Diagnostic{Severity::warning, path_, at, std::move(message), std::move(hint),
                        std::string(lines_.line(at.line))});
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
  if (auto s = n->value<std::string>()) return checked_text(*n, key, std::string(trim(*s)));
  error(*n, std::string("`") + key + "` must be text in quotes, not " + toml_type_name(*n),
        std::string("write it in quotes: ") + key + " = \"" + toml_text(*n) + "\"");
  return std::nullopt;
}

std::optional<std::string> FieldReader::text_or_number(const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  if (auto i = n ? n->value_exact<int64_t>() : std::nullopt) return std::to_string(*i);
  return text(t, key);  // program = 1322 is the programme "1322"
}

std::string FieldReader::checked_text(const toml::node& n, const char* key, std::string value) {
  if (!value.empty() && !text::has_visible(value)) {
    error(n, std::string("`") + key + "` has no visible characters",
          "only spaces or invisible characters (such as U+200B, a zero-width space) are "
          "written: write it in words, or remove the key");
  }
  return value;
}

std::vector<std::string> FieldReader::text_list(const toml::table& t, const char* key) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  if (auto s = n->value<std::string>()) {  // a single value is a list of one
    if (!trim(*s).empty()) out.push_back(checked_text(*n, key, std::string(trim(*s))));
    return out;
  }
  const toml::array* a = n->as_array();
  if (!a) {
    error(*n, std::string("`") + key + "` must be a list of text, not " + toml_type_name(*n),
          std::string("for example: ") + key + " = [\"…\", \"…\"]");
    return out;
  }
  for (const auto& item : *a) {
    if (auto s = item.value<std::string>()) {
      if (!trim(*s).empty()) out.push_back(checked_text(item, key, std::string(trim(*s))));
    } else {
      error(item, std::string("`") + key + "` must hold only text, not " + toml_type_name(item),
            "put each item in quotes: \"" + toml_text(item) + "\"");
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
    error(*n, std::string("`") + key + "` must be a date such as 2023-04-12, not " +
                  toml_type_name(*n));
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

std::optional<bool> FieldReader::boolean(const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto b = n->value_exact<bool>()) return *b;  // value<bool>() would take 1 as true
  std::string k(key);
  std::string hint = "write true or false without quotes: " + k + " = true, or delete the line";
  if (n->is_string()) {
    error(*n, "`" + k + "` must be true or false, not text", hint);
  } else {
    error(*n, "`" + k + "` must be true or false, not " + toml_type_name(*n), hint);
  }
  return std::nullopt;
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

namespace {

// The exact amount a TOML number literal writes ("1_500.5", "-2e3"), or nullopt with `why`.
std::optional<Money> money_of_literal(std::string literal, std::string& why) {
  std::erase(literal, '_');
  bool negative = !literal.empty() && literal[0] == '-';
  if (!literal.empty() && (literal[0] == '-' || literal[0] == '+')) literal.erase(0, 1);
  std::size_t e = literal.find_first_of("eE");
  std::string mantissa = literal.substr(0, e);
  long exponent = 0;
  if (e != std::string::npos) {
    std::string_view digits = std::string_view(literal).substr(e + 1);
    bool minus = !digits.empty() && digits[0] == '-';
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
    if (digits.empty() || digits.size() > 3) {
      why = "is not a number gazette keeps exactly";
      return std::nullopt;
    }
    for (char c : digits) exponent = exponent * 10 + (c - '0');
    if (minus) exponent = -exponent;
  }
  std::size_t dot = mantissa.find('.');
  std::string whole = mantissa.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : mantissa.substr(dot + 1);
  std::string digits = whole + fraction;
  long point = static_cast<long>(whole.size()) + exponent;
  if (point < 0) digits.insert(0, static_cast<std::size_t>(-point), '0'), point = 0;
  if (point > static_cast<long>(digits.size()))
    digits.append(static_cast<std::size_t>(point) - digits.size(), '0');
  auto at = static_cast<std::size_t>(point);
  return money_from_digits(digits.substr(0, at), digits.substr(at), negative, why);
}

// The bytes of line `text` from code point `from` to code point `to` (toml++ counts columns
// in code points, 1-based).
std::string_view code_points(std::string_view text, std::size_t from, std::size_t to) {
  std::size_t begin = text.size(), end = text.size(), count = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    ++count;
    if (count == from) begin = i;
    if (count == to) {
      end = i;
      break;
    }
  }
  return begin < end ? text.substr(begin, end - begin) : std::string_view{};
}

}  // namespace

std::optional<Money> FieldReader::amount(const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  std::string why;
  std::optional<Money> value;
  if (auto i = n->value_exact<int64_t>()) {
    value = parse_money(std::to_string(*i), why);
  } else if (n->is_floating_point()) {
    // The literal as written: its double would have rounded it already.
    const toml::source_region& at = n->source();
    std::string_view line = lines_.line(loc(at).line);
    std::size_t end = at.end.line == at.begin.line ? at.end.column : line.size() + 1;
    std::string literal(code_points(line, at.begin.column, end));
    value = money_of_literal(literal, why);
    if (!value) why = "(" + std::string(trim(literal)) + ") " + why;
  } else {
    error(*n, std::string("`") + key + "` must be an amount in million VND, such as 1500.5",
          "write the number without quotes or thousands separators");
    return std::nullopt;
  }
  if (!value) {
    error(*n, std::string("`") + key + "` " + why,
          std::string("write the amount in the list's unit (million VND), such as ") + key +
              " = 1500.5");
  }
  return value;
}

const std::vector<std::string>& metadata_keys() {
  static const std::vector<std::string> kEys = {
      "title",    "kind",      "slug",     "number",     "issuer",       "province",
      "issued",   "opens",     "deadline", "extensions", "results_date", "results",
      "program",  "round",     "signer",   "recipients", "references",   "attachments",
      "contact",  "tags",      "summary",  "amends",     "replaces",     "guides",
      "based_on", "withdrawn", "draft",    "submitter",  "unit",         "tasks"};
  return kEys;
}

namespace {

// The text fields of the metadata: a table, read in this order (or_number: a whole number is
// read as its digits, program = 1322; filled: a key written with nothing in it is a value not
// filled in, a scaffold's, not "none").
struct TextField {
  const char* key;
  std::string Document::*field;
  bool or_number;
  bool filled;
};
constexpr TextField kTextFields[] = {
    {"title", &Document::title, false, false},    {"number", &Document::number, true, true},
    {"issuer", &Document::issuer, false, true},   {"province", &Document::province, false, true},
    {"program", &Document::program, true, false}, {"summary", &Document::summary, false, true},
    {"results", &Document::results, false, true}, {"submitter", &Document::submitter, false, true},
    {"unit", &Document::unit, false, true},
};

struct ListField {
  const char* key;
  std::vector<std::string> Document::*field;
};
constexpr ListField kListFields[] = {
    {"recipients", &Document::recipients},
    {"references", &Document::references},
    {"tags", &Document::tags},
    {"amends", &Document::amends},
    {"replaces", &Document::replaces},
    {"guides", &Document::guides},
    {"based_on", &Document::based_on},
};

void read_scalars(const toml::table& t, FieldReader& r, Document& doc) {
  for (const TextField& f : kTextFields) {
    if (auto v = f.or_number ? r.text_or_number(t, f.key) : r.text(t, f.key)) doc.*f.field = *v;
    const toml::node* n = t.get(f.key);
    if (f.filled && n && n->is_string() && trim(n->value<std::string>().value_or("")).empty()) {
      r.error(*n, std::string("`") + f.key + "` is empty",
              "fill it in, or delete the line if the document has none");
    }
  }
  if (const toml::node* w = t.get("withdrawn")) {
    if (auto b = w->value<bool>()) {
      doc.withdrawn = *b ? "withdrawn" : "";
    } else if (auto v = r.text(t, "withdrawn")) {
      doc.withdrawn = *v;
    }
  }
  if (auto v = r.boolean(t, "draft")) doc.draft = *v;
  if (auto v = r.date(t, "issued")) doc.issued = *v;
  if (auto v = r.date(t, "results_date")) doc.results_date = *v;
  doc.opens = r.instant(t, "opens");
  doc.deadline = r.instant(t, "deadline");
  if (auto v = r.integer(t, "round")) doc.round = *v;
  for (const ListField& f : kListFields) doc.*f.field = r.text_list(t, f.key);
}

void read_signer(const toml::node& n, FieldReader& r, Document& doc) {
  if (const toml::table* s = n.as_table()) {
    r.check_keys(*s, {"name", "title"}, "signer");
    Signer signer;
    signer.name = r.text(*s, "name").value_or("");
    signer.title = r.text(*s, "title").value_or("");
    doc.signer = signer;
  } else {
    std::string name = n.is_string() ? toml_text(n) : "…";
    r.error(n, "`signer` must be a table with `name` and `title`, not " + toml_type_name(n),
            "signer = { name = \"" + name + "\", title = \"Phó Giám đốc\" }");
  }
}

void read_contact(const toml::node& n, FieldReader& r, Document& doc) {
  if (const toml::table* c = n.as_table()) {
    r.check_keys(*c, {"office", "phone", "email", "address"}, "contact");
    Contact contact;
    contact.office = r.text(*c, "office").value_or("");
    contact.phone = r.text(*c, "phone").value_or("");
    contact.email = r.text(*c, "email").value_or("");
    contact.address = r.text(*c, "address").value_or("");
    doc.contact = contact;
  } else {
    r.error(n, "`contact` must be a table, not " + toml_type_name(n),
            "contact = { office = \"…\", phone = \"…\", email = \"…\" }");
  }
}

void read_attachments(const toml::node& n, FieldReader& r, Document& doc) {
  const toml::array* list = n.as_array();
  if (!list) {
    r.error(n, "`attachments` must be a list, not " + toml_type_name(n),
            "attachments = [{ title = \"Mẫu A1-ĐXNV\", file = \"files/mau-a1-dxnv.docx\" }]");
    return;
  }
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

// One entry of `extensions`: the deadline it replaced and when that was announced.
void read_extension(const toml::node& item, FieldReader& r, Document& doc) {
  const toml::table* e = item.as_table();
  if (!e) {
    r.error(item, "each extension must be a table with `previous` and `announced`");
    return;
  }
  r.check_keys(*e, {"previous", "announced", "note"}, "extension");
  auto previous = r.instant(*e, "previous");
  auto announced = r.date(*e, "announced");
  if (!previous || !announced) {
    if (!r.failed()) {
      r.error(item, "an extension needs `previous` (the old deadline) and `announced`");
    }
    return;
  }
  if (!doc.deadline) {
    r.error(item, "an extension without the document's `deadline`",
            "add the new deadline: deadline = 2023-04-30T17:00:00+07:00; `previous` is the "
            "one it replaced");
  } else if (!(*previous < *doc.deadline)) {
    r.error(*e->get("previous"),
            "the extension's `previous` deadline (" + format_rfc3339(*previous) +
                ") is not earlier than the `deadline` (" + format_rfc3339(*doc.deadline) + ")",
            "an extension moves the deadline later: `previous` is the deadline it "
            "replaced, `deadline` the new one");
  }
  doc.deadline_changes.push_back({*previous, *announced, r.text(*e, "note").value_or("")});
}

void read_extensions(const toml::node& n, FieldReader& r, Document& doc) {
  const toml::array* list = n.as_array();
  if (!list) {
    r.error(n, "`extensions` must be a list, not " + toml_type_name(n),
            "extensions = [{ previous = 2023-04-25T17:00:00+07:00, announced = 2023-04-20 }]");
    return;
  }
  for (const auto& item : *list) read_extension(item, r, doc);
}

}  // namespace

void read_metadata(const toml::table& t, FieldReader& r, Document& doc) {
  r.record_locations(t, doc.locs);
  read_scalars(t, r, doc);
  if (const toml::node* n = t.get("signer")) read_signer(*n, r, doc);
  if (const toml::node* n = t.get("contact")) read_contact(*n, r, doc);
  if (const toml::node* n = t.get("attachments")) read_attachments(*n, r, doc);
  if (const toml::node* n = t.get("extensions")) read_extensions(*n, r, doc);
}

}  // namespace gazette::content::detail
