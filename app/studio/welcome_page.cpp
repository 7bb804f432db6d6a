#include "app/studio/welcome_page.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
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

  auto* start = new QGroupBox(tr("Start here"), this);
  auto* grid = new QGridLayout(start);
  const struct {
    const char* page;
    QString button, hint;
  } entries[] = {
      {"denoisePage", tr("Draw an image"),
       tr("Type a caption (\"a photo of a sneaker\") and watch the shipped demo model denoise it "
          "step by step.")},
      {"chatPage", tr("Talk to the model"),
       tr("An interleaved conversation: give it images to caption, ask it to draw.")},
      {"editPage", tr("Edit an image"),
       tr("Image + instruction → image, with a model fine-tuned for editing.")},
      {"trainPage", tr("Train a new model"),
       tr("Pick a preset and data (Fashion-MNIST, shapes, your own folders) and watch the "
          "losses.")},
      {"attentionPage", tr("See the attention mask"),
       tr("Causal over text, bidirectional inside each image: the Transfusion mask of any "
          "sequence.")},
  };
  int row = 0;
  for (const auto& e : entries) {
    auto* button = new QPushButton(e.button, start);
    button->setObjectName(QStringLiteral("start_") + QLatin1String(e.page));
    const QString page = QLatin1String(e.page);
    connect(button, &QPushButton::clicked, this, [this, page] { Q_EMIT openWorkspace(page); });
    auto* hint = new QLabel(e.hint, start);
    hint->setWordWrap(true);
    grid->addWidget(button, row, 0);
    grid->addWidget(hint, row, 1);
    ++row;
  }
  grid->setColumnStretch(1, 1);
  layout->addWidget(start);

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
