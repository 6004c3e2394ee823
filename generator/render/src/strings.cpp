#include "strings.hpp"

namespace gazette::render {

const std::string& Strings::get(const std::string& key) const {
  auto it = strings_.find(key);
  return it == strings_.end() ? key : it->second;
}

std::string Strings::format(const std::string& key,
                            std::initializer_list<std::pair<const char*, std::string>> args) const {
  std::string out = get(key);
  for (const auto& [name, value] : args) {
    std::string placeholder = std::string("{") + name + "}";
    for (std::size_t pos = out.find(placeholder); pos != std::string::npos;
         pos = out.find(placeholder, pos + value.size())) {
      out.replace(pos, placeholder.size(), value);
    }
  }
  return out;
}

}  // namespace gazette::render
