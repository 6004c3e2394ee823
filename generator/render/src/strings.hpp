// The theme's interface strings for the site's language.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <utility>

namespace gazette::render {

/// The theme's strings for one language, with {name} placeholders filled in.
class Strings {
 public:
  Strings(const std::map<std::string, std::string>& strings, std::string language)
      : strings_(strings), language_(std::move(language)) {}
  /// The string for `key`, or the key itself when the theme lacks it (visible, not fatal).
  const std::string& get(const std::string& key) const;
  /// get(key) with each {name} replaced.
  std::string format(const std::string& key,
                     std::initializer_list<std::pair<const char*, std::string>> args) const;
  const std::string& language() const { return language_; }
  const std::map<std::string, std::string>& all() const { return strings_; }

 private:
  const std::map<std::string, std::string>& strings_;
  std::string language_;
};

}  // namespace gazette::render
