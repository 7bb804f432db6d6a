# Fails when any C++ file of the project differs from what clang-format makes of it.
file(GLOB_RECURSE files ${SOURCE_DIR}/core/*.h ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/widgets/*.h
     ${SOURCE_DIR}/widgets/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/tests/*.h
     ${SOURCE_DIR}/tests/*.cpp)
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
