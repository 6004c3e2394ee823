#include "feeds.hpp"

#include "history_stage.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace gazette::site {

namespace {

using content::Kind;

std::string absolute(const ViewContext& ctx, const std::string& url) {
  return ctx.config.base_url + (url.empty() || url[0] != '/' ? url : url.substr(1));
}

// An entry's published and updated instants: the start of its issued day in the site's
// offset, or with git history when it was first committed and last amended (minor corrections
// do not count, so they do not resurface in feed readers).
std::pair<Instant, Instant> entry_dates(const Document& d, const ViewContext& ctx) {
  Instant published = make_instant(d.issued, 0, 0, 0, ctx.utc_offset_minutes), amended = published;
  if (const auto* file = ctx.history ? ctx.history->of(d) : nullptr) {
    if (const auto* first = file->first_published()) published = amended = first->when;
    if (const auto* last = file->last_amended()) amended = last->when;
  }
  return {published, amended};
}

// iCalendar TEXT: backslash, semicolon, comma and line breaks escaped.
std::string ical_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

// A content line folded at 75 octets (never inside a UTF-8 character), ending in CRLF.
void ical_line(std::string& out, std::string_view line) {
  std::size_t start = 0;
  bool first = true;
  while (start < line.size()) {
    std::size_t limit = first ? 75 : 74;
    std::size_t end = std::min(line.size(), start + limit);
    while (end < line.size() && end > start &&
           (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!first) out += ' ';
    out.append(line.substr(start, end - start));
    out += "\r\n";
    start = end;
    first = false;
  }
}

std::string ical_local(const Instant& at, int offset_minutes) {
  LocalTime t = local_time(Instant{at.epoch_seconds, offset_minutes});
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d", t.date.year % 10000,
                t.date.month % 100, t.date.day % 100, t.hour % 100, t.minute % 100, t.second % 100);
  return buf;
}

std::string ical_utc(const Instant& at) { return ical_local(at, 0) + "Z"; }

std::string ical_offset(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%c%02d%02d", minutes < 0 ? '-' : '+',
                std::abs(minutes) / 60 % 100, std::abs(minutes) % 60);
  return buf;
}

}  // namespace

std::string icalendar(const std::string& name, const std::vector<const Document*>& calls,
                      const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  const std::string& zone = ctx.config.timezone;
  int offset = ctx.utc_offset_minutes;
  std::string host = ctx.config.base_url;
  if (auto scheme = host.find("://"); scheme != std::string::npos) host = host.substr(scheme + 3);
  host = host.substr(0, host.find('/'));
  std::string out;
  ical_line(out, "BEGIN:VCALENDAR");
  ical_line(out, "VERSION:2.0");
  ical_line(
      out, "PRODID:-//gazette//gazette//" + std::string(ctx.config.language == "vi" ? "VI" : "EN"));
  ical_line(out, "CALSCALE:GREGORIAN");
  ical_line(out, "METHOD:PUBLISH");
  ical_line(out, "X-WR-CALNAME:" + ical_text(name));
  ical_line(out, "X-WR-TIMEZONE:" + zone);
  // The zone as it is now; Asia/Ho_Chi_Minh has had one offset and no daylight saving since 1975.
  ical_line(out, "BEGIN:VTIMEZONE");
  ical_line(out, "TZID:" + zone);
  ical_line(out, "BEGIN:STANDARD");
  ical_line(out, "DTSTART:19750613T000000");
  ical_line(out, "TZOFFSETFROM:" + ical_offset(offset));
  ical_line(out, "TZOFFSETTO:" + ical_offset(offset));
  ical_line(out, "END:STANDARD");
  ical_line(out, "END:VTIMEZONE");
  for (const Document* d : calls) {
    if (!d->deadline) continue;
    std::string url = absolute(ctx, d->url);
    std::string summary = s.get("calendar_deadline") + ": " + d->title;
    std::string description = kind_label(d->kind, s) + (d->number.empty() ? "" : " " + d->number) +
                              (d->issuer.empty() ? "" : " — " + d->issuer) + "\n" + url;
    ical_line(out, "BEGIN:VEVENT");
    ical_line(out, "UID:" + d->url.substr(1) + "deadline@" + host);
    ical_line(out, "DTSTAMP:" + ical_utc(ctx.now));
    ical_line(out, "DTSTART;TZID=" + zone + ":" + ical_local(*d->deadline, offset));
    ical_line(out, "SUMMARY:" + ical_text(summary));
    ical_line(out, "DESCRIPTION:" + ical_text(description));
    ical_line(out, "URL:" + url);
    ical_line(out, "STATUS:CONFIRMED");
    ical_line(out, "BEGIN:VALARM");
    ical_line(out, "ACTION:DISPLAY");
    ical_line(out, "TRIGGER:-P1D");
    ical_line(out, "DESCRIPTION:" + ical_text(summary));
    ical_line(out, "END:VALARM");
    ical_line(out, "END:VEVENT");
  }
  ical_line(out, "END:VCALENDAR");
  return out;
}

