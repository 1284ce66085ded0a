#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>
#include "clinux.h"

int csys_o_path(void) { return O_PATH; }
int csys_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
int csys_spawn_closefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
