/*
 * fwatchdog-spawn: the watchdog's fork server (see watchdog/README.md, "Why a fork server").
 *
 * Forking a Node.js process costs about a millisecond of its event loop (page tables of a large
 * address space, copy-on-write faults afterwards), which caps a Node watchdog at roughly the
 * throughput of a naive spawn-per-request server. This tiny static program starts the function
 * processes instead, with posix_spawn (vfork-style), and connects each process's stdin/stdout
 * (and stderr) to the watchdog through a Unix socket, so the watchdog never forks per request.
 * Every request still gets a fresh process with its own environment (Http_* variables).
 *
 * Protocol. Requests on stdin, one frame each: a 4-byte little-endian length, then NUL-terminated
 * strings: id, flags ("c" = stderr on the same socket as stdout, "s" = a separate socket),
 * argc, argv[0..argc-1], then the environment (KEY=VALUE) up to the end of the frame.
 * For each request the server opens connections to the watchdog's socket (argv[1], a path or
 * "@name" for the abstract namespace), one per stream, and writes "<id> i\n" (stdin), "<id> o\n"
 * (stdout, and stderr when combined) or "<id> e\n" (stderr) on each before the process gets them
 * as its stdio. stdin has its own connection so that a process which exits without reading its
 * input never costs the watchdog the output. Replies on stdout, one line each:
 *   S <id> <pid>       started (the pid is also the process group id)
 *   F <id> <errno>     could not be started
 *   X <id> <code> <signal>   exited
 * It exits when stdin closes. It is a child subreaper, so processes orphaned by a killed function
 * are reaped here instead of piling up as zombies under PID 1 in a container.
 */
#define _GNU_SOURCE
#include <errno.h>
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
  for (int i = 0; i < 3; i++) { fields[i] = p; p += strlen(p) + 1; if (p > end) return; }
  const char *id = fields[0];
  int separate = fields[1][0] == 's';
  int argc = atoi(fields[2]);
  if (argc < 1 || argc > 4096) { reply("F %s %d\n", id, EINVAL); return; }
  char **argv = calloc((size_t)argc + 1, sizeof *argv);
  for (int i = 0; i < argc && p < end; i++) { argv[i] = p; p += strlen(p) + 1; }
  size_t envc = 0;
  for (char *q = p; q < end; q += strlen(q) + 1) envc++;
  char **envp = calloc(envc + 1, sizeof *envp);
  for (size_t i = 0; i < envc; i++) { envp[i] = p; p += strlen(p) + 1; }

  int in = connect_back(id, 'i');
  int out = in < 0 ? -1 : connect_back(id, 'o');
  int err = separate && out >= 0 ? connect_back(id, 'e') : -1;
  if (in < 0 || out < 0 || (separate && err < 0)) {
    reply("F %s %d\n", id, errno ? errno : EIO);
  } else {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in, 0);
    posix_spawn_file_actions_adddup2(&actions, out, 1);
    posix_spawn_file_actions_adddup2(&actions, separate ? err : out, 2);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_USEVFORK);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &actions, &attr, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) reply("F %s %d\n", id, rc);
    else { remember(pid, id); reply("S %s %d\n", id, (int)pid); }
  }
  if (in >= 0) close(in);
  if (out >= 0) close(out);
  if (err >= 0) close(err);
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

  struct pollfd fds[2] = {{.fd = 0, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
  size_t capacity = 1 << 16;
  char *frame = malloc(capacity);
  for (;;) {
    if (poll(fds, 2, -1) < 0) { if (errno == EINTR) continue; return 1; }
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
