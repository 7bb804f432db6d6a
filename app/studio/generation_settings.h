#pragma once

#include <QWidget>

#include "core/generate/generation_request.h"
#include "core/generate/png_params.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace tfs::studio {

// Sampler, steps, CFG scale, seed (and optionally the negative prompt) of an image request;
// remembered in QSettings under `key`.
class GenerationSettings : public QWidget {
  Q_OBJECT
 public:
  explicit GenerationSettings(const QString& key, bool withNegativePrompt,
                              QWidget* parent = nullptr);

  // Fills the image options and the seed; leaves the rest of `options` alone.
  void applyTo(GenerateOptions& options) const;
  void setFromParams(const ImageParams& params);
  void setMaxSteps(int trainSteps);
  quint64 seed() const;
  void setSeed(quint64 seed);
  // "Advance" (on by default): after a run the seed moves on by one, so the next run draws a new
  // image; off keeps it (the same pixels again).
  bool advancesSeed() const;
  void setAdvancesSeed(bool on);
  void advanceSeedIfAsked();
  // For a page that varies the seed itself (the Conversation: per message): no "+1" box.
  void hideSeedAdvance();
  void setSampler(const QString& name);
  void setSteps(int steps);
  void setCfgScale(double scale);
  // The sampler, steps and CFG scale shown until the user changes them (and restored when no
  // saved setting exists): ImageOptions' own unless set, editImageOptions() for the Edit page.
  void setDefaults(const ImageOptions& defaults);
  QString summary() const;  // "dpmpp-2m · 20 steps · CFG 3 · seed 7"
  // Adds the edit strength row (ImageOptions::editStrength, SDEdit): for the Edit workspace.
  void addEditStrength();
  double editStrength() const;
  void setEditStrength(double strength);

  void saveSettings() const;
  void restoreSettings();

 public Q_SLOTS:
  void randomizeSeed();

 Q_SIGNALS:
  void changed();

 private:
  QString key_;
  ImageOptions defaults_;
  QComboBox* sampler_;
  QSpinBox* steps_;
  QDoubleSpinBox* cfg_;
  QSpinBox* seed_;
  QToolButton* dice_;
  QCheckBox* advance_;
  QLineEdit* negative_ = nullptr;
  QDoubleSpinBox* strength_ = nullptr;
};

}  // namespace tfs::studio
