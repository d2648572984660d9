# SPDX-License-Identifier: Apache-2.0
# S3DESK_BUILD_FUZZERS: every project target (s3core above all) is compiled with libFuzzer's coverage
# instrumentation plus ASan and UBSan; the targets in tests/fuzz/ link libFuzzer's main. UBSan findings abort
# (no recovery) so that libFuzzer records them as crashes with a reproducer. Qt itself is not instrumented:
# coverage guides the fuzzer through our parsers, and ASan still checks every access our code makes.
if(NOT S3DESK_BUILD_FUZZERS)
    return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "S3DESK_BUILD_FUZZERS needs clang with libFuzzer (Debian: clang libclang-rt-14-dev); "
                        "configure with CC=clang CXX=clang++ in a separate build folder")
endif()
if(S3DESK_ENABLE_SANITIZERS)
    message(FATAL_ERROR "S3DESK_BUILD_FUZZERS already enables ASan and UBSan: leave S3DESK_ENABLE_SANITIZERS off")
endif()
target_compile_options(s3desk_options INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
target_link_options(s3desk_options INTERFACE -fsanitize=address,undefined)
