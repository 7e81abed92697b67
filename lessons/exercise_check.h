// The self-check of a lesson's exercise: run the learner's program with --trace, read what it
// printed and the trace it wrote, and say in plain words which checks pass.
//
// Each lesson's check.cpp is a short list of expect() calls over that trace; this header is the
// part they share. A check reads the trace the way reactor-viz does (lab::readTraceFile), so what
// it checks is what the learner can step through in the replay.
// Used by `./scripts/run --check-exercise NN`; the ctest "Exercise NN-name: ..." tests run every
// check against its reference solution (must pass) and its starting file (must not pass yet).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "trace/trace_reader.h"

namespace lesson {

class ExerciseCheck {
public:
    // argv[1] is the program to check. Exit code 2 (and a usage line) when it is missing.
    ExerciseCheck(int argc, char** argv, std::string title) : title_(std::move(title)) {
        if (argc != 2) {
            std::cerr << "usage: " << (argc > 0 ? argv[0] : "check") << " PROGRAM\n";
            std::exit(2);
        }
        program_ = argv[1];
    }

    // Run the program once with --trace. False, after saying why, when it did not run to a clean
    // exit or left no readable trace: the checks would only repeat that in other words.
    bool run() {
        std::cout << title_ << "\n";
        std::string trace = (std::filesystem::temp_directory_path() /
                             ("exercise-" + std::to_string(::getpid()) + ".jsonl")).string();
        std::string command = quote(program_) + " --trace " + quote(trace);
        FILE* pipe = ::popen(command.c_str(), "r");
        if (!pipe) return cannot("could not start " + program_);
        char buffer[4096];
        std::size_t n;
        while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output_.append(buffer, n);
        int status = ::pclose(pipe);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::filesystem::remove(trace);
            return cannot(program_ + " did not finish cleanly (" + describe(status) +
                          "); read the message it printed above, fix that first, then check again");
        }
        file_ = lab::readTraceFile(trace);
        std::filesystem::remove(trace);
        if (!file_.ok()) return cannot("its trace has a bad line: " + file_.problems.front().toString());
        return true;
    }

    const std::string& output() const { return output_; }
    const std::vector<lab::TraceJson>& events() const { return file_.events; }

    std::vector<const lab::TraceJson*> ofKind(std::string_view kind) const {
        std::vector<const lab::TraceJson*> found;
        for (const auto& e : file_.events) {
            if (e.value("kind", "") == kind) found.push_back(&e);
        }
        return found;
    }

    // One check: what it means in plain words, and a hint for when it fails.
    void expect(bool ok, std::string_view what, std::string_view hint) {
        ++total_;
        if (ok) ++passed_;
        std::cout << (ok ? "  pass  " : "  FAIL  ") << what << "\n";
        if (!ok) std::cout << "        hint: " << hint << "\n";
    }

    // The summary line; exit code 0 when every check passed, 1 otherwise.
    int finish() const {
        std::cout << passed_ << " of " << total_ << " checks pass"
                  << (passed_ == total_ ? ": exercise done.\n" : ".\n");
        return passed_ == total_ && total_ > 0 ? 0 : 1;
    }

private:
    bool cannot(const std::string& why) {
        std::cout << "  FAIL  " << why << "\n";
        return false;
    }
    static std::string quote(const std::string& s) {
        std::string q = "'";
        for (char c : s) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
        return q + "'";
    }
    static std::string describe(int status) {
        if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
        if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
        return "status " + std::to_string(status);
    }

    std::string title_;
    std::string program_;
    std::string output_;
    lab::TraceFile file_;
    int total_ = 0;
    int passed_ = 0;
};

}  // namespace lesson
