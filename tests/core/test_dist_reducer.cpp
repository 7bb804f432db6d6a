// core/dist: the environment a launcher sets, the c10d group (Gloo over loopback, ranks as threads
// of this process) and the bucketed gradient reducer — sums, parameters without a gradient on
// some rank, accumulation without reduction, launches during backward, a dead rank.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QtTest>

#include <chrono>
#include <functional>
#include <thread>

#include "core/dist/dist_env.h"
#include "core/dist/dist_group.h"
#include "core/dist/grad_reducer.h"

namespace {

int freePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  const int port = ntohs(a.sin_port);
  close(fd);
  return port;
}

// Runs body(rank, group) on `world` threads, each one rank; returns each rank's error ("" = ok).
std::vector<std::string> runRanks(int world, const std::function<void(int, tfs::DistGroup&)>& body,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  const int port = freePort();
  std::vector<std::string> errors(static_cast<size_t>(world));
  std::vector<std::thread> threads;
  for (int r = 0; r < world; ++r)
    threads.emplace_back([&, r] {
      try {
        tfs::DistEnv e;
        e.rank = r;
        e.world = world;
        e.masterPort = port;
        e.timeout = timeout;
        e.launcher = "test";
        tfs::DistGroup g(e, torch::kCPU);
        body(r, g);
      } catch (const std::exception& ex) {
        errors[size_t(r)] = ex.what();
        if (errors[size_t(r)].empty()) errors[size_t(r)] = "(empty error)";
      }
    });
  for (auto& t : threads) t.join();
  return errors;
}

torch::Tensor leaf(std::vector<float> v) {
  return torch::tensor(v).set_requires_grad(true);
}

}  // namespace

