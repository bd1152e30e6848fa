/*
 * A closed-loop echo client in one thread on epoll, so that the benchmark measures the server and not its client.
 * Every message carries the connection's index and a sequence number and every echoed byte is compared with what
 * was sent: a stale, reordered, mixed-up, short or extra echo, a socket error or an early close fails the run
 * (exit 1). Loopback only (127.0.0.0/8 or ::1); the whole run is bounded by --timeout (SIGALRM ends it).
 *
 * Modes:
 *   echo     N connections each send a message, wait for its whole echo, check it, repeat; requests/s and MB/s
 *   connect  N at a time: connect, one message and its echo, close; connections/s
 *   idle     open N connections, one echo on each, then hold them idle; the server's RSS before and after
 * With --server-pid, the server's CPU time (/proc/PID/stat utime+stime) is read at the start and end of the
 * measured window, and its RSS (/proc/PID/status VmRSS) in idle mode.
 *
 * Output: one line of key=value pairs on stdout.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

enum mode { MODE_ECHO, MODE_CONNECT, MODE_IDLE };
enum state { CONNECTING, ECHOING, IDLE, FREE };

struct connection {
    int fd;
    enum state state;
    uint32_t index;
    uint32_t sequence;
    size_t sent;
    size_t received;
    unsigned char *message;
    uint32_t events;   /* what epoll watches for now: changed only when it must, a syscall saved per message */
};

static struct {
    enum mode mode;
    const char *host;
    int port;
    int connections;
    size_t message_size;
    double duration, warmup, hold, settle;
    int timeout;
    int sources;
    int server_pid;
    int proxy_v2;
} options = { MODE_ECHO, "127.0.0.1", 0, 1, 64, 5, 2, 3, 1, 0, 1, 0, 0 };

static struct sockaddr_storage server_address;
static socklen_t server_address_length;
static int epoll_fd;
static unsigned char *scratch;
static uint64_t completed;
static uint32_t next_index;

