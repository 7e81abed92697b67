// The check of exercise 03 (exercise.cpp): the client sends both messages in one write, splits the
// echo into lines itself, finds both intact, and closes after the whole echo is back.
// Run: ./scripts/run --check-exercise 03
#include "exercise_check.h"

namespace {

// The connection id of the given side ("client" or "server"), or -1 if none was made.
int connectionOf(const lesson::ExerciseCheck& check, const std::string& side) {
    for (const auto* e : check.ofKind("connection_made")) {
        if (e->value("side", std::string{}) == side) return e->value("connection", -1);
    }
    return -1;
}

// The `bytes` of every event of `kind` on `connection`, in trace order.
std::vector<int> bytesOf(const lesson::ExerciseCheck& check, std::string_view kind, int connection) {
    std::vector<int> bytes;
    for (const auto* e : check.ofKind(kind)) {
        if (e->value("connection", -2) == connection) bytes.push_back(e->value("bytes", 0));
    }
    return bytes;
}

int sum(const std::vector<int>& values) {
    int total = 0;
    for (int v : values) total += v;
    return total;
}

}  // namespace

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 03 · both messages at once");
    if (!check.run()) return check.finish();

    int client = connectionOf(check, "client");
    int server = connectionOf(check, "server");
    check.expect(client >= 0 && server >= 0, "the client connects and the server accepts it",
                 "keep main as it is: runEchoServerWith starts the server and connects your client");

    auto written = bytesOf(check, "bytes_buffered", client);
    check.expect(written == std::vector<int>{14}, "the client writes once: both messages, 14 bytes, in one write",
                 "in connectionMade call transport->write(\"hello\\nreactor\\n\") once, and send nothing "
                 "from dataReceived");

    check.expect(sum(bytesOf(check, "bytes_sent", server)) == 14, "the server echoes all 14 bytes back",
                 "the server is not yours to change; if it echoed less, your client closed before it had "
                 "everything back");

    bool both = check.output().find("client: echoed intact: hello\nclient: echoed intact: reactor\n") != std::string::npos;
    check.expect(both && check.output().find("CORRUPTED") == std::string::npos,
                 "the client prints \"echoed intact\" for hello, then for reactor",
                 "collect the echo in a string; while it holds a '\\n', take the line up to it, compare it "
                 "with the message sent in that place, print, and erase it from the string");

    // The close comes after the whole echo was read: every client bytes_read precedes it.
    int closeSeq = -1;
    for (const auto* e : check.ofKind("lose_connection")) {
        if (e->value("connection", -2) == client) closeSeq = e->value("seq", 0);
    }
    int readBefore = 0;
    for (const auto* e : check.ofKind("bytes_read")) {
        if (e->value("connection", -2) == client && e->value("seq", 0) < closeSeq) readBefore += e->value("bytes", 0);
    }
    check.expect(closeSeq > 0 && readBefore == 14 && !check.ofKind("run_end").empty(),
                 "the client closes once all 14 bytes have come back, and the server then stops",
                 "call transport->loseConnection() when the second line has been printed, not after the "
                 "first piece of echo");
    return check.finish();
}
