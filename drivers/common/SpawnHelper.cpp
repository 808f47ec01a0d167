#include "drivers/common/SpawnHelper.h"

#include <cstring>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

namespace kiosk::drivers {

Result<pid_t> spawn_helper(std::vector<std::string> args, int stdin_fd, int stdout_fd) {
    if (args.empty())
        return make_error(ErrorCode::InvalidArgument, "spawn_helper: no program");
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
    posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
    posix_spawnattr_setpgroup(&attributes, 0);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    pid_t pid = 0;
    int spawned = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0)
        return make_error(ErrorCode::Device, "cannot start " + args[0] + ": " + std::strerror(spawned));
    return pid;
}

} // namespace kiosk::drivers
