/*
 * test_loop.c: the event loop wakes for descriptors, signals and its
 * timer, and for nothing else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "loop.h"

struct seen {
	int	 fd_calls, fd;
	int	 timer_calls;
	int	 signals[8], nsignals;
};

static void
on_fd(int fd, int events, void *arg)
{
	struct seen	*s = arg;
	char		 c;

	(void)events;
	s->fd_calls++;
	s->fd = fd;
	assert_int_equal(read(fd, &c, 1), 1);
}

static void
on_timer(void *arg)
{
	((struct seen *)arg)->timer_calls++;
}

static void
on_signal(int signo, void *arg)
{
	struct seen *s = arg;

	if (s->nsignals < 8)
		s->signals[s->nsignals++] = signo;
}

static void
test_fd(void **state)
{
	struct seen	 s;
	struct loop	*l;
	int		 p[2];

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(pipe(p), 0);
	l = loop_new(on_signal, &s);
	assert_non_null(l);
	loop_add_fd(l, p[0], on_fd, &s);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(loop_once(l), 0);
	assert_int_equal(s.fd_calls, 1);
	assert_int_equal(s.fd, p[0]);
	/* Removed: a byte written no longer wakes it; the timer does. */
	loop_remove_fd(l, p[0]);
	assert_int_equal(write(p[1], "y", 1), 1);
	loop_set_timer(l, 5, on_timer, &s);
	assert_int_equal(loop_once(l), 0);
	assert_int_equal(s.fd_calls, 1);
	assert_int_equal(s.timer_calls, 1);
	loop_free(l);
	close(p[0]);
	close(p[1]);
}

/* The timer runs once, and not before it is due. */
static void
test_timer(void **state)
{
	struct seen	 s;
	struct loop	*l;
	int		 p[2];

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(pipe(p), 0);
	l = loop_new(on_signal, &s);
	loop_add_fd(l, p[0], on_fd, &s);
	loop_set_timer(l, 60000, on_timer, &s);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(loop_once(l), 0);
	assert_int_equal(s.timer_calls, 0);	/* a minute away */
	loop_set_timer(l, 0, on_timer, &s);
	assert_int_equal(loop_once(l), 0);
	assert_int_equal(s.timer_calls, 1);
	/* Not again: the next wake is the descriptor's. */
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(loop_once(l), 0);
	assert_int_equal(s.timer_calls, 1);
	assert_int_equal(s.fd_calls, 2);
	loop_free(l);
	close(p[0]);
	close(p[1]);
}

/* Signals come back as events, outside the handler, in order. */
static void
test_signals(void **state)
{
	struct seen		 s;
	struct loop		*l;
	struct sigaction	 sa;

	(void)state;
	memset(&s, 0, sizeof(s));
	l = loop_new(on_signal, &s);
	raise(SIGWINCH);
	raise(SIGTERM);		/* caught: the process goes on */
	raise(SIGCONT);
	assert_int_equal(loop_once(l), 0);
	assert_int_equal(s.nsignals, 3);
	assert_int_equal(s.signals[0], SIGWINCH);
	assert_int_equal(s.signals[1], SIGTERM);
	assert_int_equal(s.signals[2], SIGCONT);
	loop_free(l);
	/* The handlers found before are back. */
	sigaction(SIGTERM, NULL, &sa);
	assert_true(sa.sa_handler == SIG_DFL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fd),
		cmocka_unit_test(test_timer),
		cmocka_unit_test(test_signals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
