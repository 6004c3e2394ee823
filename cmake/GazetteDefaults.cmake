# Settings every gazette target shares, set per target (never globally).
set(GAZETTE_TEST_COMPILE_OPTIONS "" CACHE STRING
    "Compile options of the test programs only, after the others (the asan preset's: -O0 and no libFuzzer coverage)")
function(gazette_target_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF COMPILE_WARNING_AS_ERROR ON)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                             -Wnon-virtual-dtor)
    # GCC 12 reports false -Wrestrict overlaps inside std::string at -O2/-O3
    # (https://gcc.gnu.org/bugzilla/show_bug.cgi?id=105651); the code is fine.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
  endif()
  if(GAZETTE_SANITIZE)
    string(REPLACE ";" "," sanitizers "${GAZETTE_SANITIZE}")
    target_compile_options(${target} PRIVATE -fsanitize=${sanitizers} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${sanitizers})
  endif()
endfunction()

# gazette_target_defaults for a test program, then GAZETTE_TEST_COMPILE_OPTIONS. The asan preset
# compiles the tests' own code at -O0 without libFuzzer's coverage: the libraries under test keep
# -O1 and every sanitizer check, the tests keep every sanitizer check (-O0 hides none), and
# the tests compile in half the time (optimising and instrumenting their large test functions
# took most of the build).
function(gazette_test_defaults target)
  gazette_target_defaults(${target})
  target_compile_options(${target} PRIVATE ${GAZETTE_TEST_COMPILE_OPTIONS})
endfunction()

# A module library: gazette_<name>, aliased gazette::<name>, public headers in include/.
function(gazette_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(gazette_${name} STATIC ${ARG_SOURCES})
  add_library(gazette::${name} ALIAS gazette_${name})
  target_include_directories(gazette_${name} PUBLIC include PRIVATE src)
  target_link_libraries(gazette_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  gazette_target_defaults(gazette_${name})
endfunction()

# The unit tests of a module: one executable, gazette_<name>_tests, each case a ctest test.
function(gazette_module_tests name)
  if(NOT GAZETTE_BUILD_TESTS)
    return()
  endif()
  add_executable(gazette_${name}_tests ${ARGN})
  target_link_libraries(gazette_${name}_tests PRIVATE gazette::${name} gazette_test_main
                                                  gazette_test_support)
  target_include_directories(gazette_${name}_tests PRIVATE src)
  gazette_test_defaults(gazette_${name}_tests)
  doctest_discover_tests(gazette_${name}_tests
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    PROPERTIES ENVIRONMENT "GAZETTE_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
