# SPDX-License-Identifier: Apache-2.0
# All strictness lives on one INTERFACE target that every project target links PRIVATE.
add_library(s3desk_options INTERFACE)
target_compile_features(s3desk_options INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_definitions(s3desk_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    S3DESK_VERSION_STRING="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    # -Wshadow=local is GCC's spelling; clang (the fuzzing build) only knows -Wshadow-uncaptured-local.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        set(S3DESK_SHADOW_WARNING -Wshadow=local)
    else()
        set(S3DESK_SHADOW_WARNING -Wshadow-uncaptured-local)
    endif()
    target_compile_options(s3desk_options INTERFACE -Wall -Wextra -Wpedantic ${S3DESK_SHADOW_WARNING} -Wnon-virtual-dtor)
    if(S3DESK_WARNINGS_AS_ERRORS)
        target_compile_options(s3desk_options INTERFACE -Werror)
    endif()
    # Each test executable links all of s3core (and ui); with full DWARF inside every one of them the test build
    # took 6-7 GB of disk and most of its link time. Sanitizer and fuzzer reports need line numbers, which their
    # symbolizers do not read from split DWARF: those builds keep line tables only (-g1); the others move the debug
    # info to .dwo files beside the objects (gdb reads them).
    if(S3DESK_ENABLE_SANITIZERS OR S3DESK_BUILD_FUZZERS)
        target_compile_options(s3desk_options INTERFACE $<$<CONFIG:Debug,RelWithDebInfo>:-g1>)
    elseif(S3DESK_SPLIT_DWARF)
        target_compile_options(s3desk_options INTERFACE $<$<CONFIG:Debug,RelWithDebInfo>:-gsplit-dwarf>)
    endif()
    if(S3DESK_ENABLE_SANITIZERS)
        target_compile_options(s3desk_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(s3desk_options INTERFACE -fsanitize=address,undefined)
    endif()
endif()
