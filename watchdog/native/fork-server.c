/*
 * fwatchdog-spawn: the watchdog's fork server (see watchdog/README.md, "Why a fork server").
 *
 * Forking a Node.js process costs about a millisecond of its event loop (page tables of a large
 * address space, copy-on-write faults afterwards), which caps a Node watchdog at roughly the
 * throughput of a naive spawn-per-request server. This tiny static program starts the function
 * processes instead, with posix_spawn (vfork-style), and relays each process's stdin, stdout
 * (and stderr) to the watchdog through Unix sockets, so the watchdog never forks per request.
 * Every request still gets a fresh process with its own environment (Http_* variables), and the
 * process gets real pipes (as the classic Go watchdog gives it), so `/dev/stdin` and
 * `/dev/stdout` can be opened; bytes move between pipe and socket with splice(2), in the kernel.
 *
 * Protocol. Requests on stdin, one frame each: a 4-byte little-endian length, then NUL-terminated
 * strings: id, flags ("c" = stderr on the same socket as stdout, "s" = a separate socket),
 * the length of an inline stdin (-1: stdin comes over its own socket), argc, argv[0..argc-1],
 * the environment (KEY=VALUE), then the inline stdin bytes, if any, to the end of the frame. An
 * inline stdin (a small body, at most one pipe buffer) is written straight into the pipe.
 * For each request the server opens connections to the watchdog's socket (argv[1], a path or
 * "@name" for the abstract namespace), one per stream, and writes "<id> i\n" (stdin), "<id> o\n"
 * (stdout, and stderr when combined) or "<id> e\n" (stderr) on each before the process gets them
 * as its stdio. stdin has its own connection so that a process which exits without reading its
 * input never costs the watchdog the output. Replies on stdout, one line each:
 *   S <id> <pid>       started (the pid is also the process group id)
 *   F <id> <errno>     could not be started
 *   X <id> <code> <signal>   exited
 * It exits when stdin closes (and is killed if the watchdog dies). It is a child subreaper, so processes orphaned by a killed function
 * are reaped here instead of piling up as zombies under PID 1 in a container.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CHILDREN 8192

struct child { pid_t pid; char id[32]; };
static struct child children[MAX_CHILDREN];
static struct sockaddr_un address;
static socklen_t address_length;

/* One direction of one process's stdio: bytes from src to dst until src ends. */
struct relay {
  int src, dst;
  int waiting_dst; /* the last splice found dst full: wait for POLLOUT on dst */
  int to_process;  /* dst is the process's stdin pipe (src is the watchdog's socket) */
};
static struct relay *relays;
static size_t relay_count, relay_capacity;

static void add_relay(int src, int dst, int to_process) {
  if (relay_count == relay_capacity) {
    relay_capacity = relay_capacity ? relay_capacity * 2 : 64;
    relays = realloc(relays, relay_capacity * sizeof *relays);
  }
  relays[relay_count++] = (struct relay){src, dst, 0, to_process};
}

static void reply(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void reply(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stdout, fmt, ap);
  va_end(ap);
  fflush(stdout);
}

static int connect_back(const char *id, char stream) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (connect(fd, (struct sockaddr *)&address, address_length) < 0) { close(fd); return -1; }
  char header[48];
  int n = snprintf(header, sizeof header, "%s %c\n", id, stream);
  if (write(fd, header, (size_t)n) != n) { close(fd); return -1; }
  return fd;
}

static void remember(pid_t pid, const char *id) {
  for (int i = 0; i < MAX_CHILDREN; i++) {
    if (children[i].pid == 0) {
      children[i].pid = pid;
      snprintf(children[i].id, sizeof children[i].id, "%s", id);
      return;
    }
  }
}

static void start(char *frame, uint32_t length) {
  char *end = frame + length, *p = frame;
  char *fields[4];
  for (int i = 0; i < 4; i++) { fields[i] = p; p += strlen(p) + 1; if (p > end) return; }
  const char *id = fields[0];
  int separate = fields[1][0] == 's';
  long inline_length = atol(fields[2]);
  int argc = atoi(fields[3]);
  if (inline_length > 65536 || inline_length > end - p) { reply("F %s %d\n", id, EINVAL); return; }
  char *body = inline_length >= 0 ? end - inline_length : NULL;
  if (body) end = body;
  if (argc < 1 || argc > 4096) { reply("F %s %d\n", id, EINVAL); return; }
  char **argv = calloc((size_t)argc + 1, sizeof *argv);
  for (int i = 0; i < argc && p < end; i++) { argv[i] = p; p += strlen(p) + 1; }
  size_t envc = 0;
  for (char *q = p; q < end; q += strlen(q) + 1) envc++;
  char **envp = calloc(envc + 1, sizeof *envp);
  for (size_t i = 0; i < envc; i++) { envp[i] = p; p += strlen(p) + 1; }

  int in = body ? -2 : connect_back(id, 'i');
  int out = in == -1 ? -1 : connect_back(id, 'o');
  int err = separate && out >= 0 ? connect_back(id, 'e') : -1;
  /* The process's ends are blocking pipes; ours are non-blocking and close-on-exec. */
  int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
  int piped = in != -1 && out >= 0 && (!separate || err >= 0) && pipe2(in_pipe, O_CLOEXEC) == 0 &&
              pipe2(out_pipe, O_CLOEXEC) == 0 && (!separate || pipe2(err_pipe, O_CLOEXEC) == 0);
  if (!piped) {
    reply("F %s %d\n", id, errno ? errno : EIO);
    int fds[] = {in >= 0 ? in : -1, out, err, in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]};
    for (size_t i = 0; i < sizeof fds / sizeof *fds; i++) if (fds[i] >= 0) close(fds[i]);
  } else {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, separate ? err_pipe[1] : out_pipe[1], 2);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_USEVFORK);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &actions, &attr, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    /* The process's ends now live in the process. */
    close(in_pipe[0]);
    close(out_pipe[1]);
    if (separate) close(err_pipe[1]);
    if (rc != 0) {
      reply("F %s %d\n", id, rc);
      int fds[] = {in >= 0 ? in : -1, out, err, in_pipe[1], out_pipe[0], err_pipe[0]};
      for (size_t i = 0; i < sizeof fds / sizeof *fds; i++) if (fds[i] >= 0) close(fds[i]);
    } else {
      remember(pid, id);
      reply("S %s %d\n", id, (int)pid);
      if (body) {
        /* Fits in the empty pipe's buffer, so this never blocks; then the process sees EOF. */
        for (long done = 0; done < inline_length;) {
          ssize_t n = write(in_pipe[1], body + done, (size_t)(inline_length - done));
          if (n < 0 && errno == EINTR) continue;
          if (n <= 0) break;
          done += n;
        }
        close(in_pipe[1]);
      }
      int ours[] = {in, out, err, body ? -1 : in_pipe[1], out_pipe[0], err_pipe[0]};
      for (size_t i = 0; i < sizeof ours / sizeof *ours; i++) if (ours[i] >= 0) fcntl(ours[i], F_SETFL, O_NONBLOCK);
      if (!body) add_relay(in, in_pipe[1], 1);
      add_relay(out_pipe[0], out, 0);
      if (separate) add_relay(err_pipe[0], err, 0);
    }
  }
  free(argv);
  free(envp);
}

