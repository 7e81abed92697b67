# `reactor-viz --check` on one trace: the exit code and one line of what it prints must be the
# expected ones. No window is opened, so no virtual display is needed.
# -DVIZ=reactor-viz -DTRACE=file.jsonl (empty: no trace, a usage error) -DCODE=0|1|2 -DEXPECT=text
if(TRACE STREQUAL "")
  set(command ${VIZ} --check)
else()
  set(command ${VIZ} --check ${TRACE})
endif()
execute_process(COMMAND ${command} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors TIMEOUT 30)
if(NOT result STREQUAL "${CODE}")
  message(FATAL_ERROR "reactor-viz --check ${TRACE} exited with ${result}, expected ${CODE}:\n${output}${errors}")
endif()
string(FIND "${output}${errors}" "${EXPECT}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "reactor-viz --check ${TRACE} did not say \"${EXPECT}\":\n${output}${errors}")
endif()
message("${output}${errors}")
