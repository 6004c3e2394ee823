# cmake -DROOT=<dir> -DOUTPUT=<file.cpp> -P EmbedFiles.cmake
# Writes a C++ source that returns every file under ROOT as {relative path, bytes}.
file(GLOB_RECURSE files RELATIVE "${ROOT}" "${ROOT}/*")
list(SORT files)
set(body "")
set(index 0)
foreach(rel IN LISTS files)
  if(rel MATCHES "(^|/)\\.")
    continue()
  endif()
  file(READ "${ROOT}/${rel}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND body "  static const unsigned char f${index}[] = {${bytes}0};\n")
  string(APPEND body "  files.emplace(\"${rel}\", std::string(reinterpret_cast<const char*>(f${index}), ${size}));\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from the theme by cmake/EmbedFiles.cmake: do not edit.
#include \"embedded_theme.hpp\"

namespace gazette::templates::detail {
std::map<std::string, std::string> builtin_theme_files() {
  std::map<std::string, std::string> files;
${body}  return files;
}
}  // namespace gazette::templates::detail
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
