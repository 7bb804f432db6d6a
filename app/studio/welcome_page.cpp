#include "app/studio/welcome_page.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

#include "core/base/runtime.h"

namespace tfs::studio {

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("welcomePage"));
  auto* layout = new QVBoxLayout(this);
  auto* title =
      new QLabel(tr("<h2>Transfusion Studio</h2>"
                    "<p>One transformer that predicts the next token and diffuses images. "
                    "Train a model, watch its attention mask and every denoising step, "
                    "and talk to it in text and pictures.</p>"),
                 this);
  title->setWordWrap(true);
  layout->addWidget(title);

  auto* engine = new QGroupBox(tr("Engine"), this);
  auto* form = new QFormLayout(engine);
  const auto v = versionInfo();
  form->addRow(tr("LibTorch"), new QLabel(QString::fromStdString(v.libtorch)));
  form->addRow(tr("SentencePiece"), new QLabel(QString::fromStdString(v.sentencepiece)));
  form->addRow(tr("BLAS"), new QLabel(QString::fromStdString(v.blas)));
  form->addRow(tr("CPU threads"), new QLabel(QString::number(at::get_num_threads())));
  QStringList devices;
  for (const auto& d : listDevices()) devices << QString::fromStdString(d.name);
  form->addRow(tr("Devices"), new QLabel(devices.join(QStringLiteral(", "))));
  layout->addWidget(engine);
  layout->addStretch(1);
}

}  // namespace tfs::studio
