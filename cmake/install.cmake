# What `cmake --install BUILD --prefix PREFIX` puts under PREFIX:
#   bin/loopscope                      the window and the command line
#   libexec/loopscope/loopscope-python the child that runs Python programs (found next to ../libexec)
#   include/loopscope/...              the public headers of loopscope::core and loopscope::sim
#   lib/libloopscope_{core,sim}.a      the libraries, with lib/cmake/loopscope (find_package) and
#                                      lib/pkgconfig/loopscope-{core,sim}.pc, both relocatable
#   share/man/man1/loopscope.1.gz, share/applications, share/icons, share/mime: the desktop's entries
# The listings, lessons and bridge modules are compiled in; the fonts are
# Debian's fonts-dejavu-core: nothing is looked up in the source tree.
include(CMakePackageConfigHelpers)
set(loopscope_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/loopscope)

install(TARGETS loopscope_core loopscope_sim EXPORT loopscope-targets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/ ${PROJECT_SOURCE_DIR}/sim/include/
                  ${PROJECT_BINARY_DIR}/core/generated/include/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT loopscope-targets NAMESPACE loopscope:: DESTINATION ${loopscope_cmake_dir})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/loopscope-config.cmake.in
                              ${PROJECT_BINARY_DIR}/loopscope-config.cmake INSTALL_DESTINATION ${loopscope_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/loopscope-config-version.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/loopscope-config.cmake ${PROJECT_BINARY_DIR}/loopscope-config-version.cmake
        DESTINATION ${loopscope_cmake_dir})

# pkg-config: the prefix is found from the .pc file's own place, wherever PREFIX is.
file(RELATIVE_PATH pc_to_prefix /root/${CMAKE_INSTALL_LIBDIR}/pkgconfig /root)
foreach(pc loopscope-core loopscope-sim)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/${pc}.pc.in ${PROJECT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()

if(TARGET loopscope)
  install(TARGETS loopscope RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
if(TARGET loopscope-python)
  install(TARGETS loopscope-python RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/loopscope)
endif()

# The manual page and Debian's changelog, compressed as Debian ships them (gzip -n: reproducible).
find_program(GZIP gzip REQUIRED)
set(VERSION ${PROJECT_VERSION})
configure_file(${PROJECT_SOURCE_DIR}/assets/man/loopscope.1 ${PROJECT_BINARY_DIR}/man/loopscope.1 @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/debian/changelog.in ${PROJECT_BINARY_DIR}/doc/changelog @ONLY)
foreach(text man/loopscope.1 doc/changelog)
  add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/${text}.gz
                     COMMAND ${GZIP} -9 -n -f -k ${PROJECT_BINARY_DIR}/${text}
                     DEPENDS ${PROJECT_BINARY_DIR}/${text} VERBATIM)
endforeach()
add_custom_target(loopscope_compressed_docs ALL DEPENDS ${PROJECT_BINARY_DIR}/man/loopscope.1.gz
                                                        ${PROJECT_BINARY_DIR}/doc/changelog.gz)
install(FILES ${PROJECT_BINARY_DIR}/man/loopscope.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_BINARY_DIR}/doc/changelog.gz ${CMAKE_CURRENT_LIST_DIR}/debian/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

if(LOOPSCOPE_UI)
  install(FILES ${PROJECT_SOURCE_DIR}/assets/desktop/loopscope.desktop
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/assets/desktop/loopscope.svg
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps)
  install(FILES ${PROJECT_SOURCE_DIR}/assets/desktop/loopscope-trace.xml
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/mime/packages RENAME loopscope.xml)
endif()
