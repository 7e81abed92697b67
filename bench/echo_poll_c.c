/* echo-poll-c: the baseline for echo-server's numbers. A minimal single-threaded echo server in
 * plain C around one poll() loop, the way one would write it by hand: no timers, no tracing,
 * no protocol objects, and a read is echoed straight back from inside the read handler.
 *
 *   build/bin/echo-poll-c --port N        (0 picks a free port)
 *
 * Prints "port N" and serves 127.0.0.1 until SIGINT or SIGTERM. The signal reaches the loop
 * through a self-pipe, as in tools/echo_server.cpp, so both servers poll the same kind of set.
 * A short write keeps the rest in a per-connection buffer and stops reading that connection
 * until it drains (the same flow control TcpTransport gets from its write buffer). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define READ_SIZE 65536

/* One slot per polled descriptor: fds[i] and conns[i] describe the same connection. Slot 0 is
 * the listening socket, slot 1 the signal pipe. */
struct conn {
    char *pending; /* bytes read but not yet echoed, from pending[sent] to pending[len] */
    size_t len;
    size_t sent;
};

static struct pollfd *fds;
static struct conn *conns;
static size_t count, capacity;
static int signal_pipe[2] = {-1, -1};

static void on_signal(int signo) {
    int saved = errno;
    char byte = 1;
    (void)signo;
    if (write(signal_pipe[1], &byte, 1) < 0) { /* full pipe: a wake-up is already queued */
    }
    errno = saved;
}

static void die(const char *what) {
    fprintf(stderr, "echo-poll-c: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void add_fd(int fd, short events) {
    if (count == capacity) {
        capacity = capacity ? capacity * 2 : 64;
        fds = realloc(fds, capacity * sizeof *fds);
        conns = realloc(conns, capacity * sizeof *conns);
        if (!fds || !conns) die("realloc");
    }
    fds[count].fd = fd;
    fds[count].events = events;
    fds[count].revents = 0;
    memset(&conns[count], 0, sizeof conns[count]);
    count++;
}

/* Close slot i and move the last slot into it (order does not matter to poll). */
static void drop(size_t i) {
    close(fds[i].fd);
    free(conns[i].pending);
    count--;
    fds[i] = fds[count];
    conns[i] = conns[count];
}

/* Send what is pending; 0 on success (all sent or would block), -1 if the connection failed. */
static int flush_pending(size_t i) {
    struct conn *c = &conns[i];
    while (c->sent < c->len) {
        ssize_t n = send(fds[i].fd, c->pending + c->sent, c->len - c->sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (n < 0) return -1;
        c->sent += (size_t)n;
    }
    if (c->sent == c->len) {
        c->len = c->sent = 0;
        fds[i].events = POLLIN;
    } else {
        fds[i].events = POLLOUT; /* stop reading until the peer takes what it sent us */
    }
    return 0;
}

/* Read once and echo it straight back; a short send keeps the rest as pending. 0 to keep the
 * connection, -1 to drop it. */
static int echo_once(size_t i) {
    static char buffer[READ_SIZE];
    struct conn *c = &conns[i];
    ssize_t n, sent = 0;
    do {
        n = recv(fds[i].fd, buffer, sizeof buffer, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return (errno == EAGAIN || errno == EWOULDBLOCK) ? 0 : -1;
    if (n == 0) return -1; /* end of input */
    while (sent < n) {
        ssize_t m = send(fds[i].fd, buffer + sent, (size_t)(n - sent), MSG_NOSIGNAL);
        if (m < 0 && errno == EINTR) continue;
        if (m < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (m < 0) return -1;
        sent += m;
    }
    if (sent == n) return 0;
    c->pending = realloc(c->pending, (size_t)(n - sent));
    if (!c->pending) die("realloc");
    memcpy(c->pending, buffer + sent, (size_t)(n - sent));
    c->len = (size_t)(n - sent);
    c->sent = 0;
    fds[i].events = POLLOUT; /* stop reading until the peer takes what it sent us */
    return 0;
}

static void accept_all(int listener) {
    for (;;) {
        int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) perror("echo-poll-c: accept4");
            return;
        }
        add_fd(fd, POLLIN);
    }
}

/* Every connection is a descriptor: lift the soft limit to the hard one, as echo-server does. */
static void raise_fd_limit(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) die("getrlimit");
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) die("setrlimit");
}

static int listen_on(int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    struct sockaddr_in address;
    socklen_t length = sizeof address;
    if (fd < 0) die("socket");
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons((unsigned short)port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0) die("bind");
    if (listen(fd, SOMAXCONN) != 0) die("listen");
    if (getsockname(fd, (struct sockaddr *)&address, &length) != 0) die("getsockname");
    printf("port %d\n", ntohs(address.sin_port));
    fflush(stdout);
    return fd;
}

int main(int argc, char **argv) {
    struct sigaction action;
    long port = -1;
    char *end = NULL;
    if (argc == 3 && strcmp(argv[1], "--port") == 0) port = strtol(argv[2], &end, 10);
    if (port < 0 || port > 65535 || !end || *end != '\0') {
        fprintf(stderr, "usage: echo-poll-c --port N\n");
        return 2;
    }
    raise_fd_limit();
    if (pipe2(signal_pipe, O_NONBLOCK | O_CLOEXEC) != 0) die("pipe2");
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);

    add_fd(listen_on((int)port), POLLIN);
    add_fd(signal_pipe[0], POLLIN);
    for (;;) {
        size_t i;
        if (poll(fds, count, -1) < 0) {
            if (errno == EINTR) continue; /* the self-pipe will say whether to stop */
            die("poll");
        }
        if (fds[1].revents) break;
        if (fds[0].revents) accept_all(fds[0].fd);
        /* Backwards, so drop() moving the last slot into i never skips an unvisited slot; slots
         * added by accept_all this turn have revents 0. */
        for (i = count; i-- > 2;) {
            short revents = fds[i].revents;
            int keep = 0;
            if (revents == 0) continue;
            fds[i].revents = 0;
            if (revents & POLLIN) keep = echo_once(i);
            else if (revents & POLLOUT) keep = flush_pending(i);
            else keep = -1; /* POLLHUP, POLLERR or POLLNVAL with nothing to read */
            if (keep != 0) drop(i);
        }
    }
    while (count > 2) drop(count - 1);
    close(fds[0].fd);
    fprintf(stderr, "echo-poll-c: stopped\n");
    return 0;
}
