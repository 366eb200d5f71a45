// A thin C shim over ncursesw.
//
// Swift 6 refuses to read mutable C globals (stdscr, LINES, COLS, COLORS, COLOR_PAIRS) because
// they are not concurrency-safe, so each is wrapped in a static inline accessor here. Every
// curses call stays on the main thread; these accessors do not make curses thread-safe.
#ifndef CONVLAB_CNCURSES_SHIM_H
#define CONVLAB_CNCURSES_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/ncurses.h>

static inline WINDOW *convlab_stdscr(void) { return stdscr; }
static inline int convlab_lines(void) { return LINES; }
static inline int convlab_cols(void) { return COLS; }
static inline int convlab_colors(void) { return COLORS; }
static inline int convlab_color_pairs(void) { return COLOR_PAIRS; }
static inline int convlab_key_resize(void) { return KEY_RESIZE; }
static inline int convlab_err(void) { return ERR; }
static inline attr_t convlab_a_bold(void) { return A_BOLD; }
static inline attr_t convlab_a_reverse(void) { return A_REVERSE; }
static inline attr_t convlab_a_underline(void) { return A_UNDERLINE; }
static inline attr_t convlab_a_dim(void) { return A_DIM; }

/// Puts one wide character at (y, x) with attributes and an extended colour pair.
/// The pair number travels through setcchar's `opts` pointer, which is how ncurses accepts
/// pair numbers above 32,767 (COLOR_PAIRS is 65,536 under xterm-256color).
static inline int convlab_put_wide(int y, int x, wchar_t ch, attr_t attrs, int pair) {
    cchar_t cell;
    wchar_t text[2] = { ch, L'\0' };
    if (setcchar(&cell, text, attrs, 0, &pair) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

// Key codes returned by wget_wch with KEY_CODE_YES (octal macros, wrapped so Swift sees ints).
static inline int convlab_ok(void) { return OK; }
static inline int convlab_key_code_yes(void) { return KEY_CODE_YES; }
static inline int convlab_key_up(void) { return KEY_UP; }
static inline int convlab_key_down(void) { return KEY_DOWN; }
static inline int convlab_key_left(void) { return KEY_LEFT; }
static inline int convlab_key_right(void) { return KEY_RIGHT; }
static inline int convlab_key_home(void) { return KEY_HOME; }
static inline int convlab_key_end(void) { return KEY_END; }
static inline int convlab_key_page_up(void) { return KEY_PPAGE; }
static inline int convlab_key_page_down(void) { return KEY_NPAGE; }
static inline int convlab_key_backspace(void) { return KEY_BACKSPACE; }
static inline int convlab_key_delete(void) { return KEY_DC; }
static inline int convlab_key_back_tab(void) { return KEY_BTAB; }
static inline int convlab_key_enter(void) { return KEY_ENTER; }
static inline int convlab_key_f0(void) { return KEY_F0; }

/// Reads one key or character from stdscr, honouring the timeout set by convlab_set_timeout.
/// Returns OK (a character in *ch), KEY_CODE_YES (a key code in *ch) or ERR (timeout).
static inline int convlab_get_wide(wint_t *ch) { return wget_wch(stdscr, ch); }

/// Milliseconds wget_wch waits before returning ERR; negative waits forever.
static inline void convlab_set_timeout(int milliseconds) { wtimeout(stdscr, milliseconds); }

#endif
