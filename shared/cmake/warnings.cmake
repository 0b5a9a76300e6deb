# portal_warnings: the warning set of every target built from our own sources (the core, the
# server, the portal, tests, benchmarks, the fuzzer). Link it PRIVATE; third-party code (ImGui)
# never links it. Warnings are errors unless configured with -DPORTAL_WARNINGS_AS_ERRORS=OFF
# (e.g. when trying a newer compiler that warns about more). The same flags serve GCC (native)
# and emscripten's clang (wasm); tests/fuzz/run_fuzz.sh gets them as FUZZ_WARNINGS. Under clang,
# EM_JS bodies go through the preprocessor: write their JS strings with double quotes ('' is an
# empty character constant, -Winvalid-pp-token).
option(PORTAL_WARNINGS_AS_ERRORS "treat compiler warnings in our own code as errors" ON)

set(PORTAL_WARNING_FLAGS
  -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor -Woverloaded-virtual
  -Wcast-qual -Wformat=2 -Wimplicit-fallthrough -Wmissing-declarations)
if(PORTAL_WARNINGS_AS_ERRORS)
  list(APPEND PORTAL_WARNING_FLAGS -Werror)
endif()

if(NOT TARGET portal_warnings)
  add_library(portal_warnings INTERFACE)
  target_compile_options(portal_warnings INTERFACE ${PORTAL_WARNING_FLAGS})
endif()
