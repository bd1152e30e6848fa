/*
 * The limit of one core: a single-threaded epoll echo server, the least a server can do per request (one recv, one
 * send, one epoll_wait for many connections). Listens on one dual-stack [::] socket (IPV6_V6ONLY set to 0
 * explicitly) like the .NET peers, prints "Echo server on [::]:PORT; ..." once listening, and stops on SIGINT or
 * SIGTERM. An idle connection holds no buffer: reads go to one shared buffer, and only bytes the peer is not yet
 * ready to take are copied into a buffer of the connection's own, freed once sent.
 *
 * usage: echo_server [--port PORT]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define READ_BUFFER_SIZE (64 * 1024)
#define MAX_EVENTS 256

struct connection {
    int fd;
    char *pending;     /* bytes read but not yet sent; NULL when the connection is caught up */
    size_t pending_length;
    size_t pending_sent;
};

static volatile sig_atomic_t stopping;
static void on_signal(int signal_number) { (void)signal_number; stopping = 1; }

static void close_connection(int epoll_fd, struct connection *connection)
{
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, connection->fd, NULL);
    close(connection->fd);
    free(connection->pending);
    free(connection);
}

/* Sends what is pending; returns 0 when all of it went, 1 when the socket is full, -1 on error. */
static int flush_pending(struct connection *connection)
{
    while (connection->pending_sent < connection->pending_length) {
        ssize_t sent = send(connection->fd, connection->pending + connection->pending_sent,
                            connection->pending_length - connection->pending_sent, MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR) continue;
            return errno == EAGAIN ? 1 : -1;
        }
        connection->pending_sent += (size_t)sent;
    }
    free(connection->pending);
    connection->pending = NULL;
    connection->pending_length = connection->pending_sent = 0;
    return 0;
}

static void set_events(int epoll_fd, struct connection *connection, uint32_t events)
{
    struct epoll_event event = { .events = events, .data.ptr = connection };
    epoll_ctl(epoll_fd, EPOLL_CTL_MOD, connection->fd, &event);
}

/* Reads and echoes until the socket has nothing more; returns -1 when the connection is done. */
static int serve(int epoll_fd, struct connection *connection, char *buffer)
{
    for (;;) {
        ssize_t received = recv(connection->fd, buffer, READ_BUFFER_SIZE, 0);
        if (received == 0) return -1;
        if (received < 0) {
            if (errno == EINTR) continue;
            return errno == EAGAIN ? 0 : -1;
        }
        size_t sent = 0;
        while (sent < (size_t)received) {
            ssize_t n = send(connection->fd, buffer + sent, (size_t)received - sent, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR) continue;
                if (errno != EAGAIN) return -1;
                /* The peer is not reading: keep the rest, stop reading until it has gone. */
                connection->pending_length = (size_t)received - sent;
                connection->pending = malloc(connection->pending_length);
                if (connection->pending == NULL) return -1;
                memcpy(connection->pending, buffer + sent, connection->pending_length);
                connection->pending_sent = 0;
                set_events(epoll_fd, connection, EPOLLOUT);
                return 0;
            }
            sent += (size_t)n;
        }
        if ((size_t)received < READ_BUFFER_SIZE) return 0;
    }
}

int main(int argc, char **argv)
{
    int port = 8080;
    for (int i = 1; i < argc; i += 2) {
        if (strcmp(argv[i], "--port") != 0 || i + 1 >= argc) {
            fprintf(stderr, "usage: echo_server [--port PORT]\n");
            return 2;
        }
        port = atoi(argv[i + 1]);
    }

    struct rlimit files;
    if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    struct sigaction action = { .sa_handler = on_signal };
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    signal(SIGPIPE, SIG_IGN);

    int listener = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int off = 0, on = 1;
    setsockopt(listener, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in6 address = { .sin6_family = AF_INET6, .sin6_addr = in6addr_any, .sin6_port = htons((uint16_t)port) };
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 512) != 0) {
        fprintf(stderr, "echo_server: cannot listen on [::]:%d: %s\n", port, strerror(errno));
        return 1;
    }
    socklen_t length = sizeof address;
    getsockname(listener, (struct sockaddr *)&address, &length);
    printf("Echo server on [::]:%d; SIGINT or SIGTERM stops it.\n", ntohs(address.sin6_port));
    fflush(stdout);

    int epoll_fd = epoll_create1(0);
    struct epoll_event event = { .events = EPOLLIN, .data.ptr = NULL };
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listener, &event);
    static char buffer[READ_BUFFER_SIZE];
    struct epoll_event events[MAX_EVENTS];
    while (!stopping) {
        int ready = epoll_wait(epoll_fd, events, MAX_EVENTS, 200);
        for (int i = 0; i < ready; i++) {
            struct connection *connection = events[i].data.ptr;
            if (connection == NULL) {
                int fd;
                while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
                    connection = calloc(1, sizeof *connection);
                    if (connection == NULL) { close(fd); continue; }
                    connection->fd = fd;
                    struct epoll_event added = { .events = EPOLLIN, .data.ptr = connection };
                    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &added);
                }
                continue;
            }
            if (connection->pending != NULL) {
                int flushed = flush_pending(connection);
                if (flushed < 0) { close_connection(epoll_fd, connection); continue; }
                if (flushed > 0) continue;
                set_events(epoll_fd, connection, EPOLLIN);
            }
            if (serve(epoll_fd, connection, buffer) < 0) close_connection(epoll_fd, connection);
        }
    }
    return 0;
}
