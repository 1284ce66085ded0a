#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>
#include "clinux.h"

int csys_o_path(void) { return O_PATH; }
int csys_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
int csys_spawn_closefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
int csys_spawn_new_session(posix_spawnattr_t *attributes) {
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(attributes, &all);
    posix_spawnattr_setsigmask(attributes, &none);
    return posix_spawnattr_setflags(attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSID);
}

// A crash (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE) still gives the terminal back:
// the shell's tty modes as they were before the screen started (flow control, echo, line mode)
// and the normal screen, with async-signal-safe calls only; then the handler that was there
// before (Swift's backtracer, or the default) runs as if we had not been.
static struct termios cn_shell_modes;
static int cn_shell_fd = -1, cn_screen_fd = -1;
static struct sigaction cn_previous[32];
static void cn_crash_restore(int number) {
    if (cn_shell_fd >= 0) tcsetattr(cn_shell_fd, TCSANOW, &cn_shell_modes);
    if (cn_screen_fd >= 0) {
        static const char leave[] = "\033[0m\033[?25h\033[?1049l\r\n";
        ssize_t ignored = write(cn_screen_fd, leave, sizeof leave - 1);
        (void)ignored;
    }
    sigaction(number, &cn_previous[number], NULL);
    raise(number);
}
void cn_restore_on_crash(int input, int output) {
    if (tcgetattr(input, &cn_shell_modes) != 0) return;
    cn_shell_fd = input;
    cn_screen_fd = output;
    int numbers[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
    for (unsigned i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = cn_crash_restore;
        action.sa_flags = SA_NODEFER;
        sigemptyset(&action.sa_mask);
        sigaction(numbers[i], &action, &cn_previous[numbers[i]]);
    }
}

