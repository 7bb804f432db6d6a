#include "widgets/chat_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace tfs::widgets {

namespace {

qint64 imageKey(int node, int part) {
  return (static_cast<qint64>(node) << 32) | quint32(part);
}

}  // namespace

ChatView::ChatView(QWidget* parent)
    : QScrollArea(parent), container_(new QWidget), column_(new QVBoxLayout(container_)) {
  setObjectName(QStringLiteral("chatView"));
  container_->setObjectName(QStringLiteral("chatContainer"));
  column_->setContentsMargins(8, 8, 8, 8);
  column_->setSpacing(10);
  column_->addStretch(1);
  setWidget(container_);
  setWidgetResizable(true);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

void ChatView::setModel(const ChatModel& model) {
  model_ = model;
  refresh();
}

bool ChatView::atEnd() const {
  const QScrollBar* bar = verticalScrollBar();
  return bar->value() >= bar->maximum() - 8;
}

void ChatView::scrollToEndIfFollowing(bool wasAtEnd) {
  if (!wasAtEnd) return;
  // The layout settles on the next event loop turn; scroll after it.
  QTimer::singleShot(0, this,
                     [this] { verticalScrollBar()->setValue(verticalScrollBar()->maximum()); });
}

void ChatView::refresh() {
  const bool wasAtEnd = atEnd();
  for (QWidget* frame : std::as_const(frames_)) frame->deleteLater();
  for (QWidget* frame : std::as_const(frames_)) column_->removeWidget(frame);
  frames_.clear();
  lastTextLabel_.clear();
  imageLabels_.clear();
  for (int node : model_.activePath()) {
    QWidget* frame = buildMessage(node);
    column_->insertWidget(column_->count() - 1, frame);
    frames_.insert(node, frame);
  }
  scrollToEndIfFollowing(wasAtEnd);
}

void ChatView::rebuildMessage(int node) {
  QWidget* old = frames_.value(node);
  if (!old) {
    refresh();
    return;
  }
  const int index = column_->indexOf(old);
  column_->removeWidget(old);
  old->deleteLater();
  lastTextLabel_.remove(node);
  for (auto it = imageLabels_.begin(); it != imageLabels_.end();)
    it = (it.key() >> 32) == node ? imageLabels_.erase(it) : std::next(it);
  QWidget* frame = buildMessage(node);
  column_->insertWidget(index, frame);
  frames_.insert(node, frame);
}

QPixmap ChatView::previewPixmap(const QImage& image) {
  if (image.isNull()) return {};
  const QSize target = image.size().scaled(kMaxImageSide, kMaxImageSide, Qt::KeepAspectRatio);
  // Tiny previews (early denoising steps, latent size) are enlarged pixel-exact.
  if (image.width() <= kMaxImageSide / 2 && image.height() <= kMaxImageSide / 2)
    return QPixmap::fromImage(image.scaled(target, Qt::KeepAspectRatio, Qt::FastTransformation));
  if (image.width() <= kMaxImageSide && image.height() <= kMaxImageSide)
    return QPixmap::fromImage(image);
  return QPixmap::fromImage(image.scaled(target, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

QWidget* ChatView::buildMessage(int node) {
  const ChatMessage& message = model_.message(node);
  const bool user = message.role == ChatRole::User;
  auto* frame = new QFrame(container_);
  frame->setObjectName(QStringLiteral("message_%1").arg(node));
  frame->setProperty("node", node);
  frame->setFrameShape(QFrame::NoFrame);
  frame->setAutoFillBackground(true);
  QPalette pal = frame->palette();
  const QColor base = pal.color(QPalette::Base);
  const QColor tint = user ? QColor(52, 120, 200) : QColor(128, 128, 128);
  // A light wash of the role colour over the base, readable in light and dark palettes.
  const double a = user ? 0.16 : 0.10;
  pal.setColor(QPalette::Window, QColor::fromRgbF(base.redF() * (1 - a) + tint.redF() * a,
                                                  base.greenF() * (1 - a) + tint.greenF() * a,
                                                  base.blueF() * (1 - a) + tint.blueF() * a));
  frame->setPalette(pal);

  auto* layout = new QVBoxLayout(frame);
  layout->setContentsMargins(10, 6, 10, 8);
  layout->setSpacing(4);
  auto* header = new QHBoxLayout;
  auto* role = new QLabel(user ? tr("You") : tr("Model"), frame);
  role->setObjectName(QStringLiteral("roleLabel"));
  QFont bold = role->font();
  bold.setBold(true);
  role->setFont(bold);
  header->addWidget(role);
  header->addStretch(1);

  const int count = model_.siblingCount(node);
  if (count > 1) {
    const int index = model_.siblingIndex(node);
    auto* prev = new QToolButton(frame);
    prev->setObjectName(QStringLiteral("previousBranch"));
    prev->setText(QStringLiteral("‹"));
    prev->setAutoRaise(true);
    prev->setToolTip(tr("Previous version"));
    prev->setEnabled(index > 0);
    auto* label = new QLabel(tr("%1/%2").arg(index + 1).arg(count), frame);
    label->setObjectName(QStringLiteral("branchLabel"));
    auto* next = new QToolButton(frame);
    next->setObjectName(QStringLiteral("nextBranch"));
    next->setText(QStringLiteral("›"));
    next->setAutoRaise(true);
    next->setToolTip(tr("Next version"));
    next->setEnabled(index + 1 < count);
    connect(prev, &QToolButton::clicked, this, [this, node] { switchBranch(node, -1); });
    connect(next, &QToolButton::clicked, this, [this, node] { switchBranch(node, +1); });
    header->addWidget(prev);
    header->addWidget(label);
    header->addWidget(next);
  }
  auto* action = new QToolButton(frame);
  action->setAutoRaise(true);
  if (user) {
    action->setObjectName(QStringLiteral("editButton"));
    action->setText(tr("Edit"));
    action->setToolTip(tr("Edit this message as a new branch"));
    connect(action, &QToolButton::clicked, this, [this, node] { Q_EMIT editRequested(node); });
  } else {
    action->setObjectName(QStringLiteral("regenerateButton"));
    action->setText(tr("Regenerate"));
    action->setToolTip(tr("Generate another reply as a new branch"));
    connect(action, &QToolButton::clicked, this,
            [this, node] { Q_EMIT regenerateRequested(node); });
  }
  header->addWidget(action);
  layout->addLayout(header);

  for (int p = 0; p < static_cast<int>(message.parts.size()); ++p) {
    const ChatPart& part = message.parts[p];
    if (part.kind == ChatPart::Kind::Text) {
      auto* text = new QLabel(frame);
      text->setObjectName(QStringLiteral("textPart"));
      text->setTextFormat(Qt::PlainText);
      text->setWordWrap(true);
      text->setTextInteractionFlags(Qt::TextSelectableByMouse);
      text->setText(part.text);
      layout->addWidget(text);
      lastTextLabel_.insert(node, text);
    } else {
      auto* image = new QLabel(frame);
      image->setObjectName(QStringLiteral("imagePart"));
      image->setPixmap(previewPixmap(part.image));
      image->setContextMenuPolicy(Qt::CustomContextMenu);
      image->setToolTip(tr("Right-click to save or copy"));
      connect(image, &QLabel::customContextMenuRequested, this, [this, image, node, p](QPoint at) {
        QMenu menu(this);
        menu.addAction(tr("Save image…"), this, [this, node, p] { requestSaveImage(node, p); });
        menu.addAction(tr("Copy image"), this, [this, node, p] {
          Q_EMIT copyImageRequested(node, p, model_.message(node).parts[p].image);
        });
        menu.exec(image->mapToGlobal(at));
      });
      layout->addWidget(image, 0, Qt::AlignLeft);
      imageLabels_.insert(imageKey(node, p), image);
      lastTextLabel_.remove(node);
    }
  }
  return frame;
}

int ChatView::appendMessage(const ChatMessage& message) {
  const bool wasAtEnd = atEnd();
  const int node = model_.appendMessage(message);
  QWidget* frame = buildMessage(node);
  column_->insertWidget(column_->count() - 1, frame);
  frames_.insert(node, frame);
  scrollToEndIfFollowing(wasAtEnd);
  return node;
}

int ChatView::beginModelReply() {
  return appendMessage(ChatMessage{ChatRole::Model, {}});
}

void ChatView::appendText(const QString& text) {
  const int node = model_.lastNode();
  if (node == ChatModel::kRoot) return;
  const bool wasAtEnd = atEnd();
  model_.appendText(node, text);
  if (QLabel* label = lastTextLabel_.value(node))
    label->setText(model_.message(node).parts.back().text);
  else
    rebuildMessage(node);
  scrollToEndIfFollowing(wasAtEnd);
}

int ChatView::appendImage(const QImage& image, const QJsonObject& params) {
  const int node = model_.lastNode();
  if (node == ChatModel::kRoot) return -1;
  const bool wasAtEnd = atEnd();
  const int part = model_.appendImage(node, image, params);
  rebuildMessage(node);
  scrollToEndIfFollowing(wasAtEnd);
  return part;
}

void ChatView::updateImage(int node, int part, const QImage& image) {
  if (!model_.setImage(node, part, image)) return;
  if (QLabel* label = imageLabels_.value(imageKey(node, part)))
    label->setPixmap(previewPixmap(image));
}

int ChatView::switchBranch(int node, int delta) {
  const int shown = model_.switchBranch(node, delta);
  if (shown == node) return node;
  refresh();
  Q_EMIT branchSwitched(node, shown);
  return shown;
}

void ChatView::requestSaveImage(int node, int part) {
  if (!model_.contains(node)) return;
  const auto& parts = model_.message(node).parts;
  if (part < 0 || part >= static_cast<int>(parts.size()) ||
      parts[part].kind != ChatPart::Kind::Image)
    return;
  Q_EMIT saveImageRequested(node, part, parts[part].image);
}

}  // namespace tfs::widgets
