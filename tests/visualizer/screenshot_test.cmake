# The GUI test: reactor-viz renders a lesson trace at step 20 under a virtual display (xvfb-run)
# into a PNG, and png-not-blank checks the PNG exists and is not one flat colour.
# -DVIZ=reactor-viz -DCHECK=png-not-blank -DTRACE=trace.jsonl -DOUT=shot.png
find_program(XVFB_RUN xvfb-run)
if(NOT XVFB_RUN)
  # A GUI test that cannot run has not passed: scripts/setup installs xvfb and xauth.
  message(FATAL_ERROR "xvfb-run is not installed (run ./scripts/setup, or apt-get install xvfb xauth)")
endif()
file(REMOVE ${OUT})
set(ENV{LIBGL_ALWAYS_SOFTWARE} 1)
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24" ${VIZ} ${TRACE} --screenshot ${OUT} --step 20 --size 1280x800
  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors TIMEOUT 50)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "reactor-viz --screenshot failed (${result}):\n${output}${errors}")
endif()
if(NOT EXISTS ${OUT})
  message(FATAL_ERROR "reactor-viz said it succeeded but wrote no ${OUT}:\n${output}${errors}")
endif()
execute_process(COMMAND ${CHECK} ${OUT} RESULT_VARIABLE blank OUTPUT_VARIABLE checked ERROR_VARIABLE checkErrors)
if(NOT blank EQUAL 0)
  message(FATAL_ERROR "the screenshot looks blank:\n${checked}${checkErrors}")
endif()
message("${output}${checked}")
