# Proves cmake/Layering.cmake can fire: a scratch project whose INTERFACE core target reaches Qt
# through an area library must fail to configure with "Layering violation", and the same project
# without that link must configure. Run: cmake -DSOURCE_DIR=… -DWORK_DIR=… -P check_layering.cmake
foreach(variant IN ITEMS clean forbidden)
  set(dir ${WORK_DIR}/layering-${variant})
  file(REMOVE_RECURSE ${dir})
  file(MAKE_DIRECTORY ${dir})
  set(extra "")
  if(variant STREQUAL "forbidden")
    set(extra "target_link_libraries(transfusion_core_data INTERFACE Qt6::Gui)")
  endif()
  file(WRITE ${dir}/CMakeLists.txt
       "cmake_minimum_required(VERSION 3.25)\n"
       "project(layering_check NONE)\n"
       "add_library(Qt6::Gui INTERFACE IMPORTED)\n"
       "add_library(torch INTERFACE IMPORTED)\n"
       "add_library(transfusion_core_data INTERFACE)\n"
       "target_link_libraries(transfusion_core_data INTERFACE torch)\n"
       "${extra}\n"
       "add_library(transfusion_core INTERFACE)\n"
       "target_link_libraries(transfusion_core INTERFACE transfusion_core_data)\n"
       "include(${SOURCE_DIR}/cmake/Layering.cmake)\n")
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${dir} -B ${dir}/build
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(variant STREQUAL "clean" AND NOT rc EQUAL 0)
    message(FATAL_ERROR "the clean graph was refused:\n${err}")
  endif()
  if(variant STREQUAL "forbidden")
    if(rc EQUAL 0)
      message(FATAL_ERROR "a core library linking Qt6::Gui through an INTERFACE target configured")
    endif()
    if(NOT err MATCHES "Layering violation: transfusion_core links Qt6::Gui")
      message(FATAL_ERROR "the configure failed, but not with the layering message:\n${err}")
    endif()
  endif()
endforeach()
message(STATUS "layering check: fires on a forbidden link, passes a clean graph")
