// ChildProcess; see child_process.h.
#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace lab::bench {

int usableCores() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) != 0) return 1;
    return CPU_COUNT(&set);
}

void pinToCore(int core) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(core, &set);
    ::sched_setaffinity(0, sizeof set, &set);
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, int core, bool mergeStderr, const std::string& stderrPath) {
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe2 failed: ") + std::strerror(errno));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    if (pid_ == 0) {
        // In the child: only async-signal-safe calls until exec.
        if (core >= 0) pinToCore(core);
        ::dup2(pipeFds[1], 1);
        int err = mergeStderr ? pipeFds[1]
                              : ::open(stderrPath.empty() ? "/dev/null" : stderrPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (err >= 0) ::dup2(err, 2);
        ::execv(args[0], args.data());
        const char message[] = "echo-bench: exec failed\n";
        (void)!::write(2, message, sizeof message - 1);
        ::_exit(127);
    }
    ::close(pipeFds[1]);
    out_ = pipeFds[0];
}

ChildProcess::~ChildProcess() {
    if (!exited_ && pid_ > 0) stop(SIGKILL, 1000);
    if (out_ >= 0) ::close(out_);
}

bool ChildProcess::pump(int timeoutMs) {
    if (out_ < 0) return false;
    pollfd p{out_, POLLIN, 0};
    int n = ::poll(&p, 1, timeoutMs);
    if (n <= 0) return true;  // timeout (or EINTR): the output goes on
    char buffer[4096];
    ssize_t got = ::read(out_, buffer, sizeof buffer);
    if (got <= 0) {
        ::close(out_);
        out_ = -1;
        return false;
    }
    output_.append(buffer, static_cast<std::size_t>(got));
    return true;
}

std::optional<std::string> ChildProcess::readLine(int timeoutMs) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        std::size_t end = output_.find('\n', consumed_);
        if (end != std::string::npos) {
            std::string line = output_.substr(consumed_, end - consumed_);
            consumed_ = end + 1;
            return line;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0 || !pump(static_cast<int>(left))) return std::nullopt;
    }
}

int ChildProcess::stop(int signal, int timeoutMs) {
    if (exited_) return -1;
    ::kill(pid_, signal);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
            exited_ = true;
            return -1;
        }
        pump(20);  // keep the pipe drained so a chatty child cannot block on a full pipe
    }
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int ChildProcess::wait() {
    while (pump(1000)) {
    }
    int status = 0;
    ::waitpid(pid_, &status, 0);
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace lab::bench