static void fail(const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    fprintf(stderr, "echo_client: ");
    vfprintf(stderr, format, arguments);
    fprintf(stderr, "\n");
    va_end(arguments);
    exit(1);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The server's utime+stime in clock ticks, or -1 without --server-pid. */
static long long server_cpu_ticks(void)
{
    if (options.server_pid <= 0) return -1;
    char path[64], line[2048];
    snprintf(path, sizeof path, "/proc/%d/stat", options.server_pid);
    FILE *file = fopen(path, "r");
    if (file == NULL || fgets(line, sizeof line, file) == NULL) fail("cannot read %s: the server is gone", path);
    fclose(file);
    /* Fields after the command name (which may hold spaces) start at the last ')': state is field 3. */
    char *field = strrchr(line, ')');
    long long utime = 0, stime = 0;
    if (field == NULL || sscanf(field + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lld %lld", &utime, &stime) != 2)
        fail("cannot parse %s", path);
    return utime + stime;
}

static long long server_rss_kib(void)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", options.server_pid);
    FILE *file = fopen(path, "r");
    if (file == NULL) fail("cannot read %s: the server is gone", path);
    long long rss = -1;
    while (fgets(line, sizeof line, file) != NULL)
        if (sscanf(line, "VmRSS: %lld kB", &rss) == 1) break;
    fclose(file);
    if (rss < 0) fail("no VmRSS in %s", path);
    return rss;
}

static double own_cpu_seconds(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6
         + (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6;
}

static void fill_message(struct connection *connection)
{
    memcpy(connection->message, &connection->index, 4);
    memcpy(connection->message + 4, &connection->sequence, 4);
}

static void watch(struct connection *connection, int operation, uint32_t events)
{
    if (operation == EPOLL_CTL_MOD && connection->events == events) return;
    connection->events = events;
    struct epoll_event event = { .events = events, .data.ptr = connection };
    if (epoll_ctl(epoll_fd, operation, connection->fd, &event) != 0) fail("epoll_ctl: %s", strerror(errno));
}

static void open_connection(struct connection *connection)
{
    int fd = socket(server_address.ss_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) fail("socket: %s", strerror(errno));
    int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    if (options.sources > 1 && server_address.ss_family == AF_INET) {
        /* Many short connections from one source address run out of ephemeral ports (TIME_WAIT): spread them
           over 127.0.0.1..N, still loopback, and let connect() pick the port. */
        struct sockaddr_in source = { .sin_family = AF_INET };
        source.sin_addr.s_addr = htonl(0x7f000001u + (uint32_t)(connection->index % (uint32_t)options.sources));
        setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
        if (bind(fd, (struct sockaddr *)&source, sizeof source) != 0) fail("bind to a loopback source: %s", strerror(errno));
    }
    connection->fd = fd;
    connection->state = CONNECTING;
    connection->sent = connection->received = 0;
    if (connect(fd, (struct sockaddr *)&server_address, server_address_length) != 0 && errno != EINPROGRESS)
        fail("connect: %s", strerror(errno));
    watch(connection, EPOLL_CTL_ADD, EPOLLOUT);
}

static struct connection *new_connection(void)
{
    struct connection *connection = calloc(1, sizeof *connection);
    if (connection == NULL || (connection->message = malloc(options.message_size)) == NULL) fail("out of memory");
    connection->index = next_index++;
    for (size_t i = 8; i < options.message_size; i++) connection->message[i] = (unsigned char)(connection->index * 31 + i);
    return connection;
}

/* Sends what is left of the message; returns 1 once all of it is sent. */
static int send_rest(struct connection *connection)
{
    while (connection->sent < options.message_size) {
        ssize_t n = send(connection->fd, connection->message + connection->sent, options.message_size - connection->sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) return 0;
            fail("connection %u: send: %s", connection->index, strerror(errno));
        }
        connection->sent += (size_t)n;
    }
    return 1;
}

/* Receives and checks what the socket has of the echo; returns 1 once the whole echo arrived. */
static int receive_rest(struct connection *connection)
{
    while (connection->received < options.message_size) {
        ssize_t n = recv(connection->fd, scratch, options.message_size - connection->received, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) return 0;
            fail("connection %u: recv: %s", connection->index, strerror(errno));
        }
        if (n == 0)
            fail("connection %u: the server closed the connection after %zu of %zu echoed bytes of message %u",
                 connection->index, connection->received, options.message_size, connection->sequence);
        if (memcmp(scratch, connection->message + connection->received, (size_t)n) != 0)
            fail("connection %u: the echo of message %u differs from what was sent, at byte %zu or later",
                 connection->index, connection->sequence, connection->received);
        connection->received += (size_t)n;
    }
    return 1;
}

/* --proxy-v2: what HAProxy's send-proxy-v2 writes first on each connection, the PROXY v2 header of a TCP over IPv4
   client (this socket's own addresses), so the server's PROXY step is measured, not a proxy's extra hop. */
static void send_proxy_v2_header(struct connection *connection)
{
    static const unsigned char signature[12] = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };
    struct sockaddr_in local, remote;
    socklen_t local_length = sizeof local, remote_length = sizeof remote;
    if (getsockname(connection->fd, (struct sockaddr *)&local, &local_length) != 0 || local.sin_family != AF_INET
        || getpeername(connection->fd, (struct sockaddr *)&remote, &remote_length) != 0)
        fail("connection %u: --proxy-v2 needs an IPv4 connection", connection->index);
    unsigned char header[28];
    memcpy(header, signature, 12);
    header[12] = 0x21; header[13] = 0x11; header[14] = 0; header[15] = 12;
    memcpy(header + 16, &local.sin_addr, 4);
    memcpy(header + 20, &remote.sin_addr, 4);
    memcpy(header + 24, &local.sin_port, 2);
    memcpy(header + 26, &remote.sin_port, 2);
    /* 28 bytes into a fresh connection's empty send buffer: sent whole or not at all. */
    if (send(connection->fd, header, sizeof header, MSG_NOSIGNAL) != (ssize_t)sizeof header)
        fail("connection %u: sending the PROXY header: %s", connection->index, strerror(errno));
}

static void start_message(struct connection *connection)
{
    connection->state = ECHOING;
    connection->sent = connection->received = 0;
    fill_message(connection);
    watch(connection, EPOLL_CTL_MOD, send_rest(connection) ? EPOLLIN : EPOLLIN | EPOLLOUT);
}

/* Handles one readiness event; returns 1 when the connection finished a message. */
static int on_event(struct connection *connection, uint32_t events)
{
    if (connection->state == CONNECTING) {
        int error = 0;
        socklen_t length = sizeof error;
        getsockopt(connection->fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0) fail("connection %u: connect: %s", connection->index, strerror(error));
        if (options.proxy_v2) send_proxy_v2_header(connection);
        start_message(connection);
        return 0;
    }
    if (connection->state == IDLE) {
        ssize_t n = recv(connection->fd, scratch, 1, MSG_DONTWAIT);
        if (n == 0) fail("connection %u: the server closed an idle connection", connection->index);
        if (n > 0) fail("connection %u: the server sent bytes nobody asked for on an idle connection", connection->index);
        if (errno != EAGAIN && errno != EINTR) fail("connection %u: idle connection: %s", connection->index, strerror(errno));
        return 0;
    }
    if (events & EPOLLOUT) {
        if (send_rest(connection)) watch(connection, EPOLL_CTL_MOD, EPOLLIN);
    }
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
        if (receive_rest(connection)) {
            if (connection->sent < options.message_size)
                fail("connection %u: the server echoed bytes it had not been sent", connection->index);
            connection->sequence++;
            return 1;
        }
    }
    return 0;
}

