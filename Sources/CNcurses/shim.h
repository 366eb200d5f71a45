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
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

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

// MARK: the mouse
//
// ncurses reports button 1 presses and releases; the drag in between needs xterm's
// button-event tracking (mode 1002), which ncurses does not ask for on its own, so it is
// switched on with its escape sequence and off again in the bytes that leave curses mode.

static inline int convlab_key_mouse(void) { return KEY_MOUSE; }

/// Asks for button-1 presses, releases and drags; returns whether the terminal can report any.
static inline int convlab_enable_mouse(void) {
    mmask_t granted = mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | REPORT_MOUSE_POSITION, NULL);
    if (granted == 0) return 0;
    mouseinterval(0);  // presses and releases as they come, not folded into clicks
    putp("\033[?1002h");
    fflush(stdout);
    return 1;
}

/// Reads the mouse event behind a KEY_MOUSE: the cell, and kind 0 press, 1 drag, 2 release,
/// -1 anything else. Returns OK or ERR.
static inline int convlab_read_mouse(int *x, int *y, int *kind) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) *kind = 0;
    else if (event.bstate & BUTTON1_RELEASED) *kind = 2;
    else if (event.bstate & REPORT_MOUSE_POSITION) *kind = 1;
    else *kind = -1;
    return OK;
}

/// Reads one key or character from stdscr, honouring the timeout set by convlab_set_timeout.
/// Returns OK (a character in *ch), KEY_CODE_YES (a key code in *ch) or ERR (timeout).
static inline int convlab_get_wide(wint_t *ch) { return wget_wch(stdscr, ch); }

/// Milliseconds wget_wch waits before returning ERR; negative waits forever.
static inline void convlab_set_timeout(int milliseconds) { wtimeout(stdscr, milliseconds); }

/// Whether the terminal set up by newterm can move the cursor (`cup`); a full-screen interface
/// cannot draw on one that cannot (TERM=dumb), it would print its frames as one garbled line.
static inline int convlab_can_address_cursor(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1;
}

// MARK: restoring the terminal from a signal handler
//
// A crash (a Swift trap is SIGILL or SIGTRAP; also SIGSEGV, SIGBUS, SIGABRT, SIGFPE) cannot
// call endwin: curses is not async-signal-safe, and the crash may be inside curses. So the
// terminal's original settings and the bytes that leave curses mode are saved while curses
// starts, and the handler puts them back with tcsetattr and write(2) alone, which are
// async-signal-safe. The state is static, so exactly one Swift file may call these functions
// (NcursesBackend.swift): each object file that uses a static function gets its own copy of it
// and of its state.

// Swift's importer emits the static functions a Swift file calls, but not file-scope static
// arrays or structs, so each piece of state lives in a function-local static.
struct convlab_crash_state {
    struct termios saved_termios;
    volatile sig_atomic_t has_saved_termios;
    /// Set once the terminal is given back (by endwin or by the raw restore): restoring again
    /// would leave the alternate screen a second time and move the shell's cursor.
    volatile sig_atomic_t is_terminal_restored;
    char leave_sequence[256];
    size_t leave_length;
    struct sigaction previous_actions[6];
    volatile sig_atomic_t handlers_installed;
    /// Whether a crash goes on to the handler that was there before (the Swift runtime's
    /// backtracer); otherwise the signal's default action ends the process.
    volatile sig_atomic_t chain_crashes;
};

static inline struct convlab_crash_state *convlab_crash_state(void) {
    static struct convlab_crash_state state = { .is_terminal_restored = 1 };
    return &state;
}

static const int convlab_crash_signals[] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE };
#define CONVLAB_CRASH_SIGNAL_COUNT 6
static const char convlab_crash_note[] =
    "convlab crashed; the terminal was restored. For a backtrace, run again with "
    "SWIFT_BACKTRACE=enable=yes,interactive=no\n";

/// Saves the terminal's settings before curses changes them.
static inline void convlab_save_terminal(int descriptor) {
    struct convlab_crash_state *state = convlab_crash_state();
    if (tcgetattr(descriptor, &state->saved_termios) == 0) state->has_saved_termios = 1;
}

