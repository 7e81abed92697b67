// ChromeExport: a reactor-lab trace as Chrome Trace Event Format (the JSON that Perfetto's UI and
// chrome://tracing open), so the loop can be seen in the tools engineers already use.
//
// What maps to what:
//   - metadata ("ph":"M"): process_name (program, backend, clock) and one thread_name per thread;
//     the loop is tid 1, each thread of a threaded-baseline trace (events with a "thread" field)
//     gets its own tid, named by the first "name" its events give, else "thread N";
//   - complete slices ("ph":"X"), nested on their thread: the run, each iteration, its phases
//     (kind::phases: Run thread calls when it ran, Run due timers, Compute the timeout, Wait for
//     events, Dispatch ready handlers), and inside
//     them each dispatch (a timer firing, a handler's doRead/doWrite); on a threaded-baseline
//     lane, the thread's life (thread_started..thread_exited) and each blocking call in it
//     (thread_blocked..thread_woke);
//   - flow arrows ("ph":"s" then "f" with "bp":"e"), one per timer that fired, from a small
//     "Timer scheduled" slice where callLater ran to the slice of the timer firing;
//   - async spans ("ph":"b"/"e", cat "deferred"), one per Deferred, from deferred_created to the
//     last event that names it;
//   - instant events ("ph":"i", "s":"t") for every other event, with its label as name.
// Every item carries the event's fields (and seq, t_ns, iter) in "args".
// Time: "ts" is in microseconds, Chrome's unit. A manual clock stands still while the loop works,
// so many events share one t; each event is given its own microsecond (ts = max(t in µs,
// previous ts + 1)), which keeps slices nested and ordered. A system-clock trace keeps its real
// times except where events came less than 1 µs apart. The exact t is in args.t_ns.
// Not here: reading the trace (TraceModel) or the command line (export.cpp).
// Tested in tests/tools/chrome_export_test.cpp against the format's rules.
#pragma once

#include "model/trace_model.h"
#include "trace/trace_json.h"

namespace lab::cli {

// The whole export: {"traceEvents": [...]} in time order, metadata first.
TraceJson toChromeTrace(const viz::TraceModel& model);

}  // namespace lab::cli