class TestDistReducer : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void environmentAsTorchrunAndSlurmSetIt() {
    auto d = tfs::distEnvFromEnvironment({{"RANK", "1"},
                                          {"WORLD_SIZE", "4"},
                                          {"LOCAL_RANK", "1"},
                                          {"MASTER_ADDR", "10.0.0.2"},
                                          {"MASTER_PORT", "12345"}});
    QCOMPARE(d.rank, 1);
    QCOMPARE(d.world, 4);
    QCOMPARE(d.masterAddr, std::string("10.0.0.2"));
    QCOMPARE(d.masterPort, 12345);
    QCOMPARE(d.launcher, std::string("torchrun"));
    QVERIFY(d.distributed() && !d.isMain());
    d = tfs::distEnvFromEnvironment({{"SLURM_PROCID", "3"},
                                     {"SLURM_NTASKS", "8"},
                                     {"SLURM_LOCALID", "1"},
                                     {"MASTER_ADDR", "n1"}});
    QCOMPARE(d.rank, 3);
    QCOMPARE(d.world, 8);
    QCOMPARE(d.localRank, 1);
    QCOMPARE(d.masterPort, 29500);
    QCOMPARE(d.launcher, std::string("slurm"));
    // Nothing set: one process (the map holds an unrelated variable so it is not "the
    // environment").
    d = tfs::distEnvFromEnvironment({{"HOME", "/root"}});
    QVERIFY(!d.distributed());
    auto refused = [](std::map<std::string, std::string> env, const char* names) {
      try {
        tfs::distEnvFromEnvironment(env);
      } catch (const tfs::UsageError& e) {
        return QString::fromStdString(e.what()).contains(QLatin1String(names));
      }
      return false;
    };
    QVERIFY(refused({{"RANK", "0"}}, "WORLD_SIZE"));
    QVERIFY(refused({{"RANK", "2"}, {"WORLD_SIZE", "2"}}, "RANK"));
    QVERIFY(refused({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "99999"}}, "MASTER_PORT"));
    QVERIFY(refused({{"RANK", "x"}, {"WORLD_SIZE", "2"}}, "RANK"));
    QVERIFY(refused({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}}, "MASTER_ADDR"));
  }

  void firstDifferenceNamesTheField() {
    const nlohmann::json a = {{"train", {{"lr", 0.001}, {"steps", 5}}}, {"data", {"fmnist:train"}}};
    auto b = a;
    QCOMPARE(tfs::firstDifference(a, b), std::string());
    b["train"]["lr"] = 0.002;
    QCOMPARE(tfs::firstDifference(a, b), std::string("train.lr: 0.001 vs 0.002"));
    b = a;
    b["train"].erase("steps");
    QVERIFY(tfs::firstDifference(a, b).rfind("train.steps", 0) == 0);
  }

  void broadcastAndSums() {
    auto errors = runRanks(2, [](int rank, tfs::DistGroup& g) {
      auto t = torch::full({5}, float(rank + 1));
      auto i = torch::full({2}, int64_t(rank + 7));
      g.broadcast({t, i});
      if (!torch::equal(t, torch::full({5}, 1.0f)) || i[1].item<int64_t>() != 7)
        throw std::runtime_error("broadcast did not copy rank 0's values");
      const auto s = g.sum({double(rank), 1.5});
      if (s[0] != 1.0 || s[1] != 3.0) throw std::runtime_error("sum is wrong");
      const auto all = g.gatherToMain("k", "v" + std::to_string(rank));
      if (rank == 0 && (all.size() != 2 || all[1] != "v1")) throw std::runtime_error("gather");
    });
    QCOMPARE(errors[0], std::string());
    QCOMPARE(errors[1], std::string());
  }

  // Rank 1's batch leaves b without a gradient (a text-only batch and the image codec); nobody's
  // uses c. Both ranks end with a = x0 + x1, b = y0, c without a gradient, as one process would.
  void sumsWithAParameterUnusedOnOneRank() {
    std::vector<torch::Tensor> grads(6);
    auto errors = runRanks(2, [&](int rank, tfs::DistGroup& g) {
      auto a = leaf({1, 2, 3}), b = leaf({4, 5}), c = leaf({6, 7, 8, 9});
      tfs::GradReducer red(g, {a, b, c}, /*bucketBytes=*/8);  // one bucket per parameter
      if (red.stats().buckets != 3) throw std::runtime_error("expected 3 buckets");
      red.prepare(true);
      auto x = torch::tensor({1.f, 2.f, 3.f}) * float(rank + 1);
      auto loss = (a * x).sum();
      if (rank == 0) loss = loss + (b * torch::tensor({10.f, 20.f})).sum();
      loss.backward();
      red.finish();
      grads[size_t(rank * 3)] = a.grad().clone();
      grads[size_t(rank * 3 + 1)] = b.grad().defined() ? b.grad().clone() : torch::Tensor();
      grads[size_t(rank * 3 + 2)] = c.grad();
    });
    QCOMPARE(errors[0], std::string());
    QCOMPARE(errors[1], std::string());
    for (int r = 0; r < 2; ++r) {
      QVERIFY(torch::equal(grads[size_t(r * 3)], torch::tensor({3.f, 6.f, 9.f})));
      QVERIFY(grads[size_t(r * 3 + 1)].defined());
      QVERIFY(torch::equal(grads[size_t(r * 3 + 1)], torch::tensor({10.f, 20.f})));
      QVERIFY(!grads[size_t(r * 3 + 2)].defined());
    }
  }

  // Two micro-batches: the first only accumulates; the reduction happens once, after the last.
  void accumulationReducesOnlyAfterTheLastMicroBatch() {
    std::vector<float> got(2);
    std::vector<int64_t> launched(2);
    auto errors = runRanks(2, [&](int rank, tfs::DistGroup& g) {
      auto a = leaf({1, 1}), b = leaf({2});
      tfs::GradReducer red(g, {a, b}, 4);
      for (int micro = 0; micro < 2; ++micro) {
        red.prepare(micro == 1);
        ((a.sum() + b.sum()) * float(rank + 1)).backward();
      }
      red.finish();
      got[size_t(rank)] = a.grad()[0].item<float>();
      launched[size_t(rank)] = red.stats().launchedInBackward;
    });
    QCOMPARE(errors[0], std::string());
    QCOMPARE(errors[1], std::string());
    // Each rank accumulated 2·(rank+1); summed once: 2 + 4 = 6 (reducing after each micro-batch
    // too would give 8 or more).
    QCOMPARE(got[0], 6.0f);
    QCOMPARE(got[1], 6.0f);
    // Both buckets were ready during backward and launched there, not after it.
    QCOMPARE(launched[0], int64_t(2));
  }

  void bucketsFollowBackwardOrderAndSize() {
    auto errors = runRanks(1, [](int, tfs::DistGroup& g) {
      std::vector<torch::Tensor> ps;
      for (int i = 0; i < 6; ++i) ps.push_back(torch::zeros({256}).set_requires_grad(true));
      tfs::GradReducer red(g, ps, 2048);  // 1 KB each: two per bucket
      const auto of = red.bucketOf();
      // Reverse registration order: the last parameters are in the first bucket.
      if (red.stats().buckets != 3 || of[5] != 0 || of[4] != 0 || of[0] != 2)
        throw std::runtime_error("unexpected bucket layout");
    });
    QCOMPARE(errors[0], std::string());
  }

  // A rank that leaves the job ends the others' wait with an error naming the job, quickly.
  void aRankThatLeavesEndsTheOthersWait() {
    const auto t0 = std::chrono::steady_clock::now();
    auto errors = runRanks(
        2,
        [](int rank, tfs::DistGroup& g) {
          if (rank == 1) return;  // leaves: its group is destroyed, its connections close
          std::this_thread::sleep_for(std::chrono::milliseconds(300));
          auto t = torch::ones({4});
          g.allreduceSum(t);
        },
        std::chrono::seconds(8));
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    QVERIFY2(!errors[0].empty(), "rank 0 did not notice");
    QVERIFY2(QString::fromStdString(errors[0]).contains(QLatin1String("rank 0 of 2")),
             errors[0].c_str());
    QVERIFY2(s < 30, qPrintable(QString::number(s)));
  }
};

QTEST_GUILESS_MAIN(TestDistReducer)
#include "test_dist_reducer.moc"
