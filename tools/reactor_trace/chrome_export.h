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
//     "Timer scheduled" slice where callLater ran (its latest timer_scheduled) to the slice of
//     the timer firing;
//   - async spans ("ph":"b"/"e", cat "deferred"), one per Deferred, from deferred_created to the
//     last event that names it;
//   - instant events ("ph":"i", "s":"t") for every other event, with its label as name.
// Every item carries the event's fields (and seq, t_ns, iter) in "args".
// Time: "ts" is in microseconds, Chrome's unit. A manual clock stands still while the loop works,
// so many events share one t; each event is given its own microsecond (ts = max(t in µs,
// previous ts + 1)), which keeps slices nested and ordered. A system-clock trace keeps its real
// times except where events came less than 1 µs apart. The exact t is in args.t_ns.
//
// Streaming: the trace is read twice and never held. The first read (chrome_plan.h) finds where
// each Deferred's span ends; the second writes each item as soon as it is known, so memory holds
// only what is open: the slices not yet closed, the timers scheduled and not yet fired, the
// Deferreds whose last event is still to come. What that changes from a sorted file, and why the
// viewers open it the same: items are not in ts order (an X slice is written when it closes,
// after the slices inside it; metadata comes last, once every thread's name is known), and the
// format does not ask for an order: chrome://tracing and Perfetto's JSON importer both sort by ts
// (at one ts both keep file order, which is why two X slices must not tie: a parent written
// after its child at the same ts would be drawn inside it). Where order at one ts matters, it is
// kept: a flow end ("f", bound to the slice enclosing it) is written just after its timer's
// slice, a flow start just after its "Timer scheduled" slice, a span's "e" after its "b". Every
// slice starts at a ts of its own (one event, one ts), so no two slices of a thread tie.
// One item per line, so the file can be read with grep and diffed.
// Not here: the command line and its files (export.cpp).
// Tested in tests/tools/chrome_export_test.cpp against the format's rules and against the
// previous (whole-model) exporter's output on lesson traces and the edge fixtures.
#pragma once

#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>

#include "chrome_plan.h"

namespace lab::cli {

// The second read found other events than the first (the file changed between them), or `out`
// failed. The output is then not a whole export; the caller removes it.
struct ChromeExportError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Writes {"traceEvents": [...]} for the trace `in` reads, one item per line, as it reads it.
// `plan` is the first read's of the same trace; the reader's problems were said there and are
// not said again. Throws ChromeExportError as said above.
void writeChromeTrace(std::istream& in, const std::string& name, const ChromePlan& plan, std::ostream& out);

}  // namespace lab::cli
