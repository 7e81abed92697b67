// ProcStatus: what the kernel says about a running process, read from /proc/PID/status and
// /proc/PID/stat: resident memory now and at its peak, reserved address space, threads, and CPU
// time. Values of a process that has exited are zero (the files are gone). Used by echo-bench.
#pragma once

#include <sys/types.h>

namespace lab::bench {

struct ProcStatus {
    long rssKb = 0;     // VmRSS: resident now
    long hwmKb = 0;     // VmHWM: the most ever resident ("peak RSS")
    long vmPeakKb = 0;  // VmPeak: the most address space ever reserved (thread stacks count in full)
    long threads = 0;   // Threads
};

ProcStatus readProcStatus(pid_t pid);
// utime + stime in seconds: CPU time the process has used, in all its threads.
double readCpuSeconds(pid_t pid);

}  // namespace lab::bench
