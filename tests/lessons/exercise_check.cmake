# Runs an exercise's check on one program and expects its exit code: 0 (every check passes, for
# the reference solution) or 1 (some check fails, for the starting file). Anything else, such as
# a crash or a usage error, fails the test too. Used by lessons/CMakeLists.txt.
execute_process(COMMAND ${CHECK} ${PROGRAM} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT "${result}" STREQUAL "${EXPECT}")
  message(FATAL_ERROR "check exited with '${result}', expected ${EXPECT}")
endif()
