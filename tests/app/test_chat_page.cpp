// The Conversation workspace on a tiny random model: a reply streams into a new message, images
// denoise in place and carry their parameters, edits and regenerations make branches, and the
// whole tree (images included) round-trips through save/load; attachments by paste and drop.
#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QScrollBar>
#include <QtTest>

#include "app/studio/chat_file.h"
#include "app/studio/chat_input.h"
#include "app/studio/chat_page.h"
#include "app/studio/generation_queue.h"
#include "app/studio/generation_settings.h"
#include "app/studio/model_session.h"
#include "core/generate/png_params.h"
#include "tests/app/generation_test_app.h"
#include "tests/app/generation_test_model.h"
#include "tests/widgets/widget_shot.h"
#include "widgets/chat_view.h"

using tfs::studio::ChatPage;
using tfs::studio::ModelSession;
using tfs::widgets::ChatModel;
using tfs::widgets::ChatPart;
using tfs::widgets::ChatRole;

namespace {

bool hasImage(const tfs::widgets::ChatMessage& m) {
  for (const auto& p : m.parts)
    if (p.kind == ChatPart::Kind::Image) return true;
  return false;
}

QImage colourImage(QColor c, int side = 8) {
  QImage img(side, side, QImage::Format_RGB888);
  img.fill(c);
  return img;
}

}  // namespace

class TestChatPage : public QObject {
  Q_OBJECT
  std::shared_ptr<tfs::ModelBundle> bundle_;
  std::unique_ptr<ModelSession> session_;

  std::unique_ptr<ChatPage> makePage() {
    auto page = std::make_unique<ChatPage>(session_.get());
    auto* s = page->settings();
    s->setSampler(QStringLiteral("ddim"));
    s->setSteps(4);
    s->setCfgScale(1.0);
    page->resize(1000, 760);
    return page;
  }
  static bool waitReply(ChatPage& page) {
    return QTest::qWaitFor([&] { return !page.isReplying(); }, 30000);
  }

 private Q_SLOTS:
  void initTestCase() {
    tfs::test::isolateSettings(QStringLiteral("chat_page"));
    bundle_ = tfs::test::tinyModel(QStringLiteral("chat_page"), 256);
    session_ = std::make_unique<ModelSession>();
    session_->setBundle(bundle_);
  }
  void cleanupTestCase() { session_.reset(); }

  void anEmptyChatSaysHowToStart() {
    auto page = makePage();
    page->show();
    auto* status = page->findChild<QLabel*>(QStringLiteral("status"));
    QVERIFY(status);
    QVERIFY2(status->text().contains(QStringLiteral("Ctrl+D")), qPrintable(status->text()));
    QVERIFY(page->input()->placeholderText().contains(QStringLiteral("Draw (Ctrl+D)")));
    page->input()->setPlainText(QStringLiteral("a red circle"));
    page->send();
    QVERIFY(waitReply(*page));
    QVERIFY(!status->text().contains(QStringLiteral("Ctrl+D")));
    page->newConversation();
    QVERIFY(status->text().contains(QStringLiteral("Ctrl+D")));
  }

  void replyStreamsAndDrawsInPlace() {
    auto page = makePage();
    page->show();
    const ChatModel& model = page->view()->model();
    page->input()->setPlainText(QStringLiteral("a red circle"));
    page->send();
    QVERIFY(page->isReplying());
    QVERIFY(page->input()->toPlainText().isEmpty());
    QVERIFY(waitReply(*page));
    QCOMPARE(model.activePath().size(), size_t(2));
    QCOMPARE(model.message(model.activePath()[0]).role, ChatRole::User);
    const int reply = model.activePath()[1];
    QCOMPARE(model.message(reply).role, ChatRole::Model);
    QVERIFY(!model.message(reply).parts.empty());

    // Draw: the reply starts with an image that denoised in place and knows how it was made.
    int steps = 0;
    connect(session_->queue(), &tfs::studio::GenerationQueue::stepDone, page.get(),
            [&] { ++steps; });
    page->input()->setPlainText(QStringLiteral("now a green square"));
    page->draw();
    QVERIFY(waitReply(*page));
    QVERIFY(steps >= 4);
    const int drawn = model.lastNode();
    QVERIFY(hasImage(model.message(drawn)));
    const auto& part = model.message(drawn).parts.front();
    QCOMPARE(part.kind, ChatPart::Kind::Image);
    QCOMPARE(part.image.size(), QSize(8, 8));
    const auto params = tfs::parseParameters(
        part.params.value(QStringLiteral("parameters")).toString().toStdString());
    QCOMPARE(params.mode, std::string("chat"));
    QCOMPARE(params.prompt, std::string("now a green square"));
    QCOMPARE(params.steps, int64_t(4));
    // The next turn sees the earlier ones, images included.
    int64_t shown = 0;
    for (int n : model.activePath())
      for (const auto& p : model.message(n).parts) shown += p.kind == ChatPart::Kind::Image;
    QVERIFY(shown >= 1);
    QCOMPARE(page->conversationBefore(-1).imageCount(), shown);
    QTest::qWait(50);  // let the rebuilt messages lay out before the picture
    auto* bar = page->view()->verticalScrollBar();
    QVERIFY(bar->maximum() > 0);
    QCOMPARE(bar->value(), bar->maximum());  // the newest reply is in view
    tfs::test::saveShot(*page, QStringLiteral("conversation"));
  }

