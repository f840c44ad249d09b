# Writes etalon/version.hpp: the project version, the git revision of the
# source tree and whether its tracked files had uncommitted changes, with the
# build's paths. Run as a script (cmake -P) at configure time and again at
# every build (the etalon_version_stamp target), so that a run's provenance
# names the commit its binary was built from, not the one last configured.
# The header is rewritten only when its text changes: a build of an
# unchanged tree recompiles nothing.
#
# Inputs (-D): ETALON_SOURCE_DIR, ETALON_VERSION_HEADER, ETALON_VERSION,
# ETALON_COMPILED_CATALOG, GIT_EXECUTABLE (empty when git is not installed).
foreach(input ETALON_SOURCE_DIR ETALON_VERSION_HEADER ETALON_VERSION ETALON_COMPILED_CATALOG)
  if(NOT DEFINED ${input})
    message(FATAL_ERROR "GitRevision.cmake: -D${input}=... is required")
  endif()
endforeach()

set(ETALON_GIT_SHA "unknown")
set(ETALON_GIT_DIRTY "false")
if(GIT_EXECUTABLE AND EXISTS "${ETALON_SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse HEAD
    WORKING_DIRECTORY "${ETALON_SOURCE_DIR}"
    OUTPUT_VARIABLE sha OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE git_result ERROR_QUIET)
  if(git_result EQUAL 0)
    set(ETALON_GIT_SHA "${sha}")
    execute_process(COMMAND "${GIT_EXECUTABLE}" status --porcelain --untracked-files=no
      WORKING_DIRECTORY "${ETALON_SOURCE_DIR}"
      OUTPUT_VARIABLE git_status OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT "${git_status}" STREQUAL "")
      set(ETALON_GIT_DIRTY "true")
    endif()
  endif()
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/version.hpp.in" "${ETALON_VERSION_HEADER}" @ONLY)
