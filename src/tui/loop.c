/*
 * loop.c: poll() over descriptors, a signal self-pipe and one timer.
 *
 * A signal handler only writes the signal's number into a non-blocking
 * pipe; loop_once reads it back and runs the callback outside the
 * handler, where anything may be done.  The descriptors are a small
 * array (fds[0] is the pipe); the timer is a deadline on the monotonic
 * clock, turned into poll()'s timeout.
 *
 * Invariants: nfds >= 1 and fds[0] is the pipe's read end; a signal
 * that arrives while the pipe is full is dropped, which only happens
 * when hundreds are pending, all already seen.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diptych/util.h"
#include "loop.h"

#define LOOP_MAXFDS	16

static const int caught[] = { SIGWINCH, SIGTSTP, SIGCONT, SIGHUP, SIGTERM,
    SIGINT, SIGQUIT };
#define NCAUGHT		(sizeof(caught) / sizeof(caught[0]))

struct watch {
	int		 fd;
	loop_fd_fn	 fn;
	void		*arg;
};

struct loop {
	int		 pipe[2];
	struct watch	 fds[LOOP_MAXFDS];
	int		 nfds;
	struct sigaction saved[NCAUGHT];
	loop_signal_fn	 on_signal;
	void		*signal_arg;
	int		 timer_on;
	struct timespec	 deadline;
	loop_timer_fn	 timer_fn;
	void		*timer_arg;
};

static int	self_pipe = -1;

static void
handler(int signo)
{
	int		 saved = errno;
	unsigned char	 c = (unsigned char)signo;

	if (self_pipe >= 0)
		(void)!write(self_pipe, &c, 1);
	errno = saved;
}

static void
catch(int signo, struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(signo, &sa, old);
}

struct loop *
loop_new(loop_signal_fn fn, void *arg)
{
	struct loop	*l;
	size_t		 i;
	int		 k;

	l = xcalloc(1, sizeof(*l));
	if (pipe(l->pipe) == -1) {
		free(l);
		return NULL;
	}
	for (k = 0; k < 2; k++) {
		fcntl(l->pipe[k], F_SETFL, fcntl(l->pipe[k], F_GETFL) |
		    O_NONBLOCK);
		fcntl(l->pipe[k], F_SETFD, FD_CLOEXEC);
	}
	l->on_signal = fn;
	l->signal_arg = arg;
	l->fds[0].fd = l->pipe[0];
	l->nfds = 1;
	self_pipe = l->pipe[1];
	for (i = 0; i < NCAUGHT; i++)
		catch(caught[i], &l->saved[i]);
	return l;
}

void
loop_free(struct loop *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < NCAUGHT; i++)
		sigaction(caught[i], &l->saved[i], NULL);
	self_pipe = -1;
	close(l->pipe[0]);
	close(l->pipe[1]);
	free(l);
}

void
loop_add_fd(struct loop *l, int fd, loop_fd_fn fn, void *arg)
{
	int i;

	for (i = 1; i < l->nfds && l->fds[i].fd != fd; i++)
		;
	if (i == LOOP_MAXFDS)
		abort();		/* a programming error: few fds */
	if (i == l->nfds)
		l->nfds++;
	l->fds[i].fd = fd;
	l->fds[i].fn = fn;
	l->fds[i].arg = arg;
}

void
loop_remove_fd(struct loop *l, int fd)
{
	int i;

	for (i = 1; i < l->nfds; i++)
		if (l->fds[i].fd == fd) {
			l->fds[i] = l->fds[--l->nfds];
			return;
		}
}

void
loop_set_timer(struct loop *l, int ms, loop_timer_fn fn, void *arg)
{
	l->timer_on = ms >= 0;
	if (!l->timer_on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &l->deadline);
	l->deadline.tv_sec += ms / 1000;
	l->deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (l->deadline.tv_nsec >= 1000000000L) {
		l->deadline.tv_sec++;
		l->deadline.tv_nsec -= 1000000000L;
	}
	l->timer_fn = fn;
	l->timer_arg = arg;
}

/* Milliseconds until the timer is due (0 when past), or -1: none. */
static int
timeout(const struct loop *l)
{
	struct timespec	 now;
	long long	 ms;

	if (!l->timer_on)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(l->deadline.tv_sec - now.tv_sec) * 1000 +
	    (l->deadline.tv_nsec - now.tv_nsec) / 1000000;
	if (ms < 0)
		return 0;
	return ms > 86400000 ? 86400000 : (int)ms;
}

int
loop_once(struct loop *l)
{
	struct pollfd	 pfd[LOOP_MAXFDS];
	struct watch	 ready[LOOP_MAXFDS];
	int		 revents[LOOP_MAXFDS];
	unsigned char	 sig[64];
	ssize_t		 got;
	int		 i, n, nready = 0;

	for (i = 0; i < l->nfds; i++) {
		pfd[i].fd = l->fds[i].fd;
		pfd[i].events = POLLIN;
		pfd[i].revents = 0;
	}
	if ((n = poll(pfd, (nfds_t)l->nfds, timeout(l))) == -1) {
		if (errno != EINTR)
			return -1;
		n = 0;
	}
	/* Signals first: a resize must be seen before the keys after it. */
	if (n > 0 && pfd[0].revents != 0)
		while ((got = read(l->pipe[0], sig, sizeof(sig))) > 0)
			for (i = 0; i < got; i++)
				l->on_signal(sig[i], l->signal_arg);
	/* Callbacks may change the set: run from a copy. */
	for (i = 1; n > 0 && i < l->nfds; i++)
		if (pfd[i].revents != 0) {
			ready[nready] = l->fds[i];
			revents[nready++] = pfd[i].revents;
		}
	for (i = 0; i < nready; i++)
		ready[i].fn(ready[i].fd, revents[i], ready[i].arg);
	if (l->timer_on && timeout(l) == 0) {
		l->timer_on = 0;
		l->timer_fn(l->timer_arg);
	}
	return 0;
}

void
loop_suspend(struct loop *l)
{
	sigset_t	 set, old;
	size_t		 i;

	(void)l;
	signal(SIGTSTP, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, &old);
	raise(SIGTSTP);
	/* Continued. */
	sigprocmask(SIG_SETMASK, &old, NULL);
	for (i = 0; i < NCAUGHT; i++)
		if (caught[i] == SIGTSTP)
			catch(SIGTSTP, NULL);
}
