# `cpack -G DEB` in a build directory: loopscope_<version>_amd64.deb, with
# what cmake --install puts under /usr. Its Depends are computed from the
# executables' shared libraries (dpkg-shlibdeps) plus what they open at run
# time: Python's standard library (the child embeds CPython 3.11 statically)
# and the DejaVu fonts the window draws with.
set(CPACK_PACKAGE_NAME loopscope)
set(CPACK_PACKAGE_VENDOR "The Loopscope developers")
set(CPACK_PACKAGE_CONTACT "Loopscope developers <loopscope@lists.debian.net>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "see how an asyncio event loop really runs your coroutines")
set(CPACK_PACKAGE_DESCRIPTION "Loopscope runs asyncio programs on a C++20 event loop that behaves as
CPython 3.11's asyncio does, on a virtual clock, and records every task
state change. Its window replays the record: a lane per task, the ready
queue and timer heap, the source with a cursor per task, the output.
Step back and forth, try what-ifs, edit a program and run it again.
It also ships the C++ libraries (loopscope::core, loopscope::sim) with
their CMake package and pkg-config files, to record your own coroutines.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libpython3.11-stdlib, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_GENERATOR DEB)
# What lintian says of the child that is not so (the file says why).
install(FILES ${CMAKE_CURRENT_LIST_DIR}/debian/lintian-overrides
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/lintian/overrides RENAME loopscope)
include(CPack)
