// ChildProcess: a server or load generator that echo-bench runs, pinned to one core, with its
// standard output (and, for the load, standard error) read through a pipe.
//
// Pinning: sched_setaffinity in the child before exec, so every thread the program starts
// inherits the core. Not a general process library: only what bench/echo_bench.cpp needs.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace lab::bench {

class ChildProcess {
public:
    // Starts argv[0] (a path) with argv. core < 0: not pinned. mergeStderr: stderr into the
    // pipe too; otherwise stderr goes to `stderrPath` (truncated), or /dev/null when empty.
    ChildProcess(const std::vector<std::string>& argv, int core, bool mergeStderr, const std::string& stderrPath = "");
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    // The next line of output, waiting at most `timeoutMs`; nullopt on timeout or end of output.
    std::optional<std::string> readLine(int timeoutMs);
    // Reads whatever output arrives within `timeoutMs`; false once the output has ended.
    bool pump(int timeoutMs);
    const std::string& output() const { return output_; }
    // Sends `signal`, waits up to `timeoutMs` for the exit (then SIGKILL); the exit status, or
    // -1 when the process had to be killed or died of a signal.
    int stop(int signal, int timeoutMs);
    // Waits for the process to exit by itself; its exit status, -1 for a signal.
    int wait();

private:
    pid_t pid_ = -1;
    int out_ = -1;
    bool exited_ = false;
    std::string output_;      // everything read so far
    std::size_t consumed_ = 0;  // how much of output_ readLine() has returned
};

// How many cores this process may run on (sched_getaffinity).
int usableCores();
// Pins the calling thread (and the threads it starts later) to `core`.
void pinToCore(int core);

}  // namespace lab::bench
