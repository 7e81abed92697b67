# What the lessons say about Twisted, checked against the installed Twisted (Debian's
# python3-twisted 22.4) under /usr/bin/python3 with the standard library's unittest, one ctest
# test per lesson file (tests/twisted_facts/README.md). Included from tests/CMakeLists.txt.
set(twisted_fact_files
  "test_lesson01_event_loop|lesson 01 says about timers due together and calls made during a pass"
  "test_lesson02_reactor_pattern|lesson 02 says about EINTR, hang-ups and select's descriptor limit"
  "test_lesson03_echo_server|lesson 03 says about accepting, stopListening, loseConnection and abortConnection"
  "test_lesson04_sync_vs_reactor|lesson 04 says about the thread pool, callFromThread, the waker and epoll_ctl"
  "test_lesson05_deferreds|lesson 05 says about long chains, DeferredList and gatherResults"
  "test_lesson06_time|lesson 06 says about LoopingCall, withCount, deferLater and addTimeout"
  "test_lesson07_errors|lesson 07 says about trap and when an unhandled error is reported"
  "test_lesson08_09_web_server|lessons 08 and 09 say about resources, render_GET, SSE and the channel's timeout"
  "test_lesson10_rest_services|lesson 10 says about Agent's pool, readBody and consumeErrors"
  "test_lesson11_coroutines|lesson 11 says about when coroutines and inlineCallbacks start")
foreach(entry IN LISTS twisted_fact_files)
  string(REPLACE "|" ";" fields "${entry}")
  list(GET fields 0 module)
  list(GET fields 1 what)
  set(name "Twisted facts: what ${what} holds for the installed Twisted")
  add_test(NAME "${name}" COMMAND /usr/bin/python3 -m unittest -v ${module}
           WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR})
  set_tests_properties("${name}" PROPERTIES TIMEOUT 60 ENVIRONMENT PYTHONDONTWRITEBYTECODE=1)
endforeach()
