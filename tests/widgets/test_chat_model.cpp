#include <QtTest>

#include "tests/widgets/chat_fixtures.h"
#include "tests/widgets/widget_shot.h"
#include "widgets/chat_model.h"
#include "widgets/chat_view.h"

using tfs::widgets::ChatMessage;
using tfs::widgets::ChatModel;
using tfs::widgets::ChatPart;
using tfs::widgets::ChatRole;
using tfs::widgets::ChatView;

using tfs::test::buildConversation;
using tfs::test::disc;
using tfs::test::Ids;
using tfs::test::text;

class TestChatModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void branchTree() {
    ChatModel model;
    const Ids ids = buildConversation(model);
    QCOMPARE(model.nodeCount(), 5);
    QCOMPARE(model.activePath(), std::vector<int>({ids.u1b, ids.m2}));
    QCOMPARE(model.siblingCount(ids.u1), 2);
    QCOMPARE(model.siblingIndex(ids.u1b), 1);
    QCOMPARE(model.switchBranch(ids.u1b, -1), ids.u1);
    // u1 remembers that its regenerated reply was the one shown.
    QCOMPARE(model.activePath(), std::vector<int>({ids.u1, ids.m1b}));
    QCOMPARE(model.switchBranch(ids.m1b, -1), ids.m1);
    QCOMPARE(model.activePath(), std::vector<int>({ids.u1, ids.m1}));
    QCOMPARE(model.switchBranch(ids.m1, -1), ids.m1);   // already the first
    model.appendText(ids.m1, QStringLiteral(" done"));  // after an image: a new text part
    QCOMPARE(model.message(ids.m1).parts.size(), std::size_t(3));
    model.appendText(ids.m1, QStringLiteral("!"));
    QCOMPARE(model.message(ids.m1).parts.back().text, QStringLiteral(" done!"));
    QVERIFY(model.setImage(ids.m1, 1, disc(Qt::blue)));
    QVERIFY(!model.setImage(ids.m1, 0, disc(Qt::blue)));  // a text part
  }

  void viewNavigatesAndEmits() {
    ChatView view;
    view.resize(560, 640);
    ChatModel model;
    const Ids ids = buildConversation(model);
    model.switchBranch(ids.u1b, -1);  // u1 → m1b shown
    view.setModel(model);
    QWidget* reply = view.messageWidget(ids.m1b);
    QVERIFY(reply);
    auto* label = reply->findChild<QLabel*>(QStringLiteral("branchLabel"));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("2/2"));

    QSignalSpy switched(&view, &ChatView::branchSwitched);
    QTest::mouseClick(reply->findChild<QToolButton*>(QStringLiteral("previousBranch")),
                      Qt::LeftButton);
    QCOMPARE(switched.count(), 1);
    QCOMPARE(switched.at(0).at(0).toInt(), ids.m1b);
    QCOMPARE(switched.at(0).at(1).toInt(), ids.m1);
    QCOMPARE(view.model().activePath(), std::vector<int>({ids.u1, ids.m1}));
    QVERIFY(view.messageWidget(ids.m1));
    QVERIFY(!view.messageWidget(ids.m1b));

    QSignalSpy edit(&view, &ChatView::editRequested);
    QSignalSpy regenerate(&view, &ChatView::regenerateRequested);
    QSignalSpy save(&view, &ChatView::saveImageRequested);
    QTest::mouseClick(
        view.messageWidget(ids.u1)->findChild<QToolButton*>(QStringLiteral("editButton")),
        Qt::LeftButton);
    QTest::mouseClick(
        view.messageWidget(ids.m1)->findChild<QToolButton*>(QStringLiteral("regenerateButton")),
        Qt::LeftButton);
    QCOMPARE(edit.count(), 1);
    QCOMPARE(edit.at(0).at(0).toInt(), ids.u1);
    QCOMPARE(regenerate.at(0).at(0).toInt(), ids.m1);
    QVERIFY(view.messageWidget(ids.m1)->findChild<QLabel*>(QStringLiteral("imagePart")));
    view.requestSaveImage(ids.m1, 1);
    QCOMPARE(save.count(), 1);
    QCOMPARE(save.at(0).at(2).value<QImage>().pixel(32, 32), disc(Qt::red).pixel(32, 32));
    view.requestSaveImage(ids.m1, 0);  // a text part: nothing to save
    QCOMPARE(save.count(), 1);

    // Streaming: a new reply, tokens, then an image that denoises in place.
    view.appendMessage(text(ChatRole::User, QStringLiteral("And a blue one?")));
    const int streaming = view.beginModelReply();
    for (const char* token : {"Sure", ",", " here", " it", " is", "."})
      view.appendText(QString::fromUtf8(token));
    auto* streamed = view.messageWidget(streaming)->findChild<QLabel*>(QStringLiteral("textPart"));
    QVERIFY(streamed);
    QCOMPARE(streamed->text(), QStringLiteral("Sure, here it is."));
    const int part = view.appendImage(disc(Qt::gray, 16));
    QCOMPARE(part, 1);
    auto* preview = view.messageWidget(streaming)->findChild<QLabel*>(QStringLiteral("imagePart"));
    QVERIFY(preview);
    view.updateImage(streaming, part, disc(Qt::blue));
    QCOMPARE(view.model().message(streaming).parts[1].image.pixel(32, 32),
             disc(Qt::blue).pixel(32, 32));
    QCOMPARE(preview->pixmap().toImage().pixelColor(preview->pixmap().width() / 2,
                                                    preview->pixmap().height() / 2),
             QColor(Qt::blue));
  }

  void screenshot() {
    ChatView view;
    view.resize(600, 720);
    ChatModel model;
    const Ids ids = buildConversation(model);
    model.switchBranch(ids.u1b, -1);
    view.setModel(model);
    view.appendMessage(
        text(ChatRole::User, QStringLiteral("Make it larger and add a blue square on the left.")));
    view.beginModelReply();
    view.appendText(QStringLiteral("Working on it — here is the current preview:"));
    view.appendImage(disc(QColor(180, 0, 0), 24));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(50);
    tfs::test::saveShot(view, QStringLiteral("chat_view"));
  }
};

QTEST_MAIN(TestChatModel)
#include "test_chat_model.moc"
