// The previous sites, once builds have swapped them out, removed by a process of its own.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "commands.hpp"

extern char** environ;

namespace gazette::cli {

void remove_old_sites_in_background(const std::filesystem::path& dir) {
  // A new process image (posix_spawn, then exec): the build's threads and locks stay behind.
  std::string self = "/proc/self/exe", flag(kRemoveOldSitesFlag), path = dir.string();
  char* argv[] = {self.data(), flag.data(), path.data(), nullptr};
  pid_t child = 0;
  if (::posix_spawn(&child, self.c_str(), nullptr, nullptr, argv, environ) != 0) {
    site::remove_old_sites(dir);
    return;
  }
  // It forks the remover and returns at once: waited for here, so no zombie is left behind
  // by a long-lived gazette serve --watch.
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) site::remove_old_sites(dir);
}

int run_remove_old_sites(const char* dir) {
  pid_t remover = ::fork();  // safe: this process has one thread
  if (remover < 0) return 1;
  if (remover > 0) return 0;
  ::setsid();  // not stopped by the terminal's signals meant for the command
  site::remove_old_sites(dir);
  ::_exit(0);
}

}  // namespace gazette::cli
