/*
 * loop.h: the event loop of the reader, private to src/tui/.
 *
 * One poll() over the terminal, a self-pipe that turns signals into
 * events, any further descriptors (a store's connection, say) and one
 * timer.  With no timer set, an idle reader sleeps in poll() and uses no
 * CPU at all.
 */
#ifndef DIPTYCH_LOOP_H
#define DIPTYCH_LOOP_H

struct loop;

/* Called when fd is readable (or hung up: events has POLLHUP). */
typedef void (*loop_fd_fn)(int fd, int events, void *arg);
typedef void (*loop_timer_fn)(void *arg);
typedef void (*loop_signal_fn)(int signo, void *arg);

/*
 * A new loop that catches SIGWINCH, SIGTSTP, SIGCONT, SIGHUP, SIGTERM,
 * SIGINT and SIGQUIT and hands each to fn (from loop_once, never from
 * the signal handler).  Returns NULL with errno set when the self-pipe
 * cannot be made.  Install it before curses starts, so that curses
 * leaves these signals to it.
 */
struct loop	*loop_new(loop_signal_fn fn, void *arg);
/* Restore the signal handlers found at loop_new and free the loop. */
void		 loop_free(struct loop *l);

/* Watch fd for input; a second call for fd replaces the first. */
void		 loop_add_fd(struct loop *l, int fd, loop_fd_fn fn, void *arg);
void		 loop_remove_fd(struct loop *l, int fd);

/* Call fn once, ms milliseconds from now (ms < 0: no timer). */
void		 loop_set_timer(struct loop *l, int ms, loop_timer_fn fn,
		    void *arg);

/*
 * Wait until something happens, then run what is due: signals first,
 * then ready descriptors, then the timer.  Returns 0, or -1 when poll()
 * failed for another reason than a signal (errno set).
 */
int		 loop_once(struct loop *l);

/*
 * Stop the process as SIGTSTP would (the caller has given up the
 * terminal), and catch SIGTSTP again once continued.
 */
void		 loop_suspend(struct loop *l);

#endif
