# One check of a lesson's Twisted twin (twisted-tracer/CMakeLists.txt, reactor_lab_twin), chosen by CHECK:
#   same-twice  program.py under the tracer twice (manual clock): byte-identical traces
#   golden      its trace matches the lesson's twisted.jsonl (golden-compare: fds renumbered)
#   listed      reactor-trace diff --twin twin.json expected.jsonl TRACE: every difference listed
# Inputs: TRACER (build/bin/reactorlab-twisted), DIR (the lesson folder), OUT (a scratch folder),
# COMPARE (golden-compare), REACTOR_TRACE.
file(MAKE_DIRECTORY ${OUT})
function(trace_twin out)
  execute_process(COMMAND ${TRACER} run --clock manual --trace ${out} ${DIR}/program.py
                  RESULT_VARIABLE status OUTPUT_QUIET)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${DIR}/program.py under the tracer exited with ${status}")
  endif()
endfunction()

if(CHECK STREQUAL "same-twice")
  trace_twin(${OUT}/first.jsonl)
  trace_twin(${OUT}/second.jsonl)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/first.jsonl ${OUT}/second.jsonl RESULT_VARIABLE same)
  if(NOT same EQUAL 0)
    execute_process(COMMAND diff ${OUT}/first.jsonl ${OUT}/second.jsonl OUTPUT_VARIABLE difference)
    message(FATAL_ERROR "two runs of the twin wrote different traces:\n${difference}")
  endif()
elseif(CHECK STREQUAL "golden")
  trace_twin(${OUT}/actual.jsonl)
  execute_process(COMMAND ${COMPARE} ${DIR}/twisted.jsonl ${OUT}/actual.jsonl RESULT_VARIABLE same)
  if(NOT same EQUAL 0)
    message(FATAL_ERROR "the twin's trace differs from ${DIR}/twisted.jsonl; if the change is deliberate, "
                        "regenerate it with `cmake --build build --target golden` and read the diff")
  endif()
elseif(CHECK STREQUAL "listed")
  trace_twin(${OUT}/listed.jsonl)
  execute_process(COMMAND ${REACTOR_TRACE} diff --twin ${DIR}/twin.json ${DIR}/expected.jsonl ${OUT}/listed.jsonl
                  RESULT_VARIABLE listed)
  if(NOT listed EQUAL 0)
    message(FATAL_ERROR "the C++ lesson and its Twisted twin differ where ${DIR}/twin.json does not say why "
                        "(above: each unlisted difference, and an entry to start from)")
  endif()
else()
  message(FATAL_ERROR "twin_check.cmake: unknown CHECK '${CHECK}'")
endif()
