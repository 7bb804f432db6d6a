#include "app/studio/welcome_page.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

#include "core/base/runtime.h"

namespace tfs::studio {

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("welcomePage"));
  // The page scrolls: a long model card never forces the window taller.
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  outer->addWidget(scroll);
  auto* content = new QWidget(scroll);
  scroll->setWidget(content);
  auto* layout = new QVBoxLayout(content);
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

  auto* model = new QGroupBox(tr("Model"), this);
  model->setObjectName(QStringLiteral("modelCard"));
  auto* modelLayout = new QVBoxLayout(model);
  card_ = new QLabel(tr("Loading the model…"), model);
  card_->setObjectName(QStringLiteral("modelCardText"));
  card_->setTextFormat(Qt::MarkdownText);
  card_->setWordWrap(true);
  card_->setTextInteractionFlags(Qt::TextBrowserInteraction);
  card_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  modelLayout->addWidget(card_);
  layout->addWidget(model, 1);

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
}

void WelcomePage::showModel(const QString& name, const QString& dir) {
  if (dir.isEmpty()) {
    card_->setText(tr("No model is loaded: File ▸ Open Model… loads a trained run folder."));
    return;
  }
  QFile file(QDir(dir).filePath(QStringLiteral("MODEL_CARD.md")));
  if (file.open(QIODevice::ReadOnly)) {
    card_->setText(QString::fromUtf8(file.readAll()));
    return;
  }
  card_->setText(cardFromConfig(name, dir));
}

QString WelcomePage::modelCardText() const {
  return card_->text();
}

QString WelcomePage::cardFromConfig(const QString& name, const QString& dir) {
  QFile file(QDir(dir).filePath(QStringLiteral("config.json")));
  if (!file.open(QIODevice::ReadOnly))
    return tr("**%1** (%2): no config.json to describe.").arg(name, QDir::toNativeSeparators(dir));
  const QJsonObject j = QJsonDocument::fromJson(file.readAll()).object();
  const QJsonObject m = j.value(QStringLiteral("model")).toObject();
  const QJsonObject t = j.value(QStringLiteral("train")).toObject();
  const int size = m.value(QStringLiteral("imageSize")).toInt();
  const int vae = std::max(1, m.value(QStringLiteral("vaeFactor")).toInt(1));
  const int patch = std::max(1, m.value(QStringLiteral("patchSize")).toInt(1));
  const int side = size / vae / patch;
  const int patches = side * side;
  const int context = m.value(QStringLiteral("maxSeqLen")).toInt();
  const int images = patches > 0 ? context / (patches + 2) : 0;
  QStringList data;
  for (const auto& v : j.value(QStringLiteral("data")).toArray()) data << v.toString();
  for (const auto& v : j.value(QStringLiteral("text")).toArray()) data << v.toString();
  const bool edits = t.value(QStringLiteral("editProb")).toDouble() > 0;
  const bool dialogue = t.value(QStringLiteral("dialogueProb")).toDouble() > 0;
  QString md =
      tr("**%1** — %2 layers × %3, %4×%4 %5 images, a %6-position context (%7 images).\n\n")
          .arg(name)
          .arg(m.value(QStringLiteral("nLayers")).toInt())
          .arg(m.value(QStringLiteral("dModel")).toInt())
          .arg(size)
          .arg(m.value(QStringLiteral("imageChannels")).toInt() == 1 ? tr("grey") : tr("colour"))
          .arg(context)
          .arg(images);
  md += tr("Trained on %1 for %2 steps.\n\n")
            .arg(data.isEmpty() ? tr("(data not recorded)") : data.join(QStringLiteral(", ")))
            .arg(t.value(QStringLiteral("steps")).toInt());
  md += tr("Can: draw from a caption, caption an image") +
        (dialogue ? tr(", hold a conversation in the chat's turn format") : QString()) +
        (edits ? tr(", edit an image by instruction") : QString()) + QStringLiteral(".\n\n");
  QStringList cannot;
  if (!dialogue) cannot << tr("chat (not trained on dialogues)");
  if (!edits) cannot << tr("edit (not trained on editing triplets)");
  if (images < 2) cannot << tr("hold more than one image in context");
  if (!cannot.isEmpty()) md += tr("Cannot: %1.\n\n").arg(cannot.join(QStringLiteral("; ")));
  md += tr("No measured numbers are recorded for this run (a MODEL_CARD.md in %1 would show "
           "them): `transfusion eval` measures it.")
            .arg(QDir::toNativeSeparators(dir));
  return md;
}

}  // namespace tfs::studio
