# A .deb that depends on Debian's runtime packages (scripts/setup.sh installs the same ones).
install(FILES ${PROJECT_SOURCE_DIR}/resources/transfusion-studio.desktop DESTINATION share/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/transfusion-studio.svg
        DESTINATION share/icons/hicolor/scalable/apps)
if(EXISTS ${PROJECT_SOURCE_DIR}/resources/models)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/models DESTINATION share/transfusion)
endif()

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "transfusion-studio")
set(CPACK_PACKAGE_VENDOR "Transfusion Studio")
set(CPACK_PACKAGE_CONTACT "Transfusion Studio developers <dev@transfusion-studio.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libtorch1.13, libopenblas0-openmp, libsentencepiece0, libspdlog1.10, libqt6widgets6, libqt6printsupport6, libqt6svg6, libqcustomplot2.1-qt6, libarchive13, dataset-fashion-mnist, fonts-noto-cjk")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
include(CPack)
