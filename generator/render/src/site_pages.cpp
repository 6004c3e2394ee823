// The whole site as a list of jobs, planned from the inputs in one pass.
#include "gazette/render.hpp"
#include "history_pages.hpp"
#include "pages.hpp"

namespace gazette::render {

const history::FileHistory* SiteHistory::of(const content::Document& doc) const {
  if (!available) return nullptr;
  auto it = files.files.find(repo_path(doc));
  return it == files.files.end() || it->second.changes.empty() ? nullptr : &it->second;
}

bool SiteHistory::uncommitted(const content::Document& doc) const {
  return repo.in_git && repo.uncommitted.count(repo_path(doc)) > 0;
}

std::string SiteHistory::repo_path(const content::Document& doc) const {
  if (!repo.in_git) return {};
  return doc.source.lexically_relative(repo.root).generic_string();
}

struct SitePages::Impl {
  Impl(const Inputs& in, const templates::Theme& t)
      : inputs(in),
        theme(t),
        strings(t.strings(in.config.language), in.config.language),
        ctx{in.model,
            in.config,
            strings,
            in.now,
            in.utc_offset_minutes,
            &in.history,
            feed_stylesheet_url(t)},
        site(site_view(ctx, asset_version(t.static_files()))) {}

  Inputs inputs;
  const templates::Theme& theme;
  Strings strings;
  ViewContext ctx;
  Value site;
  std::vector<PageJob> jobs;
  std::string fingerprint;
};

SitePages::SitePages(const Inputs& inputs, const templates::Theme& theme)
    : impl_(std::make_unique<Impl>(inputs, theme)) {
  GAZETTE_ASSERT(!inputs.history.available || inputs.history.versions);
  Jobs& jobs = impl_->jobs;
  const ViewContext& ctx = impl_->ctx;
  add_document_pages(jobs, ctx, inputs.bodies);
  add_list_pages(jobs, ctx);
  add_program_pages(jobs, ctx, inputs.bodies);
  add_change_pages(jobs, ctx);
  add_redirect_pages(jobs, ctx);
  add_feed_files(jobs, ctx);
  add_calendars(jobs, ctx);
  add_exports(jobs, ctx);
  add_sitemap(jobs, ctx);  // last: it lists the pages before it
  Sha256 digest;
  digest.update_field(program_identity());
  digest.update_field(theme.fingerprint());
  templates::add_to_digest(impl_->site, digest);
  impl_->fingerprint = digest.hex();
}

SitePages::~SitePages() = default;
SitePages::SitePages(SitePages&&) noexcept = default;
SitePages& SitePages::operator=(SitePages&&) noexcept = default;

const std::vector<PageJob>& SitePages::jobs() const { return impl_->jobs; }

templates::Renderer SitePages::renderer() const { return impl_->theme.renderer(impl_->site); }

const std::string& SitePages::fingerprint() const { return impl_->fingerprint; }

}  // namespace gazette::render
