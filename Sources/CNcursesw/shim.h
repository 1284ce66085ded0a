// Wide-character ncurses for Swift. The defines must precede every include: SwiftPM drops
// pkg-config's -D_XOPEN_SOURCE, so the wide API is switched on here.
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <sys/eventfd.h>
#include <malloc.h>

// Whether the terminal description can move the cursor (`cup`): a full-screen program needs it;
// `TERM=dumb` and printing terminals cannot.
static inline int cn_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

// Whether the terminal has an alternate screen (`smcup`) to leave at exit; the Linux console and
// many serial terminals do not, and keep the last frame unless the program clears it.
static inline int cn_has_alternate_screen(void) {
    char *smcup = tigetstr("smcup");
    return smcup != NULL && smcup != (char *)-1 && smcup[0] != 0;
}

// Takes C-s and C-q from the tty driver's flow control (IXON/IXOFF), so that they reach the
// program as keys; endwin gives back the modes saved when the screen started, flow control included.
static inline void cn_flow_control_off(int fd) {
    struct termios modes;
    if (tcgetattr(fd, &modes) != 0) return;
    modes.c_iflag &= ~(IXON | IXOFF);
    tcsetattr(fd, TCSANOW, &modes);
}

// Caps glibc's malloc arenas (Glibc's Swift module lacks mallopt's constants).
static inline void cn_limit_malloc_arenas(int count) { mallopt(M_ARENA_MAX, count); }

// An eventfd that wakes a poll, for the runtime's mailbox (Glibc's Swift module lacks eventfd).
static inline int cn_wake_open(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }
static inline void cn_wake_signal(int fd) { eventfd_write(fd, 1); }
static inline void cn_wake_drain(int fd) { eventfd_t count; eventfd_read(fd, &count); }

// Globals and macros Swift 6 cannot import (shared mutable state, statement macros, NCURSES_BITS).
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline void cn_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_italic(void) { return A_ITALIC; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_key_f(int n) { return KEY_F(n); }
static inline WINDOW *cn_curscr(void) { return curscr; }
// The terminal's size as the kernel knows it now (0 when unknown).
static inline void cn_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0) { *rows = ws.ws_row; *cols = ws.ws_col; } else { *rows = 0; *cols = 0; }
}

// Writes one cell: a grapheme of up to 5 code points with attributes and an extended colour pair.
static inline int cn_put_cell(WINDOW *w, int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t cc;
    if (setcchar(&cc, wch, attrs, 0, &pair) != OK) return ERR;
    return mvwadd_wch(w, y, x, &cc);
}
#endif
