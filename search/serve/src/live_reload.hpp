// `gazette serve --watch`: pages that reload themselves after each build, and show a failed
// build's problems over the last good page. Pages get a script (/_gazette/live.js) that listens
// to the server's events (/_gazette/live, Server-Sent Events).
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "gazette/serve.hpp"

namespace gazette::serve::detail {

inline constexpr const char* kLiveScriptPath = "/_gazette/live.js";
inline constexpr const char* kLiveEventsPath = "/_gazette/live";

class LiveReload {
 public:
  LiveReload();
  /// Tells every open page: reload (a good build) or show the problems (a failed one).
  void announce(const BuildNews& news);
  /// Ends every event stream (the server is stopping).
  void close();
  /// The event stream of one page: the latest build at once, then each new one.
  void events(httplib::Response& res);
  /// The page's script.
  static void script(httplib::Response& res);
  /// `html` with the script added before its </body> (or at its end).
  static std::string with_script(std::string html);

 private:
  // The latest build as an event: "event: build\ndata: {…}\n\n".
  std::string event_locked() const;
  bool wait_for_news(std::size_t& seen, std::string& event);

  std::mutex mutex_;
  std::condition_variable changed_;
  std::string boot_;           // tells this server's builds from those of an earlier one
  std::size_t builds_ = 0;     // builds announced
  BuildNews latest_;           // the last one
  std::size_t listeners_ = 0;  // open event streams
  bool closed_ = false;
};

}  // namespace gazette::serve::detail
