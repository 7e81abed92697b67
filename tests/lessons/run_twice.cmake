# Runs a lesson program twice under its ManualClock and fails unless both traces are byte-identical.
separate_arguments(args UNIX_COMMAND "${ARGS}")
file(MAKE_DIRECTORY ${OUT})
foreach(run first second)
  execute_process(COMMAND ${PROGRAM} ${args} --trace ${OUT}/${run}.jsonl
                  RESULT_VARIABLE status OUTPUT_QUIET)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} exited with ${status}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/first.jsonl ${OUT}/second.jsonl
                RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  execute_process(COMMAND diff ${OUT}/first.jsonl ${OUT}/second.jsonl OUTPUT_VARIABLE difference)
  message(FATAL_ERROR "two runs wrote different traces:\n${difference}")
endif()
