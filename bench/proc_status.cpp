// readProcStatus, readCpuSeconds; see proc_status.h. Field layouts: proc(5).
#include "proc_status.h"

#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

namespace lab::bench {

ProcStatus readProcStatus(pid_t pid) {
    ProcStatus status;
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string key;
    long value = 0;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        if (!(fields >> key >> value)) continue;
        if (key == "VmRSS:") status.rssKb = value;
        else if (key == "VmHWM:") status.hwmKb = value;
        else if (key == "VmPeak:") status.vmPeakKb = value;
        else if (key == "Threads:") status.threads = value;
    }
    return status;
}

double readCpuSeconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    std::size_t close = text.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    long utime = 0, stime = 0;
    // After the name: state is field 3, utime field 14, stime field 15.
    for (int n = 3; n <= 15 && fields >> field; ++n) {
        if (n == 14) utime = std::stol(field);
        if (n == 15) stime = std::stol(field);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

}  // namespace lab::bench
