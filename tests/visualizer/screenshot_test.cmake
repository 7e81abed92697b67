# The GUI test: reactor-viz renders a lesson trace under a virtual display (xvfb-run) into a PNG
# at several steps; png-not-blank checks each PNG exists and is not one flat colour, and the
# PNGs must differ from each other (the cursor moved, so what the panels show changed).
# -DVIZ=reactor-viz -DCHECK=png-not-blank -DTRACE=trace.jsonl -DOUT=shot (writes shot-STEP.png)
# -DSTEPS=5,40,90  -DEXTRA="--compare|other.jsonl" (more arguments, "|"-separated; optional)
find_program(XVFB_RUN xvfb-run)
if(NOT XVFB_RUN)
  # A GUI test that cannot run has not passed: scripts/setup installs xvfb and xauth.
  message(FATAL_ERROR "xvfb-run is not installed (run ./scripts/setup, or apt-get install xvfb xauth)")
endif()
if(NOT STEPS)
  set(STEPS 20)
endif()
string(REPLACE "," ";" STEPS "${STEPS}")
string(REPLACE "|" ";" EXTRA "${EXTRA}")
set(ENV{LIBGL_ALWAYS_SOFTWARE} 1)
# Under the asan preset: Mesa's software GL driver leaks a few hundred bytes per process (valgrind
# shows them under glfwCreateWindow and ImGui_ImplOpenGL3_RenderDrawData), in frames without frame
# pointers that LeakSanitizer can neither attribute nor suppress. So the GUI runs keep every
# AddressSanitizer and UBSan check but not the leak check; `reactor-viz --check` and the headless
# model tests keep that too. (No effect on builds without sanitizers.)
set(ENV{ASAN_OPTIONS} "detect_leaks=0")
set(hashes "")
foreach(step IN LISTS STEPS)
  set(png ${OUT}-${step}.png)
  file(REMOVE ${png})
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24" ${VIZ} ${TRACE} ${EXTRA} --screenshot ${png} --step ${step} --size 1280x800
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors TIMEOUT 50)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "reactor-viz --screenshot --step ${step} failed (${result}):\n${output}${errors}")
  endif()
  if(NOT EXISTS ${png})
    message(FATAL_ERROR "reactor-viz said it succeeded but wrote no ${png}:\n${output}${errors}")
  endif()
  execute_process(COMMAND ${CHECK} ${png} RESULT_VARIABLE blank OUTPUT_VARIABLE checked ERROR_VARIABLE checkErrors)
  if(NOT blank EQUAL 0)
    message(FATAL_ERROR "the screenshot at step ${step} looks blank:\n${checked}${checkErrors}")
  endif()
  file(SHA256 ${png} hash)
  list(FIND hashes ${hash} seen)
  if(NOT seen EQUAL -1)
    message(FATAL_ERROR "the screenshot at step ${step} is identical to an earlier step's: stepping changed nothing on screen")
  endif()
  list(APPEND hashes ${hash})
  message("step ${step}: ${output}${checked}")
endforeach()
