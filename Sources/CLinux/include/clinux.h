// What Swift's Glibc module does not show without _GNU_SOURCE (Linux-only calls the platform's
// confinement relies on), wrapped as plain functions.
#ifndef CLINUX_H
#define CLINUX_H
#include <spawn.h>

/// O_PATH: a descriptor that pins a file or folder without opening it for reading.
int csys_o_path(void);
/// pipe2(fds, O_CLOEXEC): both ends close-on-exec from the start.
int csys_pipe_cloexec(int fds[2]);
/// posix_spawn_file_actions_addclosefrom_np: close every descriptor from `from` in the child.
int csys_spawn_closefrom(posix_spawn_file_actions_t *actions, int from);
/// The child in a session of its own (no controlling terminal), every signal at its default
/// disposition and none blocked, whatever the parent ignores or blocks.
int csys_spawn_new_session(posix_spawnattr_t *attributes);

/// A crash (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE) gives the terminal back: the tty
/// modes of `input` as they are now, and the normal screen on `output`; then the handler that was
/// there before runs.
void cn_restore_on_crash(int input, int output);

#endif
