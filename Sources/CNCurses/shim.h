#ifndef ROOTMAIL_CNCURSES_SHIM_H
#define ROOTMAIL_CNCURSES_SHIM_H

/* SwiftPM drops the -D flags pkg-config gives for ncursesw, so the wide-character API
   (get_wch, mvwaddnwstr, cchar_t, wint_t) is switched on here, before any include. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Pseudo-terminals, hidden the same way; tests and benchmarks run ncurses on one. */
extern int posix_openpt(int flags);
extern int grantpt(int descriptor);
extern int unlockpt(int descriptor);
extern char *ptsname(int descriptor);

/* Swift 6 refuses the mutable globals stdscr, LINES and COLS, and macros with arguments or
   casts do not import: each gets a function. */
static inline WINDOW *rootmail_stdscr(void) { return stdscr; }
/* What ncurses believes the terminal shows, after doupdate. */
static inline WINDOW *rootmail_curscr(void) { return curscr; }
static inline int rootmail_max_y(WINDOW *window) { return getmaxy(window); }
static inline int rootmail_max_x(WINDOW *window) { return getmaxx(window); }

static inline attr_t rootmail_a_normal(void) { return A_NORMAL; }
static inline attr_t rootmail_a_bold(void) { return A_BOLD; }
static inline attr_t rootmail_a_dim(void) { return A_DIM; }
static inline attr_t rootmail_a_reverse(void) { return A_REVERSE; }
static inline attr_t rootmail_a_underline(void) { return A_UNDERLINE; }

static inline int rootmail_key_f(int number) { return KEY_F(number); }

#endif