static void close_connection(struct connection *connection)
{
    /* Closing the only descriptor of the socket removes it from the epoll set as well. */
    close(connection->fd);
    connection->fd = -1;
}

static void parse(int argc, char **argv)
{
    for (int i = 1; i < argc; i += 2) {
        const char *name = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (value == NULL) fail("%s needs a value", name);
        if (!strcmp(name, "--mode")) {
            if (!strcmp(value, "echo")) options.mode = MODE_ECHO;
            else if (!strcmp(value, "connect")) options.mode = MODE_CONNECT;
            else if (!strcmp(value, "idle")) options.mode = MODE_IDLE;
            else fail("--mode is echo, connect or idle, not \"%s\"", value);
        }
        else if (!strcmp(name, "--host")) options.host = value;
        else if (!strcmp(name, "--port")) options.port = atoi(value);
        else if (!strcmp(name, "--connections")) options.connections = atoi(value);
        else if (!strcmp(name, "--message-size")) options.message_size = (size_t)atol(value);
        else if (!strcmp(name, "--duration")) options.duration = atof(value);
        else if (!strcmp(name, "--warmup")) options.warmup = atof(value);
        else if (!strcmp(name, "--hold")) options.hold = atof(value);
        else if (!strcmp(name, "--settle")) options.settle = atof(value);
        else if (!strcmp(name, "--timeout")) options.timeout = atoi(value);
        else if (!strcmp(name, "--sources")) options.sources = atoi(value);
        else if (!strcmp(name, "--server-pid")) options.server_pid = atoi(value);
        else if (!strcmp(name, "--proxy")) {
            if (!strcmp(value, "v2")) options.proxy_v2 = 1;
            else if (!strcmp(value, "none")) options.proxy_v2 = 0;
            else fail("--proxy is none or v2, not \"%s\"", value);
        }
        else fail("unknown option %s\nusage: echo_client --port PORT [--host 127.0.0.1] [--mode echo|connect|idle] "
                  "[--connections N] [--message-size B] [--duration S] [--warmup S] [--hold S] [--settle S] "
                  "[--sources N] [--server-pid PID] [--timeout S] [--proxy none|v2]", name);
    }
    if (options.port <= 0 || options.port > 65535) fail("--port from 1 to 65535 is required");
    if (options.connections < 1 || options.connections > 100000) fail("--connections is from 1 to 100000");
    if (options.message_size < 8 || options.message_size > (1u << 24)) fail("--message-size is from 8 to 16777216");
    if (options.duration <= 0 || options.warmup < 0 || options.hold < 0 || options.settle < 0) fail("times must be positive");
    if (options.sources < 1 || options.sources > 250) fail("--sources is from 1 to 250");
    if (options.mode == MODE_IDLE && options.server_pid <= 0) fail("idle mode needs --server-pid");
}

static void resolve(void)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICHOST }, *found;
    char port[8];
    snprintf(port, sizeof port, "%d", options.port);
    if (getaddrinfo(options.host, port, &hints, &found) != 0) fail("--host \"%s\" is not an IP address", options.host);
    memcpy(&server_address, found->ai_addr, found->ai_addrlen);
    server_address_length = found->ai_addrlen;
    freeaddrinfo(found);
    int loopback = server_address.ss_family == AF_INET
        ? (ntohl(((struct sockaddr_in *)&server_address)->sin_addr.s_addr) >> 24) == 127
        : IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)&server_address)->sin6_addr);
    if (!loopback) fail("--host %s is not a loopback address: this client talks to loopback only", options.host);
}