void add_calendars(std::vector<PageJob>& jobs, const ViewContext& ctx) {
  for (const Document* d : ctx.model.listed) {
    if (!d->deadline) continue;
    jobs.emplace_back(
        d->url.substr(1) + "call.ics",
        [&ctx, d](templates::Renderer&) { return icalendar(d->title, {d}, ctx); }, false);
  }
  jobs.emplace_back(
      "calls.ics",
      [&ctx](templates::Renderer&) {
        std::vector<const Document*> calls;
        for (const Document* d : ctx.model.listed) {
          CallState state = call_state(ctx.model, *d, ctx.now, ctx.config.closing_soon_days);
          if (state == CallState::open || state == CallState::closing_soon ||
              state == CallState::upcoming) {
            calls.push_back(d);
          }
        }
        return icalendar(ctx.config.title + " — " + ctx.strings.get("calls_calendar"), calls, ctx);
      },
      false);
  jobs.emplace_back(
      "closing-soon.xml",
      [&ctx](templates::Renderer&) {
        std::vector<const Document*> soon;
        for (const Document* d : ctx.model.open_calls) {
          if (call_state(ctx.model, *d, ctx.now, ctx.config.closing_soon_days) ==
              CallState::closing_soon) {
            soon.push_back(d);
          }
        }
        return atom_feed("/closing-soon.xml", "/",
                         ctx.config.title + " — " + ctx.strings.get("closing_soon_title"), soon,
                         ctx);
      },
      false);
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n;") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string atom_feed(const std::string& self_url, const std::string& alternate_url,
                      const std::string& title, const std::vector<const Document*>& docs,
                      const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  std::size_t count = std::min(docs.size(), static_cast<std::size_t>(ctx.config.feed_entries));
  std::string author = ctx.config.publisher.empty() ? ctx.config.title : ctx.config.publisher;
  // The feed is as new as its newest entry.
  std::optional<Instant> newest;
  for (std::size_t i = 0; i < count; ++i) {
    Instant amended = entry_dates(*docs[i], ctx).second;
    if (!newest || newest->epoch_seconds < amended.epoch_seconds) newest = amended;
  }
  std::string updated = format_rfc3339(newest.value_or(ctx.now));
  std::string out;
  out.reserve(1024 + count * 600);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + ctx.config.language + "\">\n";
  out += "  <title>" + xml_escape(title) + "</title>\n";
  if (!ctx.config.description.empty()) {
    out += "  <subtitle>" + xml_escape(ctx.config.description) + "</subtitle>\n";
  }
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         xml_escape(absolute(ctx, self_url)) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" +
         xml_escape(absolute(ctx, alternate_url)) + "\"/>\n";
  out += "  <id>" + xml_escape(absolute(ctx, self_url)) + "</id>\n";
  out += "  <updated>" + updated + "</updated>\n";
  out += "  <author><name>" + xml_escape(author) + "</name></author>\n";
  out += "  <generator>gazette</generator>\n";
  for (std::size_t i = 0; i < count; ++i) {
    const Document& d = *docs[i];
    std::string link = absolute(ctx, d.url);
    std::string summary = kind_label(d.kind, s);
    if (!d.number.empty()) summary += " " + d.number;
    if (!d.issuer.empty()) summary += " — " + d.issuer;
    summary += ", " + format_date_long(d.issued, s);
    if (d.deadline) summary += ". " + s.get("deadline") + ": " + format_deadline(*d.deadline, s);
    out += "  <entry>\n";
    out += "    <title>" + xml_escape(d.title) + "</title>\n";
    out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(link) + "\"/>\n";
    out += "    <id>" + xml_escape(link) + "</id>\n";
    auto [published, amended] = entry_dates(d, ctx);
    out += "    <published>" + format_rfc3339(published) + "</published>\n";
    out += "    <updated>" + format_rfc3339(amended) + "</updated>\n";
    if (!d.issuer.empty())
      out += "    <author><name>" + xml_escape(d.issuer) + "</name></author>\n";
    out += "    <category term=\"" + std::string(content::kind_name(d.kind)) + "\" label=\"" +
           xml_escape(kind_label(d.kind, s)) + "\"/>\n";
    out += "    <summary>" + xml_escape(summary) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

void add_feed_files(std::vector<PageJob>& jobs, const ViewContext& ctx) {
  auto add = [&](std::string base, std::string title, const std::vector<const Document*>* docs) {
    jobs.push_back({base.substr(1) + "feed.xml",
                    [&ctx, base, title, docs](templates::Renderer&) {
                      return atom_feed(base + "feed.xml", base, title, *docs, ctx);
                    },
                    false});
  };
  const Strings& s = ctx.strings;
  add("/", ctx.config.title, &ctx.model.listed);
  for (Kind k : {Kind::notice, Kind::guidance, Kind::proposal_list}) {
    auto it = ctx.model.by_kind.find(k);
    static const std::vector<const Document*> kNone;
    add("/" + std::string(content::kind_name(k)) + "/", ctx.config.title + " — " + kind_label(k, s),
        it == ctx.model.by_kind.end() ? &kNone : &it->second);
  }
  for (const Program& p : ctx.model.programs) add(p.url, p.doc->title, &p.docs);
  for (const Term& t : ctx.model.provinces) add(t.url, ctx.config.title + " — " + t.name, &t.docs);
}

void add_exports(std::vector<PageJob>& jobs, const ViewContext& ctx) {
  auto record = [&ctx](const Document& d) {
    nlohmann::ordered_json j;
    j["url"] = ctx.config.base_url + d.url.substr(1);
    j["kind"] = content::kind_name(d.kind);
    j["title"] = d.title;
    j["number"] = d.number;
    j["issuer"] = d.issuer;
    j["province"] = d.province;
    j["issued"] = format_iso_date(d.issued);
    j["deadline"] = d.deadline ? format_rfc3339(*d.deadline) : "";
    j["program"] = d.program;
    j["round"] = d.round ? nlohmann::ordered_json(*d.round) : nlohmann::ordered_json(nullptr);
    j["signer"] = d.signer ? d.signer->name : "";
    j["signer_title"] = d.signer ? d.signer->title : "";
    j["recipients"] = d.recipients;
    j["references"] = d.references;
    nlohmann::ordered_json attachments = nlohmann::ordered_json::array();
    for (const auto& a : d.attachments) {
      attachments.push_back({{"title", a.title}, {"url", ctx.config.base_url + a.output_path}});
    }
    j["attachments"] = attachments;
    j["contact"] = d.contact ? nlohmann::ordered_json{{"office", d.contact->office},
                                                      {"phone", d.contact->phone},
                                                      {"email", d.contact->email},
                                                      {"address", d.contact->address}}
                             : nlohmann::ordered_json(nullptr);
    j["tags"] = d.tags;
    return j;
  };
  jobs.push_back({"data/documents.json",
                  [&ctx, record](templates::Renderer&) {
                    nlohmann::ordered_json all;
                    all["site"] = ctx.config.title;
                    all["generated"] = format_rfc3339(ctx.now);
                    nlohmann::ordered_json list = nlohmann::ordered_json::array();
                    for (const Document* d : ctx.model.listed) list.push_back(record(*d));
                    for (const Program& p : ctx.model.programs) list.push_back(record(*p.doc));
                    all["documents"] = std::move(list);
                    return all.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
                  },
                  false});
  jobs.push_back({"data/documents.csv",
                  [&ctx](templates::Renderer&) {
                    // A BOM so spreadsheet programs read the file as UTF-8.
                    std::string out = "\xEF\xBB\xBF";
                    out +=
                        "url,kind,title,number,issuer,province,issued,deadline,program,round,"
                        "signer,signer_title,recipients,references,attachments,tags\r\n";
                    auto join = [](const std::vector<std::string>& items) {
                      std::string joined;
                      for (const auto& i : items) joined += (joined.empty() ? "" : "; ") + i;
                      return joined;
                    };
                    auto row = [&](const Document& d) {
                      std::vector<std::string> files;
                      for (const auto& a : d.attachments)
                        files.push_back(ctx.config.base_url + a.output_path);
                      std::vector<std::string> cells = {
                          ctx.config.base_url + d.url.substr(1),
                          std::string(content::kind_name(d.kind)),
                          d.title,
                          d.number,
                          d.issuer,
                          d.province,
                          format_iso_date(d.issued),
                          d.deadline ? format_rfc3339(*d.deadline) : "",
                          d.program,
                          d.round ? std::to_string(*d.round) : "",
                          d.signer ? d.signer->name : "",
                          d.signer ? d.signer->title : "",
                          join(d.recipients),
                          join(d.references),
                          join(files),
                          join(d.tags)};
                      for (std::size_t i = 0; i < cells.size(); ++i) {
                        out += (i ? "," : "") + csv_field(cells[i]);
                      }
                      out += "\r\n";
                    };
                    for (const Document* d : ctx.model.listed) row(*d);
                    for (const Program& p : ctx.model.programs) row(*p.doc);
                    return out;
                  },
                  false});
}

void add_sitemap(std::vector<PageJob>& jobs, const ViewContext& ctx) {
  std::vector<std::pair<std::string, std::string>> pages;
  for (const PageJob& job : jobs) {
    if (!job.in_sitemap) continue;
    std::string url = job.path;
    if (url.ends_with("index.html")) url.resize(url.size() - 10);
    pages.emplace_back(ctx.config.base_url + url, job.lastmod);
  }
  std::sort(pages.begin(), pages.end());
  jobs.push_back({"sitemap.xml",
                  [pages](templates::Renderer&) {
                    std::string out;
                    out.reserve(pages.size() * 110 + 200);
                    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
                    out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
                    for (const auto& [loc, lastmod] : pages) {
                      out += "  <url><loc>" + xml_escape(loc) + "</loc>";
                      if (!lastmod.empty()) out += "<lastmod>" + lastmod + "</lastmod>";
                      out += "</url>\n";
                    }
                    out += "</urlset>\n";
                    return out;
                  },
                  false});
  jobs.push_back({"robots.txt",
                  [&ctx](templates::Renderer&) {
                    return "User-agent: *\nAllow: /\n\nSitemap: " + ctx.config.base_url +
                           "sitemap.xml\n";
                  },
                  false});
}

}  // namespace gazette::site
