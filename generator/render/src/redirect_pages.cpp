// A moved page keeps its old address: a small page there points to where it went.
#include "pages.hpp"

namespace gazette::render {

void add_redirect_pages(Jobs& jobs, const ViewContext& ctx) {
  for (const auto& redirect : ctx.config.redirects) {
    std::string path = redirect.from.substr(1);
    if (path.empty() || path.back() == '/') path += "index.html";
    jobs.emplace_back(
        path,
        [&ctx, &redirect](templates::Renderer&) {
          const Strings& s = ctx.strings;
          Value v = page_frame(s.get("moved_title"), redirect.from, "", {}, ctx);
          v.set("target", redirect.to);
          v.set("canonical", redirect.to.rfind("http", 0) == 0
                                 ? redirect.to
                                 : ctx.config.base_url + redirect.to.substr(redirect.to[0] == '/'));
          v.set("noindex", true);
          return PageView{"redirect", std::move(v)};
        },
        false);
  }
}

}  // namespace gazette::render