/// Appends a terminfo string capability (if the terminal has it) to the bytes that leave curses.
static inline void convlab_append_leave_capability(const char *name) {
    const char *value = tigetstr(name);
    if (value == NULL || value == (const char *)-1) return;
    struct convlab_crash_state *state = convlab_crash_state();
    size_t length = strlen(value);
    if (state->leave_length + length >= sizeof(state->leave_sequence)) return;
    memcpy(state->leave_sequence + state->leave_length, value, length);
    state->leave_length += length;
}

/// Appends raw bytes to what leaves curses mode (a mode ncurses did not set itself).
static inline void convlab_append_leave_bytes(const char *bytes) {
    struct convlab_crash_state *state = convlab_crash_state();
    size_t length = strlen(bytes);
    if (state->leave_length + length >= sizeof(state->leave_sequence)) return;
    memcpy(state->leave_sequence + state->leave_length, bytes, length);
    state->leave_length += length;
}

/// Records what leaves curses mode on this terminal: normal attributes (sgr0), the cursor shown
/// (cnorm) and the alternate screen left (rmcup). Call after newterm.
static inline void convlab_record_leave_sequence(void) {
    struct convlab_crash_state *state = convlab_crash_state();
    state->leave_length = 0;
    convlab_append_leave_capability("sgr0");
    convlab_append_leave_capability("cnorm");
    convlab_append_leave_capability("rmcup");
    convlab_append_leave_bytes("\033[?1002l");
    state->is_terminal_restored = 0;
}

/// Marks the terminal as given back (after endwin), so a later raw restore does nothing.
static inline void convlab_mark_terminal_restored(void) { convlab_crash_state()->is_terminal_restored = 1; }

/// Gives the terminal back without curses: async-signal-safe, callable from any thread, and a
/// no-op once the terminal has been restored.
static inline void convlab_restore_terminal_raw(void) {
    struct convlab_crash_state *state = convlab_crash_state();
    if (state->is_terminal_restored) return;
    state->is_terminal_restored = 1;
    if (state->leave_length > 0) {
        ssize_t written = write(STDOUT_FILENO, state->leave_sequence, state->leave_length);
        (void)written;
    }
    if (state->has_saved_termios) tcsetattr(STDIN_FILENO, TCSANOW, &state->saved_termios);
}

static void convlab_crash_handler(int signal_number) {
    convlab_restore_terminal_raw();
    int index = 0;
    while (index < CONVLAB_CRASH_SIGNAL_COUNT && convlab_crash_signals[index] != signal_number) index++;
    struct convlab_crash_state *state = convlab_crash_state();
    if (state->chain_crashes && index < CONVLAB_CRASH_SIGNAL_COUNT) {
        sigaction(signal_number, &state->previous_actions[index], NULL);
    } else {
        ssize_t written = write(STDERR_FILENO, convlab_crash_note, sizeof(convlab_crash_note) - 1);
        (void)written;
        signal(signal_number, SIG_DFL);
    }
    // Blocked until this handler returns, then delivered to the handler just put back; a
    // faulting instruction would also fault again on return.
    raise(signal_number);
}

/// Routes the crash signals through convlab_crash_handler until convlab_remove_crash_handlers.
/// `chain`: hand the crash on to the previous handler (the runtime's backtracer) afterwards.
static inline void convlab_install_crash_handlers(int chain) {
    struct convlab_crash_state *state = convlab_crash_state();
    if (state->handlers_installed) return;
    state->chain_crashes = chain;
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = convlab_crash_handler;
    sigemptyset(&action.sa_mask);
    // The runtime's backtracer runs on an alternate stack (a stack overflow is a SIGSEGV).
    action.sa_flags = SA_ONSTACK;
    for (int index = 0; index < CONVLAB_CRASH_SIGNAL_COUNT; index++) {
        sigaction(convlab_crash_signals[index], &action, &state->previous_actions[index]);
    }
    state->handlers_installed = 1;
}

/// Puts back the crash handlers that were there before convlab_install_crash_handlers.
static inline void convlab_remove_crash_handlers(void) {
    struct convlab_crash_state *state = convlab_crash_state();
    if (!state->handlers_installed) return;
    for (int index = 0; index < CONVLAB_CRASH_SIGNAL_COUNT; index++) {
        sigaction(convlab_crash_signals[index], &state->previous_actions[index], NULL);
    }
    state->handlers_installed = 0;
}

#endif