static void reap(void) {
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    for (int i = 0; i < MAX_CHILDREN; i++) {
      if (children[i].pid != pid) continue;
      children[i].pid = 0;
      if (WIFEXITED(status)) reply("X %s %d 0\n", children[i].id, WEXITSTATUS(status));
      else reply("X %s -1 %d\n", children[i].id, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
      break;
    }
  }
}

/* Moves what is available; returns 0 once the relay is finished (both its fds closed). */
static int step(struct relay *r) {
  for (;;) {
    ssize_t n = splice(r->src, NULL, r->dst, NULL, 1 << 16, SPLICE_F_NONBLOCK | SPLICE_F_MOVE);
    if (n > 0) { r->waiting_dst = 0; continue; }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      /* Either src is empty or dst is full: ask poll which. */
      struct pollfd probe = {.fd = r->dst, .events = POLLOUT};
      r->waiting_dst = poll(&probe, 1, 0) == 1 && !(probe.revents & POLLOUT);
      return 1;
    }
    /* End of input, or an error (EPIPE: the process closed its stdin; the watchdog went away). */
    close(r->src);
    close(r->dst);
    return 0;
  }
}

static int read_full(char *buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = read(0, buf + got, n - got);
    if (r == 0) return 0;
    if (r < 0) { if (errno == EINTR) continue; return 0; }
    got += (size_t)r;
  }
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: fwatchdog-spawn <socket path | @abstract>\n"); return 2; }
  memset(&address, 0, sizeof address);
  address.sun_family = AF_UNIX;
  size_t len = strlen(argv[1]);
  if (len >= sizeof address.sun_path) return 2;
  memcpy(address.sun_path, argv[1], len);
  if (argv[1][0] == '@') address.sun_path[0] = '\0';
  address_length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);

  prctl(PR_SET_CHILD_SUBREAPER, 1);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  signal(SIGPIPE, SIG_IGN);
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);

  struct pollfd *fds = NULL;
  size_t fds_capacity = 0;
  size_t capacity = 1 << 16;
  char *frame = malloc(capacity);
  for (;;) {
    if (fds_capacity < relay_count + 2) {
      fds_capacity = (relay_count + 2) * 2;
      fds = realloc(fds, fds_capacity * sizeof *fds);
    }
    fds[0] = (struct pollfd){.fd = 0, .events = POLLIN};
    fds[1] = (struct pollfd){.fd = sfd, .events = POLLIN};
    for (size_t i = 0; i < relay_count; i++) {
      struct relay *r = &relays[i];
      fds[i + 2] = r->waiting_dst ? (struct pollfd){.fd = r->dst, .events = POLLOUT} : (struct pollfd){.fd = r->src, .events = POLLIN};
    }
    size_t watched = relay_count;
    if (poll(fds, watched + 2, -1) < 0) { if (errno == EINTR) continue; return 1; }
    /* Relays first (their indexes match fds), then compact the finished ones away. */
    size_t kept = 0;
    for (size_t i = 0; i < watched; i++) {
      struct relay r = relays[i];
      short ev = fds[i + 2].revents;
      int alive = 1;
      if (ev & (POLLIN | POLLOUT | POLLHUP | POLLERR)) alive = step(&r);
      if (alive) relays[kept++] = r;
    }
    for (size_t i = watched; i < relay_count; i++) relays[kept++] = relays[i];
    relay_count = kept;
    if (fds[1].revents & POLLIN) {
      struct signalfd_siginfo info;
      while (read(sfd, &info, sizeof info) == sizeof info) {}
      reap();
    }
    if (fds[0].revents & (POLLIN | POLLHUP)) {
      unsigned char header[4];
      if (!read_full((char *)header, 4)) break;
      uint32_t length = (uint32_t)header[0] | (uint32_t)header[1] << 8 | (uint32_t)header[2] << 16 | (uint32_t)header[3] << 24;
      if (length + 1 > capacity) { capacity = length + 1; frame = realloc(frame, capacity); }
      if (!read_full(frame, length)) break;
      frame[length] = '\0';
      start(frame, length);
    }
  }
  return 0;
}
