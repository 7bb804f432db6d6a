#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QVariantMap>
#include <QVector>
#include <memory>

#include "app/studio/train_data_preview.h"
#include "app/studio/train_metrics.h"

namespace tfs::studio {

// What the Train page asks for: the studio's form of `transfusion train`'s options.
struct TrainRequest {
  QString runDir;
  QString preset;
  QString configFile;       // optional JSON (train config or run config)
  QStringList data;         // data specs; text specs are routed to the text side by core
  qint64 steps = 0;         // 0 = the preset's / config's
  qint64 sampleEvery = -1;  // -1 = the preset's / config's, 0 = no samples
  int samplePrompts = 4;
  int sampleSteps = 20;
  bool resume = false;
  QVariantMap overrides;  // train-config fields, as `--set`
  // A latent-space model whose run has no VAE trains one first (points "vae_recon", "vae_kl");
  // 0 = VaeTrainConfig's default step count.
  qint64 vaeSteps = 0;
  // > 1: a data-parallel job of this many ranks, each a child process (`transfusion launch`),
  // followed through its run folder; stop() ends it cleanly (every rank stops at one step and
  // rank 0 saves), pause is not offered.
  int processes = 1;
};

struct TrainResult {
  qint64 steps = 0;
  qint64 stepsThisSession = 0;
  double seconds = 0;
  bool stopped = false;
  QString lastCheckpoint;
};

// Runs one tfs::TrainSession at a time on a worker thread and reports its events as queued
// signals on the UI thread; pause / resume / stop-and-save go through the trainer's control.
class TrainRunFollower;

class TrainController : public QObject {
  Q_OBJECT
 public:
  enum class State { Idle, Preparing, Running, Paused, Stopping };
  Q_ENUM(State)

  explicit TrainController(QObject* parent = nullptr);
  ~TrainController() override;  // stops a running session and waits for its checkpoint

  // False (and nothing happens) while a session is active.
  bool start(const TrainRequest& request);
  void pause();
  void resume();
  void stop();  // finishes the current step, saves a checkpoint, then finished()

  State state() const { return state_; }
  bool isActive() const { return state_ != State::Idle; }
  bool isMultiProcess() const { return launcher_ != nullptr; }
  // The `transfusion` CLI that multi-process runs launch: $TFS_CLI, else next to this program.
  static QString cliPath();
  QString runDir() const { return runDir_; }
  qint64 totalSteps() const { return totalSteps_; }

  // Reads the first `perSpec` records of each data spec as the preset's model will see them (its
  // image size and channels), off the UI thread; previewReady() delivers them. One bad spec does
  // not hide the others' records: its error is listed instead. False while one is being read.
  bool previewData(const QStringList& specs, const QString& preset, int perSpec = 6);
  bool isPreviewing() const { return previewing_; }

  static QStringList presetNames();
  // The preset's image size and channels (what a data preview should show); false if unknown.
  static bool presetImageShape(const QString& preset, int* size, int* channels);

 Q_SIGNALS:
  void stateChanged(tfs::studio::TrainController::State state);
  // The session is built (tokenizer, VAE, data): training starts at startStep of totalSteps.
  void prepared(const QString& runDir, const QString& description, qint64 startStep,
                qint64 totalSteps);
  void pointsReady(const QVector<tfs::studio::TrainPoint>& points);
  // A resumed run's steps up to its checkpoint, read before training continues (then prepared()).
  void historyLoaded(const QVector<tfs::studio::TrainPoint>& points);
  void checkpointSaved(const QString& folder);
  void sampleWritten(const QString& path);
  void message(int level, const QString& text);  // spdlog level
  void finished(const tfs::studio::TrainResult& result);
  void failed(const QString& error);
  void previewReady(const QVector<tfs::studio::DataPreviewItem>& items, const QStringList& errors);

 private:
  struct Worker;
  void setState(State s);
  void flushPoints();
  void onWorkerDone();

  bool startJob(const TrainRequest& request);
  void onJobOutput();
  void onJobFinished(int code);

  std::shared_ptr<Worker> worker_;
  QProcess* launcher_ = nullptr;  // a multi-process job's `transfusion launch`
  TrainRunFollower* follower_ = nullptr;
  QByteArray jobOutput_;
  QStringList jobTail_;  // its last lines, for the error of a failed job
  State state_ = State::Idle;
  QString runDir_;
  qint64 totalSteps_ = 0;
  bool previewing_ = false;
};

}  // namespace tfs::studio

Q_DECLARE_METATYPE(tfs::studio::TrainResult)
