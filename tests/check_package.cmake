# Builds the .deb with CPack and checks that it holds the binaries, the shim, the desktop file and icon.
execute_process(COMMAND cpack -G DEB WORKING_DIRECTORY ${BUILD_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cpack failed: ${out}${err}")
endif()
file(GLOB debs ${BUILD_DIR}/transfusion-studio_*.deb)
list(LENGTH debs n)
if(n EQUAL 0)
  message(FATAL_ERROR "cpack made no .deb in ${BUILD_DIR}")
endif()
list(GET debs 0 deb)
execute_process(COMMAND dpkg-deb -c ${deb} OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
execute_process(COMMAND dpkg-deb -f ${deb} Depends OUTPUT_VARIABLE depends)
foreach(required IN ITEMS ./usr/bin/transfusion ./usr/bin/transfusion-studio
                          ./usr/lib/transfusion/libtfs_spm_shim.so
                          ./usr/share/applications/transfusion-studio.desktop
                          ./usr/share/icons/hicolor/scalable/apps/transfusion-studio.svg
                          ./usr/share/transfusion/models/fmnist-demo/config.json
                          ./usr/share/transfusion/models/fmnist-demo/tokenizer.model
                          ./usr/share/transfusion/models/fmnist-classifier.safetensors)
  string(FIND "${listing}" "${required}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "${deb} lacks ${required}. It holds:\n${listing}")
  endif()
endforeach()
foreach(dep IN ITEMS libtorch1.13 libsentencepiece0 libqt6widgets6 libqcustomplot2.1-qt6 fonts-noto-cjk)
  string(FIND "${depends}" "${dep}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "${deb} does not depend on ${dep}: Depends is '${depends}'")
  endif()
endforeach()
message(STATUS "${deb}: all required files present")