/* Runs events for up to `seconds`, returning early when `until` (if given) says so. */
static void run_for(double seconds, struct connection **connections, int (*until)(void))
{
    struct epoll_event events[256];
    double end = now() + seconds;
    while ((until == NULL || !until()) && now() < end) {
        int ready = epoll_wait(epoll_fd, events, 256, 10);
        if (ready < 0 && errno != EINTR) fail("epoll_wait: %s", strerror(errno));
        for (int i = 0; i < ready; i++) {
            struct connection *connection = events[i].data.ptr;
            if (!on_event(connection, events[i].events)) continue;
            completed++;
            if (options.mode == MODE_ECHO) {
                start_message(connection);
            } else if (options.mode == MODE_CONNECT) {
                close_connection(connection);
                connection->index += (uint32_t)options.connections;
                open_connection(connection);
            } else {
                connection->state = IDLE;
                watch(connection, EPOLL_CTL_MOD, EPOLLIN);
            }
        }
    }
    (void)connections;
}

static int idle_target;
static int idle_all_established(void) { return completed >= (uint64_t)idle_target; }

int main(int argc, char **argv)
{
    parse(argc, argv);
    resolve();
    if (options.timeout <= 0) options.timeout = (int)(options.warmup + options.duration + options.hold + options.settle) + 60;
    alarm((unsigned)options.timeout);
    signal(SIGPIPE, SIG_IGN);
    struct rlimit files;
    if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
        if (options.mode == MODE_IDLE && files.rlim_cur < (rlim_t)options.connections + 64)
            fail("RLIMIT_NOFILE is %llu: too few descriptors for %d connections", (unsigned long long)files.rlim_cur, options.connections);
    }
    epoll_fd = epoll_create1(0);
    scratch = malloc(options.message_size);
    if (scratch == NULL) fail("out of memory");

    int active = options.mode == MODE_IDLE ? options.connections : options.connections;
    struct connection **connections = calloc((size_t)active, sizeof *connections);
    if (connections == NULL) fail("out of memory");

    if (options.mode == MODE_IDLE) {
        /* Warm the server's accept and echo path (JIT, pools) with short connections, then let it settle. */
        options.mode = MODE_CONNECT;
        struct connection *warm[16];
        for (int i = 0; i < 16; i++) { warm[i] = new_connection(); open_connection(warm[i]); }
        run_for(options.warmup, NULL, NULL);
        for (int i = 0; i < 16; i++) { if (warm[i]->fd >= 0) close_connection(warm[i]); }
        options.mode = MODE_IDLE;
        run_for(options.settle, NULL, NULL);
        long long rss_before = server_rss_kib();

        /* At most 256 connects in flight, so the server's accept queue (backlog 512) never overflows. */
        completed = 0;
        idle_target = 0;
        double started = now();
        for (int opened = 0; opened < options.connections;) {
            int batch = options.connections - opened < 256 ? options.connections - opened : 256;
            for (int i = 0; i < batch; i++, opened++) { connections[opened] = new_connection(); open_connection(connections[opened]); }
            idle_target = opened;
            run_for(30, NULL, idle_all_established);
            if (completed < (uint64_t)opened) fail("only %llu of %d connections echoed within 30 s", (unsigned long long)completed, opened);
        }
        double established = now() - started;
        run_for(options.settle, NULL, NULL);
        long long rss_after = server_rss_kib();
        run_for(options.hold, NULL, NULL);
        printf("mode=idle connections=%d rss-before-kib=%lld rss-after-kib=%lld bytes/connection=%.0f establish-seconds=%.3f\n",
               options.connections, rss_before, rss_after,
               (double)(rss_after - rss_before) * 1024.0 / options.connections, established);
        return 0;
    }

    for (int i = 0; i < active; i++) { connections[i] = new_connection(); open_connection(connections[i]); }
    run_for(options.warmup, connections, NULL);
    uint64_t before = completed;
    long long cpu_before = server_cpu_ticks();
    double own_before = own_cpu_seconds();
    double started = now();
    run_for(options.duration, connections, NULL);
    double elapsed = now() - started;
    uint64_t measured = completed - before;
    long long cpu_after = server_cpu_ticks();
    double own = own_cpu_seconds() - own_before;
    if (measured == 0) fail("no request completed in %.1f s", options.duration);

    double rate = (double)measured / elapsed;
    double server_us = cpu_before < 0 ? -1 : (double)(cpu_after - cpu_before) / (double)sysconf(_SC_CLK_TCK) * 1e6 / (double)measured;
    printf("mode=%s connections=%d message-size=%zu seconds=%.3f requests=%llu requests/s=%.1f MB/s=%.2f server-cpu-us/req=%.2f client-cpu=%.0f%%\n",
           options.mode == MODE_ECHO ? "echo" : "connect", options.connections, options.message_size, elapsed,
           (unsigned long long)measured, rate, rate * (double)options.message_size / 1e6, server_us, own / elapsed * 100);
    return 0;
}
