# Every dependency is a Debian package (see README: the test command installs them).
find_package(PkgConfig REQUIRED)
pkg_check_modules(CMARKGFM REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(GIT2 REQUIRED IMPORTED_TARGET libgit2)
# cpp-httplib is a compiled library built with OpenSSL, zlib and brotli: its pkg-config
# flags (-DCPPHTTPLIB_*_SUPPORT) must match the library, so take them from there.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
find_package(xapian REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(nlohmann_json REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)  # the static search index is gzip-compressed (zlib1g-dev)
if(GAZETTE_BUILD_TESTS)
  find_package(doctest REQUIRED)
endif()

# Xapian's CMake config has no imported target: make one so modules link it like the rest.
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

# kainjow Mustache is header-only (libkainjow-mustache-dev): check it is there.
find_path(KAINJOW_MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
