// iCalendar (RFC 5545) files: a calendar per call and one of the open calls, and the Atom
// feed of calls closing soon.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "feeds.hpp"
#include "pages.hpp"

namespace gazette::render {

namespace {

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

// A calendar of the deadlines of `calls`, in the site's time zone.
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
    std::string url = absolute_url(ctx, d->url);
    std::string summary = s.get("calendar_deadline") + ": " + d->title;
    std::string description = kind_label(d->kind, s) + (d->number.empty() ? "" : " " + d->number) +
                              (d->issuer.empty() ? "" : " — " + d->issuer) + "\n" + url;
    ical_line(out, "BEGIN:VEVENT");
    ical_line(out, "UID:" + d->url.substr(1) + "deadline@" + host);
    // Without a METHOD, DTSTAMP is when the event was last revised (RFC 5545 3.8.7.2): the
    // document's last amendment, not the build, so a rebuild leaves the file as it was.
    ical_line(out, "DTSTAMP:" + ical_utc(feed_entry(*d, ctx).updated));
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

}  // namespace

std::string calendar_url(const Document& call) { return call.url + call.slug + ".ics"; }

void add_calendars(Jobs& jobs, const ViewContext& ctx) {
  for (const Document* d : ctx.model.listed) {
    if (!d->deadline) continue;
    jobs.emplace_back(
        calendar_url(*d).substr(1),
        [&ctx, d](templates::Renderer&) { return icalendar(d->title, {d}, ctx); }, false);
  }
  jobs.emplace_back(
      "calls.ics",
      [&ctx](templates::Renderer&) {
        std::vector<const Document*> calls;
        for (const Document* d : ctx.model.listed) {
          CallState state =
              call_state(call_of(ctx.model, *d), ctx.now, ctx.config.closing_soon_days);
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
          if (call_state(call_of(ctx.model, *d), ctx.now, ctx.config.closing_soon_days) ==
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

}  // namespace gazette::render
