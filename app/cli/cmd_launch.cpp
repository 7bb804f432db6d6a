// `transfusion launch --nproc N -- train …`: starts N local ranks of a data-parallel job the way
// torchrun does (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT in each one's
// environment), forwards Ctrl-C / SIGTERM to them, prefixes the other ranks' output with their
// rank, and ends the job when one rank fails: the others get SIGTERM after a grace period (they
// usually fail on their own first, their collectives broken), then SIGKILL.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/cli/command.h"
#include "core/base/error.h"
#include "core/dist/dist_env.h"

namespace {

volatile sig_atomic_t gSignal = 0;
void onSignal(int s) {
  gSignal = s;
}

// A free TCP port on the loopback (bound and released; the store binds it a moment later).
int freePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 29500;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  int port = 29500;
  socklen_t len = sizeof a;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  close(fd);
  return port;
}

struct Rank {
  int rank = 0;
  pid_t pid = -1;
  int out = -1;  // the child's stdout + stderr
  std::string partial;
  bool done = false;
  int status = 0;
};

std::string describeStatus(int status) {
  if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status))
    return std::string("was killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
           strsignal(WTERMSIG(status)) + ")";
  return "ended";
}

struct LaunchArgs {
  int nproc = 2;
  int port = 0;
  std::string addr = "127.0.0.1";
  int threadsPerRank = 0;
  double graceS = 10;
  std::vector<std::string> command;
};

int runLaunch(const LaunchArgs& a, const tfs::cli::GlobalOptions& global) {
  if (a.command.empty())
    throw tfs::UsageError(
        "launch needs the command each rank runs after --, e.g. transfusion launch --nproc 2 -- "
        "train --preset fmnist-demo --data fmnist:train --run runs/ddp");
  if (a.command.front() == "launch") throw tfs::UsageError("launch cannot launch itself");
  const int port = a.port > 0 ? a.port : freePort();
  std::vector<std::string> base{"/proc/self/exe"};
  int threads = a.threadsPerRank > 0 ? a.threadsPerRank : global.threads;
  const char* envThreads = std::getenv("TFS_THREADS");
  if (threads <= 0 && !(envThreads && *envThreads))  // share the cores instead of oversubscribing
    threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / a.nproc);
  if (threads > 0) base.insert(base.end(), {"--threads", std::to_string(threads)});
  if (global.logLevel != "info") base.insert(base.end(), {"--log-level", global.logLevel});
  base.insert(base.end(), a.command.begin(), a.command.end());
  const std::string selfPath = tfs::cli::selfExecutable();
  const char* self = selfPath.c_str();

  std::cout << "launching " << a.nproc << " ranks on " << a.addr << ":" << port << ":";
  for (const auto& s : a.command) std::cout << " " << s;
  std::cout << std::endl;
  std::vector<Rank> ranks(static_cast<size_t>(a.nproc));
  struct sigaction sa {};
  sa.sa_handler = onSignal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  for (int r = 0; r < a.nproc; ++r) {
    int fds[2];
    if (pipe(fds) != 0) throw tfs::IoError(std::string("pipe: ") + std::strerror(errno));
    const pid_t pid = fork();
    if (pid < 0) throw tfs::IoError(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
      dup2(fds[1], STDOUT_FILENO);
      dup2(fds[1], STDERR_FILENO);
      close(fds[0]);
      close(fds[1]);
      // Own process group: a Ctrl-C in the terminal reaches the launcher, which forwards it once.
      setpgid(0, 0);
      for (const auto& [k, v] : tfs::torchrunEnvironment(r, a.nproc, r, a.addr, port))
        setenv(k.c_str(), v.c_str(), 1);
      std::vector<char*> argv;
      for (const auto& s : base) argv.push_back(const_cast<char*>(s.c_str()));
      argv.push_back(nullptr);
      execv(self, argv.data());
      std::fprintf(stderr, "cannot start %s: %s\n", self, std::strerror(errno));
      _exit(127);
    }
    close(fds[1]);
    ranks[size_t(r)] = {r, pid, fds[0], {}, false, 0};
  }

  auto emit = [](Rank& rk, const std::string& text) {
    // Rank 0 speaks as the job; the others' lines carry their rank.
    if (rk.rank == 0) {
      std::cout << text << std::flush;
      return;
    }
    rk.partial += text;
    size_t nl;
    while ((nl = rk.partial.find('\n')) != std::string::npos) {
      std::cout << "[rank " << rk.rank << "] " << rk.partial.substr(0, nl + 1);
      rk.partial.erase(0, nl + 1);
    }
    std::cout << std::flush;
  };
  int forwarded = 0;
  int failedRank = -1, failedStatus = 0;
  std::chrono::steady_clock::time_point failedAt, termAt;
  bool termSent = false, killSent = false;
  while (true) {
    if (gSignal && forwarded != gSignal) {
      for (auto& rk : ranks)
        if (!rk.done) kill(rk.pid, gSignal);
      forwarded = gSignal;
    }
    std::vector<pollfd> pfds;
    for (auto& rk : ranks)
      if (rk.out >= 0) pfds.push_back({rk.out, POLLIN, 0});
    if (!pfds.empty()) poll(pfds.data(), pfds.size(), 200);
    for (auto& p : pfds) {
      if (!(p.revents & (POLLIN | POLLHUP))) continue;
      for (auto& rk : ranks) {
        if (rk.out != p.fd) continue;
        char buf[4096];
        const ssize_t got = read(rk.out, buf, sizeof buf);
        if (got > 0) {
          emit(rk, std::string(buf, size_t(got)));
        } else {
          close(rk.out);
          rk.out = -1;
        }
      }
    }
    bool allDone = true;
    for (auto& rk : ranks) {
      if (!rk.done && waitpid(rk.pid, &rk.status, WNOHANG) == rk.pid) {
        rk.done = true;
        const bool ok = WIFEXITED(rk.status) && (WEXITSTATUS(rk.status) == 0 ||
                                                 WEXITSTATUS(rk.status) == tfs::cli::kExitStopped);
        if (!ok) {
          std::cout << "launch: rank " << rk.rank << " " << describeStatus(rk.status)
                    << (failedRank < 0 ? "; the job ends (the other ranks stop within " +
                                             std::to_string(int(a.graceS)) + " s)"
                                       : std::string())
                    << std::endl;
          // The cause: the first rank to fail, unless a later one died of a signal we did not
          // send (the others then fail only because it is gone).
          const bool killed = WIFSIGNALED(rk.status) && !termSent;
          if (failedRank < 0 || (killed && !WIFSIGNALED(failedStatus))) {
            if (failedRank < 0) failedAt = std::chrono::steady_clock::now();
            failedRank = rk.rank;
            failedStatus = rk.status;
          }
        }
      }
      allDone = allDone && rk.done && rk.out < 0;
    }
    if (allDone) break;
    const auto now = std::chrono::steady_clock::now();
    if (failedRank >= 0 && !termSent && now - failedAt > std::chrono::duration<double>(a.graceS)) {
      for (auto& rk : ranks)
        if (!rk.done) kill(rk.pid, SIGTERM);
      termSent = true;
      termAt = now;
    }
    if (termSent && !killSent && now - termAt > std::chrono::duration<double>(a.graceS)) {
      for (auto& rk : ranks)
        if (!rk.done) kill(rk.pid, SIGKILL);
      killSent = true;
    }
  }
  for (auto& rk : ranks)
    if (!rk.partial.empty()) std::cout << "[rank " << rk.rank << "] " << rk.partial << std::endl;
  if (failedRank >= 0) {
    std::cerr << "error: the job failed: rank " << failedRank << " " << describeStatus(failedStatus)
              << " (its lines above say why)\n";
    return WIFEXITED(failedStatus) && WEXITSTATUS(failedStatus) == 2 ? 2 : 1;
  }
  for (auto& rk : ranks)
    if (WIFEXITED(rk.status) && WEXITSTATUS(rk.status) == tfs::cli::kExitStopped)
      return tfs::cli::kExitStopped;
  return 0;
}

