#include "live_reload.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

namespace gazette::serve::detail {

namespace {

// Each open page holds one of the server's threads while it listens: a few tabs are normal,
// dozens are not (the rest are told to come back later).
constexpr std::size_t kMaxListeners = 16;
// A comment every so often: a proxy or the browser would otherwise close a quiet stream.
constexpr auto kHeartbeat = std::chrono::seconds(15);

// Reloads the page after a new good build; shows a failed build's problems over the page
// (as text: never as markup) until the next good one.
constexpr const char* kScript = R"JS(// gazette serve --watch: this page follows the site's builds.
(() => {
  let first = null;
  const boxId = "gazette-build-failed";
  function hide() {
    const box = document.getElementById(boxId);
    if (box) box.remove();
  }
  function show(problems) {
    let box = document.getElementById(boxId);
    if (!box) {
      box = document.createElement("section");
      box.id = boxId;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
        "margin:0;padding:1rem;background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;" +
        "font:14px/1.4 monospace;z-index:2147483647";
      const title = document.createElement("h2");
      title.style.cssText = "margin:0 0 .5rem;font:bold 16px sans-serif";
      title.textContent = "The build failed: this is the last good page";
      const text = document.createElement("pre");
      text.style.cssText = "margin:0;white-space:pre-wrap";
      box.append(title, text);
      document.body.append(box);
    }
    box.querySelector("pre").textContent = problems;
  }
  const events = new EventSource("/_gazette/live");
  events.addEventListener("build", (event) => {
    const news = JSON.parse(event.data);
    const changed = first !== null && news.build !== first;
    if (first === null) first = news.build;
    if (!news.ok) return show(news.problems);
    hide();
    if (changed) location.reload();
  });
})();
)JS";

}  // namespace

LiveReload::LiveReload() {
  boot_ = std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

void LiveReload::announce(const BuildNews& news) {
  {
    std::lock_guard lock(mutex_);
    ++builds_;
    latest_ = news;
  }
  changed_.notify_all();
}

void LiveReload::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

std::string LiveReload::event_locked() const {
  nlohmann::json news{{"build", boot_ + "-" + std::to_string(builds_)},
                      {"ok", latest_.ok},
                      {"problems", latest_.problems}};
  return "event: build\ndata: " +
         news.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
}

// Waits until a build after `seen` is announced (its event in `event`, and `seen` moves on to
// it), the heartbeat is due (`event` empty) or the server closes (false).
bool LiveReload::wait_for_news(std::size_t& seen, std::string& event) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, kHeartbeat, [&] { return closed_ || builds_ != seen; });
  if (closed_) return false;
  event = builds_ != seen ? event_locked() : std::string();
  seen = builds_;
  return true;
}

void LiveReload::events(httplib::Response& res) {
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  {
    std::lock_guard lock(mutex_);
    if (closed_ || listeners_ >= kMaxListeners) {
      res.status = 503;
      res.set_header("Retry-After", "5");
      res.set_content("too many pages are following the builds; close some tabs\n",
                      "text/plain; charset=utf-8");
      return;
    }
    ++listeners_;
  }
  auto seen = std::make_shared<std::size_t>(static_cast<std::size_t>(-1));
  res.set_chunked_content_provider(
      "text/event-stream",
      [this, seen](std::size_t, httplib::DataSink& sink) {
        std::string event;
        if (*seen == static_cast<std::size_t>(-1)) {
          std::lock_guard lock(mutex_);
          *seen = builds_;
          event = "retry: 1000\n\n" + event_locked();
        } else if (!wait_for_news(*seen, event)) {
          sink.done();
          return true;
        }
        if (event.empty()) event = ": still here\n\n";
        return sink.write(event.data(), event.size());
      },
      [this](bool) {
        std::lock_guard lock(mutex_);
        --listeners_;
      });
}

void LiveReload::script(httplib::Response& res) {
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(kScript, "text/javascript; charset=utf-8");
}

std::string LiveReload::with_script(std::string html) {
  std::string tag = std::string("<script src=\"") + kLiveScriptPath + "\"></script>";
  std::size_t body = html.rfind("</body>");
  if (body == std::string::npos) return html + tag;
  html.insert(body, tag);
  return html;
}

}  // namespace gazette::serve::detail
