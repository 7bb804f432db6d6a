#include "app/studio/chat_page.h"

#include <QClipboard>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/studio/chat_file.h"
#include "app/studio/chat_input.h"
#include "app/studio/generation_image.h"
#include "app/studio/generation_queue.h"
#include "app/studio/generation_settings.h"
#include "app/studio/model_session.h"
#include "widgets/chat_view.h"

namespace tfs::studio {

namespace {

QString lastUserText(const Conversation& conv) {
  for (auto m = conv.messages.rbegin(); m != conv.messages.rend(); ++m) {
    if (m->role != Role::User) continue;
    for (auto p = m->parts.rbegin(); p != m->parts.rend(); ++p)
      if (!p->isImage() && !p->text.empty()) return QString::fromStdString(p->text);
  }
  return {};
}

QToolButton* toolButton(QWidget* parent, const QString& text, const QString& tip,
                        const QKeySequence& key = {}) {
  auto* b = new QToolButton(parent);
  b->setText(text);
  b->setToolTip(key.isEmpty()
                    ? tip
                    : QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
  if (!key.isEmpty()) b->setShortcut(key);
  b->setToolButtonStyle(Qt::ToolButtonTextOnly);
  return b;
}

}  // namespace

ChatPage::ChatPage(ModelSession* session, QWidget* parent) : QWidget(parent), session_(session) {
  setObjectName(QStringLiteral("chatPage"));
  setAcceptDrops(true);
  auto* outer = new QHBoxLayout(this);
  auto* center = new QVBoxLayout;
  outer->addLayout(center, 1);

  auto* bar = new QHBoxLayout;
  auto* newButton = toolButton(this, tr("&New"), tr("Start a new conversation"),
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
  auto* openButton = toolButton(this, tr("&Open…"), tr("Load a saved conversation (JSON)"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  auto* saveButton = toolButton(this, tr("Sa&ve…"),
                                tr("Save the conversation with all its branches as JSON, "
                                   "its images beside it"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  bar->addWidget(newButton);
  bar->addWidget(openButton);
  bar->addWidget(saveButton);
  bar->addStretch(1);
  center->addLayout(bar);

  view_ = new widgets::ChatView(this);
  view_->setObjectName(QStringLiteral("chatView"));
  center->addWidget(view_, 1);

  attachmentList_ = new QListWidget(this);
  attachmentList_->setObjectName(QStringLiteral("attachments"));
  attachmentList_->setViewMode(QListView::IconMode);
  attachmentList_->setIconSize(QSize(56, 56));
  attachmentList_->setFixedHeight(84);
  attachmentList_->setFlow(QListView::LeftToRight);
  attachmentList_->setWrapping(false);
  attachmentList_->setToolTip(
      tr("Images sent with the next message; Delete removes the "
         "selected one."));
  center->addWidget(attachmentList_);
  auto* del =
      new QShortcut(QKeySequence::Delete, attachmentList_, nullptr, nullptr, Qt::WidgetShortcut);
  connect(del, &QShortcut::activated, this, [this] {
    const int row = attachmentList_->currentRow();
    if (row < 0 || row >= attachments_.size()) return;
    attachments_.removeAt(row);
    refreshAttachments();
  });

  auto* inputRow = new QHBoxLayout;
  input_ = new ChatInput(this);
  input_->setFixedHeight(72);
  input_->setPlaceholderText(
      tr("Ask the model, or describe an image and press Draw (Ctrl+D) — e.g. \"a photo of a "
         "bag\". Attach, paste or drop an image and ask \"what is this?\"."));
  inputRow->addWidget(input_, 1);
  auto* buttons = new QVBoxLayout;
  send_ = new QPushButton(tr("&Send"), this);
  send_->setObjectName(QStringLiteral("send"));
  send_->setToolTip(
      tr("Send the message; the model replies with text and maybe images "
         "(Enter)"));
  draw_ = new QPushButton(tr("&Draw"), this);
  draw_->setObjectName(QStringLiteral("draw"));
  draw_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
  draw_->setToolTip(tr("Send the message and have the reply start with an image (Ctrl+D)"));
  attach_ = new QPushButton(tr("&Image…"), this);
  attach_->setToolTip(tr("Attach image files to the next message (or paste / drop them)"));
  stop_ = new QPushButton(tr("Stop"), this);
  stop_->setObjectName(QStringLiteral("stop"));
  stop_->setShortcut(QKeySequence(Qt::Key_Escape));
  stop_->setToolTip(tr("Stop the reply now (Esc)"));
  for (auto* b : {send_, draw_, attach_, stop_}) buttons->addWidget(b);
  inputRow->addLayout(buttons);
  center->addLayout(inputRow);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("status"));
  status_->setWordWrap(true);
  status_->setText(emptyHint());
  center->addWidget(status_);

  auto* side = new QGroupBox(tr("Reply settings"), this);
  side->setMaximumWidth(280);
  auto* sideCol = new QVBoxLayout(side);
  settings_ = new GenerationSettings(QStringLiteral("chat/image"), false, side);
  settings_->hideSeedAdvance();  // each message already draws its own seed
  sideCol->addWidget(settings_);
  auto* textForm = new QFormLayout;
  temperature_ = new QDoubleSpinBox(side);
  temperature_->setRange(0.0, 2.0);
  temperature_->setSingleStep(0.1);
  temperature_->setToolTip(
      tr("0 always picks the likeliest token (the paper); higher is more "
         "varied."));
  maxTokens_ = new QSpinBox(side);
  maxTokens_->setRange(1, 4096);
  maxTokens_->setToolTip(tr("The most text tokens in one reply"));
  textForm->addRow(tr("&Temperature:"), temperature_);
  textForm->addRow(tr("&Max tokens:"), maxTokens_);
  sideCol->addLayout(textForm);
  sideCol->addStretch(1);
  outer->addWidget(side);

  QSettings s;
  temperature_->setValue(s.value(QStringLiteral("chat/temperature"), 0.0).toDouble());
  maxTokens_->setValue(s.value(QStringLiteral("chat/maxTokens"), 64).toInt());

  connect(input_, &ChatInput::submitted, this, &ChatPage::send);
  connect(input_, &ChatInput::imagesAdded, this, [this](const QList<QImage>& images) {
    for (const auto& img : images) attachImage(img);
  });
  connect(send_, &QPushButton::clicked, this, &ChatPage::send);
  connect(draw_, &QPushButton::clicked, this, &ChatPage::draw);
  connect(stop_, &QPushButton::clicked, this, &ChatPage::stop);
  connect(attach_, &QPushButton::clicked, this, &ChatPage::attachFiles);
  connect(newButton, &QToolButton::clicked, this, &ChatPage::newConversation);
  connect(openButton, &QToolButton::clicked, this, &ChatPage::openConversation);
  connect(saveButton, &QToolButton::clicked, this, &ChatPage::saveConversationAs);
  connect(view_, &widgets::ChatView::editRequested, this, &ChatPage::editMessage);
  connect(view_, &widgets::ChatView::regenerateRequested, this, &ChatPage::regenerate);
  connect(view_, &widgets::ChatView::saveImageRequested, this, &ChatPage::saveImage);
  connect(view_, &widgets::ChatView::copyImageRequested, this,
          [](int, int, const QImage& image) { QGuiApplication::clipboard()->setImage(image); });

  // Stick to the newest message while the reader is at the end: the range grows only once the
  // rebuilt messages are laid out, later than the text arrives.
  auto* scroll = view_->verticalScrollBar();
  connect(scroll, &QScrollBar::valueChanged, this,
          [this, scroll](int value) { followEnd_ = value >= scroll->maximum() - 4; });
  connect(scroll, &QScrollBar::rangeChanged, this, [this, scroll](int, int max) {
    if (followEnd_) scroll->setValue(max);
  });

  auto* q = session_->queue();
  connect(q, &GenerationQueue::tokenArrived, this, &ChatPage::onToken);
  connect(q, &GenerationQueue::stepDone, this, &ChatPage::onStep);
  connect(q, &GenerationQueue::imageDone, this, &ChatPage::onImage);
  connect(q, &GenerationQueue::jobFinished, this, &ChatPage::onFinished);
  connect(q, &GenerationQueue::jobFailed, this, &ChatPage::onFailed);
  connect(session_, &ModelSession::modelChanged, this,
          [this] { settings_->setMaxSteps(session_->trainSteps()); });
  refreshAttachments();
  updateButtons();
}

ChatPage::~ChatPage() {
  QSettings s;
  s.setValue(QStringLiteral("chat/temperature"), temperature_->value());
  s.setValue(QStringLiteral("chat/maxTokens"), maxTokens_->value());
  settings_->saveSettings();
}

void ChatPage::attachImage(const QImage& image) {
  if (image.isNull()) return;
  attachments_ << image;
  refreshAttachments();
}

void ChatPage::refreshAttachments() {
  attachmentList_->clear();
  for (const auto& img : attachments_) {
    auto* item = new QListWidgetItem(
        QIcon(QPixmap::fromImage(
            img.scaled(56, 56, Qt::KeepAspectRatio,
                       img.width() < 56 ? Qt::FastTransformation : Qt::SmoothTransformation))),
        QString(), attachmentList_);
    item->setToolTip(tr("%1 × %2 pixels").arg(img.width()).arg(img.height()));
  }
  attachmentList_->setVisible(!attachments_.isEmpty());
}

void ChatPage::attachFiles() {
  QSettings s;
  const QStringList files = QFileDialog::getOpenFileNames(
      this, tr("Attach Images"), s.value(QStringLiteral("chat/imageDir")).toString(),
      tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)"));
  for (const QString& f : files) {
    QImageReader reader(f);
    const QImage img = reader.read();
    if (img.isNull())
      status_->setText(tr("Cannot read %1: %2").arg(f, reader.errorString()));
    else
      attachImage(img);
  }
  if (!files.isEmpty())
    s.setValue(QStringLiteral("chat/imageDir"), QFileInfo(files.first()).absolutePath());
}

void ChatPage::dragEnterEvent(QDragEnterEvent* event) {
  if (ChatInput::carriesImages(event->mimeData())) event->acceptProposedAction();
}

void ChatPage::dropEvent(QDropEvent* event) {
  const auto images = ChatInput::imagesFrom(event->mimeData());
  for (const auto& img : images) attachImage(img);
  if (!images.isEmpty()) event->acceptProposedAction();
}

Conversation ChatPage::conversationBefore(int node) const {
  Conversation conv;
  const auto& model = view_->model();
  for (int n : model.activePath()) {
    if (n == node) break;
    const auto& m = model.message(n);
    const Role role = m.role == widgets::ChatRole::User ? Role::User : Role::Model;
    for (const auto& part : m.parts) {
      if (part.kind == widgets::ChatPart::Kind::Image) {
        if (!part.image.isNull()) conv.addImage(role, imageToTensor(part.image));
      } else if (!part.text.isEmpty()) {
        conv.addText(role, part.text.toStdString());
      }
    }
  }
  return conv;
}

void ChatPage::send() {
  submit(false);
}
void ChatPage::draw() {
  submit(true);
}

void ChatPage::submit(bool forceImage) {
  if (isReplying()) {
    status_->setText(tr("The model is still replying: wait or stop it first."));
    return;
  }
  const QString text = input_->toPlainText().trimmed();
  widgets::ChatMessage msg{widgets::ChatRole::User, {}};
  for (const auto& img : attachments_) msg.parts.push_back(widgets::ChatPart::fromImage(img));
  if (!text.isEmpty()) msg.parts.push_back(widgets::ChatPart::fromText(text));
  if (msg.parts.empty() && !forceImage) return;
  auto& model = view_->model();
  if (model.contains(editingNode_) &&
      model.message(editingNode_).role == widgets::ChatRole::Model) {
    // The user rewrote the model's words: a new branch of that reply, nothing to generate.
    if (msg.parts.empty()) return;
    msg.role = widgets::ChatRole::Model;
    model.addAlternative(editingNode_, msg);
    view_->refresh();
    editingNode_ = -1;
    input_->clear();
    attachments_.clear();
    refreshAttachments();
    status_->setText(tr("The edited reply is a new branch."));
    return;
  }
  if (!msg.parts.empty()) {
    if (model.contains(editingNode_)) {
      model.addAlternative(editingNode_, msg);
      view_->refresh();
    } else {
      view_->appendMessage(msg);
    }
  }
  editingNode_ = -1;
  input_->clear();
  attachments_.clear();
  refreshAttachments();
  startReply(forceImage, text);
}

void ChatPage::startReply(bool forceImage, const QString& prompt) {
  replyNode_ = view_->beginModelReply();
  scrollToEnd();
  imageParts_.clear();
  GenerationJob job;
  job.kind = JobKind::Reply;
  job.conversation = conversationBefore(replyNode_);
  const QString about = prompt.isEmpty() ? lastUserText(job.conversation) : prompt;
  job.prompt = about.toStdString();
  job.forceImage = forceImage;
  settings_->applyTo(job.options);
  job.options.text.temperature = temperature_->value();
  job.options.text.maxTokens = maxTokens_->value();
  // Every reply (a regeneration too) gets its own seed, derived from the chosen one.
  job.options.seed += static_cast<uint64_t>(view_->model().nodeCount());
  job.label = tr("reply: %1").arg(about.isEmpty() ? tr("(image)") : about);
  status_->setText(tr("Replying…"));
  replyJob_ = session_->queue()->submit(std::move(job));
  updateButtons();
}

void ChatPage::stop() {
  if (isReplying()) session_->queue()->cancel(replyJob_);
}

void ChatPage::onToken(const QString& id, const QString& text) {
  if (id != replyJob_) return;
  if (view_->model().lastNode() == replyNode_)
    view_->appendText(text);
  else if (view_->model().contains(replyNode_))
    view_->model().appendText(replyNode_, text);  // the user is looking at another branch
}

void ChatPage::onStep(const QString& id, const StepUpdate& s) {
  if (id != replyJob_ || !view_->model().contains(replyNode_)) return;
  const QImage frame = s.decoded.isNull() ? s.x0 : s.decoded;
  if (frame.isNull()) return;
  auto it = imageParts_.find(s.image);
  if (it == imageParts_.end()) {
    const int part = view_->model().lastNode() == replyNode_
                         ? view_->appendImage(frame)
                         : view_->model().appendImage(replyNode_, frame);
    imageParts_.insert(s.image, part);
  } else {
    view_->updateImage(replyNode_, it.value(), frame);
  }
}

void ChatPage::onImage(const QString& id, const ImageUpdate& u) {
  if (id != replyJob_ || !view_->model().contains(replyNode_)) return;
  auto it = imageParts_.find(u.image);
  if (it == imageParts_.end()) return;
  if (u.skipped) {
    view_->model()
        .message(replyNode_)
        .parts.erase(view_->model().message(replyNode_).parts.begin() + it.value());
    imageParts_.erase(it);
    view_->refresh();
    return;
  }
  auto& part = view_->model().message(replyNode_).parts[it.value()];
  part.params = QJsonObject{{QStringLiteral("parameters"), u.parameters},
                            {QStringLiteral("seed"), QString::number(u.seed)}};
  view_->updateImage(replyNode_, it.value(), u.pixels);
}

void ChatPage::onFinished(const QString& id, const JobOutcome& o) {
  if (id != replyJob_) return;
  QString status = o.cancelled
                       ? tr("Stopped.")
                       : tr("Replied in %1 s (%2).").arg(o.seconds, 0, 'f', 1).arg(o.reason);
  if (!o.cancelled && o.text.trimmed().isEmpty() && o.images == 0)
    status = tr("The model ended its reply at once: it has nothing to say to this.");
  else if (!o.warnings.isEmpty())
    status += QLatin1Char(' ') + tr("Warning: %1.").arg(o.warnings.join(QStringLiteral("; ")));
  if (!o.notice.isEmpty()) status += QLatin1Char(' ') + tr("Note: %1.").arg(o.notice);
  status_->setText(status);
  if (view_->model().contains(replyNode_) && view_->model().message(replyNode_).parts.empty()) {
    if (view_->model().lastNode() == replyNode_)
      view_->appendText(tr("(no reply)"));
    else
      view_->model().appendText(replyNode_, tr("(no reply)"));
  }
  endReply();
}

void ChatPage::onFailed(const QString& id, const QString& message) {
  if (id != replyJob_) return;
  status_->setText(tr("The reply failed: %1").arg(message));
  endReply();
}

void ChatPage::scrollToEnd() {
  followEnd_ = true;
  view_->verticalScrollBar()->setValue(view_->verticalScrollBar()->maximum());
}

void ChatPage::endReply() {
  scrollToEnd();
  replyJob_.clear();
  imageParts_.clear();
  updateButtons();
}

void ChatPage::updateButtons() {
  stop_->setEnabled(isReplying());
  send_->setEnabled(!isReplying());
  draw_->setEnabled(!isReplying());
}

void ChatPage::newConversation() {
  if (isReplying()) stop();
  view_->setModel(widgets::ChatModel());
  editingNode_ = -1;
  status_->setText(emptyHint());
}

QString ChatPage::emptyHint() const {
  return tr(
      "New conversation. Type a message and press Enter (Send) for a text reply, or Draw "
      "(Ctrl+D) for an image; attach an image (Image…, paste or drop) and ask about it. "
      "Edit a message or regenerate a reply to branch; Save… keeps every branch.");
}

void ChatPage::editMessage(int node) {
  const auto& model = view_->model();
  if (!model.contains(node) || isReplying()) return;
  const auto& m = model.message(node);
  QString text;
  attachments_.clear();
  for (const auto& part : m.parts) {
    if (part.kind == widgets::ChatPart::Kind::Image)
      attachments_ << part.image;
    else
      text += part.text;
  }
  // A model message edited by hand keeps its images only in the old branch.
  if (m.role == widgets::ChatRole::Model) attachments_.clear();
  editingNode_ = node;
  input_->setPlainText(text);
  input_->setFocus();
  refreshAttachments();
  status_->setText(m.role == widgets::ChatRole::User
                       ? tr("Editing a message: sending makes it a new branch and the model "
                            "replies to it.")
                       : tr("Editing the model's message: sending makes it a new branch."));
}

void ChatPage::regenerate(int node) {
  auto& model = view_->model();
  if (!model.contains(node) || isReplying()) return;
  if (model.message(node).role == widgets::ChatRole::User) {
    // Regenerating a question means a new answer to it.
    model.selectBranch(node);
    const int child = model.activeChild(node);
    if (child >= 0) {
      model.addAlternative(child, widgets::ChatMessage{widgets::ChatRole::Model, {}});
    } else {
      model.addMessage(node, widgets::ChatMessage{widgets::ChatRole::Model, {}});
    }
  } else {
    model.addAlternative(node, widgets::ChatMessage{widgets::ChatRole::Model, {}});
  }
  view_->refresh();
  replyNode_ = model.lastNode();
  imageParts_.clear();
  GenerationJob job;
  job.kind = JobKind::Reply;
  job.conversation = conversationBefore(replyNode_);
  const QString about = lastUserText(job.conversation);
  job.prompt = about.toStdString();
  settings_->applyTo(job.options);
  job.options.text.temperature = temperature_->value();
  job.options.text.maxTokens = maxTokens_->value();
  job.options.seed += static_cast<uint64_t>(model.nodeCount());
  job.label = tr("regenerate: %1").arg(about);
  status_->setText(tr("Regenerating…"));
  replyJob_ = session_->queue()->submit(std::move(job));
  updateButtons();
}

bool ChatPage::saveConversation(const QString& path, QString* error) const {
  return studio::saveChat(view_->model(), path, error);
}

bool ChatPage::loadConversation(const QString& path, QString* error) {
  widgets::ChatModel model;
  if (!studio::loadChat(path, &model, error)) return false;
  if (isReplying()) stop();
  view_->setModel(model);
  editingNode_ = -1;
  return true;
}

void ChatPage::openConversation() {
  QSettings s;
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Conversation"),
                                                    s.value(QStringLiteral("chat/dir")).toString(),
                                                    tr("Conversations (*.json)"));
  if (path.isEmpty()) return;
  s.setValue(QStringLiteral("chat/dir"), QFileInfo(path).absolutePath());
  QString error;
  if (loadConversation(path, &error))
    status_->setText(tr("Loaded %1.").arg(QFileInfo(path).fileName()));
  else
    status_->setText(tr("Cannot load %1: %2").arg(path, error));
}

void ChatPage::saveConversationAs() {
  QSettings s;
  QString path = QFileDialog::getSaveFileName(this, tr("Save Conversation"),
                                              QDir(s.value(QStringLiteral("chat/dir")).toString())
                                                  .filePath(QStringLiteral("conversation.json")),
                                              tr("Conversations (*.json)"));
  if (path.isEmpty()) return;
  if (!path.endsWith(QLatin1String(".json"))) path += QStringLiteral(".json");
  s.setValue(QStringLiteral("chat/dir"), QFileInfo(path).absolutePath());
  QString error;
  if (saveConversation(path, &error))
    status_->setText(tr("Saved %1 (images in %2_images/).")
                         .arg(QFileInfo(path).fileName(), QFileInfo(path).completeBaseName()));
  else
    status_->setText(tr("Cannot save %1: %2").arg(path, error));
}

void ChatPage::saveImage(int node, int part, const QImage& image) {
  const auto& m = view_->model().message(node);
  const QString params = m.parts[part].params.value(QStringLiteral("parameters")).toString();
  saveImageDialog(this, image, params, QStringLiteral("chat-%1-%2.png").arg(node).arg(part));
}

}  // namespace tfs::studio
