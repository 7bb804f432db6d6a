#pragma once

#include <cstdint>

namespace tfs {

class TrainSession;

// Periodic text-to-image samples of a training session (train config sampleEvery): the trainer's
// inference weights (EMA when on) draw one image per caption prompt taken from the session's data,
// with `steps` denoising steps, into the run's samples/ folder. Does nothing when sampleEvery is 0,
// prompts is 0 or the data has no captions. The CLI's `train` and the studio's Train page both
// call this, so their samples are the same.
void attachTrainingSamples(TrainSession& session, int64_t prompts, int64_t steps);

}  // namespace tfs
