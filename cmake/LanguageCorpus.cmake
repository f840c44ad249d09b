# Compiles the language identifier's training text (one file per language,
# harness/audit/language_corpus/<code>.txt, one sentence a line) into
# generated/language_corpus.cpp, so identifying a language needs no file at
# run time. Sets ETALON_LANGUAGE_CORPUS_SOURCE to the generated file.
file(GLOB etalon_corpus_files CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/harness/audit/language_corpus/*.txt")
list(SORT etalon_corpus_files)
set(ETALON_LANGUAGE_CORPORA "")
foreach(corpus_file IN LISTS etalon_corpus_files)
  get_filename_component(code "${corpus_file}" NAME_WE)
  file(READ "${corpus_file}" corpus_text)
  string(APPEND ETALON_LANGUAGE_CORPORA "      {\"${code}\", R\"etalon_corpus(${corpus_text})etalon_corpus\"},\n")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${corpus_file}")
endforeach()
set(ETALON_LANGUAGE_CORPUS_SOURCE "${PROJECT_BINARY_DIR}/generated/language_corpus.cpp")
configure_file("${CMAKE_CURRENT_LIST_DIR}/language_corpus.cpp.in" "${ETALON_LANGUAGE_CORPUS_SOURCE}" @ONLY)