tfs::cli::Run setupLaunch(CLI::App& app, tfs::cli::GlobalOptions& global) {
  auto a = std::make_shared<LaunchArgs>();
  auto* c = app.add_subcommand(
      "launch",
      "Run a command as N local ranks of a data-parallel job (as torchrun does; see the README's "
      "\"Training on several processes\")");
  c->add_option("--nproc", a->nproc, "Ranks (processes) to start")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  c->add_option("--master-port", a->port, "Port of the job's store (default: a free one)")
      ->check(CLI::Range(1, 65535));
  c->add_option("--threads-per-rank", a->threadsPerRank,
                "LibTorch threads of each rank (default: --threads, else $TFS_THREADS, else the "
                "cores divided by --nproc)")
      ->check(CLI::Range(1, 4096));
  c->add_option("--grace", a->graceS,
                "Seconds the other ranks get to stop after one failed, before SIGTERM (then "
                "SIGKILL after as long again)")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  c->add_option("command", a->command, "The transfusion command each rank runs, after --");
  c->footer(
      "Example:\n  transfusion --threads 1 launch --nproc 2 -- train --preset fmnist-demo "
      "--data fmnist:train --text fortunes --run runs/ddp\n"
      "Every rank trains batchRows rows; the global batch is batchRows × nproc × gradAccum.");
  return [a, &global] { return runLaunch(*a, global); };
}

const bool registered = tfs::cli::registerCommand("launch", 42, setupLaunch);

}  // namespace