  void branchesRoundTripThroughSaveAndLoad() {
    auto page = makePage();
    ChatModel& model = page->view()->model();
    page->input()->setPlainText(QStringLiteral("a blue triangle"));
    page->attachImage(colourImage(Qt::blue));
    page->send();
    QVERIFY(waitReply(*page));
    const int user = model.activePath()[0];
    const int reply = model.activePath()[1];
    QVERIFY(hasImage(model.message(user)));

    page->regenerate(reply);  // a second answer to the same message
    QVERIFY(waitReply(*page));
    QCOMPARE(model.siblingCount(reply), 2);
    QCOMPARE(model.siblingIndex(model.activePath()[1]), 1);

    page->editMessage(user);  // a second version of the question, with its own answer
    QCOMPARE(page->input()->toPlainText(), QStringLiteral("a blue triangle"));
    QCOMPARE(page->attachmentCount(), 1);
    page->input()->setPlainText(QStringLiteral("a yellow triangle"));
    page->draw();
    QVERIFY(waitReply(*page));
    QCOMPARE(model.siblingCount(user), 2);
    const auto path = model.activePath();
    QCOMPARE(path.size(), size_t(2));
    QCOMPARE(model.message(path[0]).parts.back().text, QStringLiteral("a yellow triangle"));
    QVERIFY(hasImage(model.message(path[1])));

    // Back to the first version: its two answers are still there.
    QCOMPARE(page->view()->switchBranch(path[0], -1), user);
    QCOMPARE(model.activePath()[0], user);
    QCOMPARE(model.siblingCount(model.activePath()[1]), 2);

    const QString file = tfs::test::tempRoot() + QStringLiteral("/chat_page/conversation.json");
    QString error;
    QVERIFY2(page->saveConversation(file, &error), qPrintable(error));
    QVERIFY(QFileInfo::exists(tfs::test::tempRoot() +
                              QStringLiteral("/chat_page/conversation_images")));
    auto other = makePage();
    QVERIFY2(other->loadConversation(file, &error), qPrintable(error));
    QVERIFY(other->view()->model() == model);
    QCOMPARE(other->view()->model().nodeCount(), 5);
    // A generated image keeps its parameters through the file.
    const auto& loaded = other->view()->model();
    bool found = false;
    for (int n = 1; n <= loaded.nodeCount(); ++n)
      for (const auto& p : loaded.message(n).parts)
        if (p.kind == ChatPart::Kind::Image && p.params.contains(QStringLiteral("parameters")))
          found = true;
    QVERIFY(found);
    // The loaded conversation goes on where it was.
    other->input()->setPlainText(QStringLiteral("and again"));
    other->send();
    QVERIFY(waitReply(*other));
    QCOMPARE(other->view()->model().activePath().size(), size_t(4));
  }

  void imagesArriveByPasteDropAndDialogFreeApi() {
    auto page = makePage();
    QGuiApplication::clipboard()->setImage(colourImage(Qt::red, 12));
    page->input()->paste();
    QCOMPARE(page->attachmentCount(), 1);
    QVERIFY(page->input()->toPlainText().isEmpty());

    QMimeData mime;
    mime.setImageData(colourImage(Qt::green));
    QVERIFY(tfs::studio::ChatInput::carriesImages(&mime));
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(page.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(page.get(), &drop);
    QCOMPARE(page->attachmentCount(), 2);

    QMimeData text;
    text.setText(QStringLiteral("just words"));
    QVERIFY(!tfs::studio::ChatInput::carriesImages(&text));

    // Enter sends, Shift+Enter is a new line.
    page->input()->setPlainText(QStringLiteral("two pictures"));
    QTest::keyClick(page->input(), Qt::Key_Return, Qt::ShiftModifier);
    QVERIFY(page->input()->toPlainText().contains(QLatin1Char('\n')));
    QTest::keyClick(page->input(), Qt::Key_Return);
    QVERIFY(page->isReplying());
    QCOMPARE(page->attachmentCount(), 0);
    page->stop();
    QVERIFY(waitReply(*page));
    const auto& model = page->view()->model();
    int images = 0;
    for (const auto& p : model.message(model.activePath()[0]).parts)
      images += p.kind == ChatPart::Kind::Image;
    QCOMPARE(images, 2);
  }

  void failuresAreShownAndTheChatGoesOn() {
    ModelSession empty;  // no model: the reply fails with a hint, the page stays usable
    ChatPage page(&empty);
    page.input()->setPlainText(QStringLiteral("hello"));
    page.send();
    QVERIFY(waitReply(page));
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("status"))
                ->text()
                .contains(QStringLiteral("model")));
    page.newConversation();
    QCOMPARE(page.view()->model().nodeCount(), 0);
  }
};

QTEST_MAIN(TestChatPage)
#include "test_chat_page.moc"
