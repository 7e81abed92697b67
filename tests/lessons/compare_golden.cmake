# Runs a lesson program and compares its trace with the golden one (golden-compare prints where
# they first differ).
separate_arguments(args UNIX_COMMAND "${ARGS}")
separate_arguments(compare_flags UNIX_COMMAND "${COMPARE_FLAGS}")
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${PROGRAM} ${args} --trace ${OUT}/actual.jsonl RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${status}")
endif()
execute_process(COMMAND ${COMPARE} ${compare_flags} ${EXPECTED} ${OUT}/actual.jsonl RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "the trace differs from ${EXPECTED}; if the change is deliberate, regenerate it with "
                      "`cmake --build build --target golden` and read the diff")
endif()
