# Writes etalon/version.hpp into the build tree: project version, git sha and
# whether the tree had uncommitted changes when the build was configured.
find_package(Git QUIET)
set(ETALON_GIT_SHA "unknown")
set(ETALON_GIT_DIRTY "false")
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse HEAD
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    OUTPUT_VARIABLE ETALON_GIT_SHA OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE git_result ERROR_QUIET)
  if(NOT git_result EQUAL 0)
    set(ETALON_GIT_SHA "unknown")
  endif()
  execute_process(COMMAND "${GIT_EXECUTABLE}" status --porcelain --untracked-files=no
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    OUTPUT_VARIABLE git_status OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT "${git_status}" STREQUAL "")
    set(ETALON_GIT_DIRTY "true")
  endif()
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/version.hpp.in"
  "${PROJECT_BINARY_DIR}/generated/etalon/version.hpp" @ONLY)
