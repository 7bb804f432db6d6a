# The one list of the project's C++ sources for formatting, and what to do with it:
#   MODE=check (default): fail when any differs from what clang-format makes of it (the ctest test);
#   MODE=fix: format them in place (scripts/format.sh);  MODE=list: print them ("-- file PATH").
# Only .h/.cpp files under core/ widgets/ app/ tests/ are listed: never scripts or docs.
if(NOT MODE)
  set(MODE check)
endif()
file(GLOB_RECURSE files ${SOURCE_DIR}/core/*.h ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/widgets/*.h
     ${SOURCE_DIR}/widgets/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/tests/*.h
     ${SOURCE_DIR}/tests/*.cpp)
list(SORT files)
if(MODE STREQUAL "list")
  foreach(f IN LISTS files)
    message(STATUS "file ${f}")
  endforeach()
  return()
endif()
if(NOT CLANG_FORMAT)
  find_program(CLANG_FORMAT NAMES clang-format clang-format-14 REQUIRED)
endif()
if(MODE STREQUAL "fix")
  execute_process(COMMAND ${CLANG_FORMAT} --style=file -i ${files} RESULT_VARIABLE rc
                  WORKING_DIRECTORY ${SOURCE_DIR})
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "clang-format failed (${rc})")
  endif()
  return()
endif()
set(bad "")
foreach(f IN LISTS files)
  execute_process(COMMAND ${CLANG_FORMAT} --style=file --dry-run -Werror ${f} RESULT_VARIABLE rc
                  OUTPUT_QUIET ERROR_QUIET WORKING_DIRECTORY ${SOURCE_DIR})
  if(NOT rc EQUAL 0)
    list(APPEND bad ${f})
  endif()
endforeach()
if(bad)
  string(REPLACE ";" "\n  " bad "${bad}")
  message(FATAL_ERROR "Not clang-formatted (run scripts/format.sh):\n  ${bad}")
endif()
