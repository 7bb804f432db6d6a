// One conversation format for the studio and the CLI: a chat saved in the Conversation workspace
// (branches, generation params, images beside it) loads back identically and continues in
// `transfusion chat --load` (core Conversation: the branch that was shown); one saved by the CLI
// opens in the studio; the former studio and CLI files still open; bad files are refused with
// what to do and leave the open chat alone.
#include <QDir>
#include <QFile>
#include <QPainter>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "app/studio/chat_file.h"
#include "core/base/error.h"
#include "core/data/conversation.h"
#include "tests/support/test_support.h"
#include "tests/widgets/chat_fixtures.h"
#include "widgets/chat_model.h"

using tfs::widgets::ChatMessage;
using tfs::widgets::ChatModel;
using tfs::widgets::ChatPart;
using tfs::widgets::ChatRole;

using tfs::test::buildConversation;
using tfs::test::disc;
using tfs::test::Ids;
using tfs::test::text;

namespace {

QString scratch(const QString& name) {
  const QString dir = tfs::test::tempRoot() + QStringLiteral("/chat_file/") + name;
  QDir(dir).removeRecursively();
  QDir().mkpath(dir);
  return dir;
}

void writeText(const QString& path, const QByteArray& content) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(content);
}

}  // namespace

class TestChatFile : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void studioRoundTrip() {
    const QString dir = scratch(QStringLiteral("roundtrip"));
    ChatModel model;
    const Ids ids = buildConversation(model);
    model.switchBranch(ids.u1b, -1);
    const QString path = dir + QStringLiteral("/talk.json");
    QString error;
    QVERIFY2(tfs::studio::saveChat(model, path, &error), qPrintable(error));
    QVERIFY(QFile::exists(dir + QStringLiteral("/talk_images/n2_p1.png")));
    QVERIFY(QFile::exists(dir + QStringLiteral("/talk_images/n3_p1.png")));
    QFile json(path);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QByteArray content = json.readAll();
    QVERIFY(content.contains("\"transfusion-conversation\""));
    QVERIFY(content.contains("talk_images/n2_p1.png"));
    QVERIFY(!content.contains(dir.toUtf8()));  // relative references only

    ChatModel loaded;
    QVERIFY2(tfs::studio::loadChat(path, &loaded, &error), qPrintable(error));
    QVERIFY(loaded == model);
    QCOMPARE(loaded.activePath(), std::vector<int>({ids.u1, ids.m1b}));
    QCOMPARE(loaded.message(ids.m1).parts[1].params.value(QStringLiteral("seed")).toInt(), 42);
    QCOMPARE(loaded.message(ids.m1).parts[1].image.pixel(32, 32), disc(Qt::red).pixel(32, 32));

    // The pair moves together: a copy elsewhere still loads.
    const QString moved = dir + QStringLiteral("/moved");
    QDir().mkpath(moved + QStringLiteral("/talk_images"));
    QVERIFY(QFile::copy(path, moved + QStringLiteral("/talk.json")));
    for (const QString& f : QDir(dir + QStringLiteral("/talk_images")).entryList(QDir::Files))
      QVERIFY(QFile::copy(dir + QStringLiteral("/talk_images/") + f,
                          moved + QStringLiteral("/talk_images/") + f));
    ChatModel copy;
    QVERIFY(tfs::studio::loadChat(moved + QStringLiteral("/talk.json"), &copy, &error));
    QVERIFY(copy == model);

    // A missing image is an error that says what to do; the model is left alone.
    QVERIFY(QFile::remove(moved + QStringLiteral("/talk_images/n2_p1.png")));
    ChatModel untouched;
    QVERIFY(!tfs::studio::loadChat(moved + QStringLiteral("/talk.json"), &untouched, &error));
    QVERIFY2(error.contains(QStringLiteral("talk_images")), qPrintable(error));
    QCOMPARE(untouched.nodeCount(), 0);
    writeText(dir + QStringLiteral("/broken.json"), "{ not json");
    QVERIFY(!tfs::studio::loadChat(dir + QStringLiteral("/broken.json"), &untouched, &error));
    QVERIFY2(error.contains(QStringLiteral("not valid JSON")), qPrintable(error));
  }

  void aStudioChatContinuesInTheCli() {
    const QString dir = scratch(QStringLiteral("to-cli"));
    ChatModel model;
    const Ids ids = buildConversation(model);
    model.switchBranch(ids.u1b, -1);  // shown: u1 → m1b
    const QString path = dir + QStringLiteral("/talk.json");
    QString error;
    QVERIFY2(tfs::studio::saveChat(model, path, &error), qPrintable(error));
    const auto c = tfs::Conversation::load(path.toStdString());
    QCOMPARE(c.messages.size(), std::size_t(2));
    QCOMPARE(c.messages[0].role, tfs::Role::User);
    QCOMPARE(QString::fromStdString(c.messages[0].parts[0].text),
             QStringLiteral("Draw a red circle."));
    QCOMPARE(c.messages[1].role, tfs::Role::Model);
    QCOMPARE(QString::fromStdString(c.messages[1].parts[0].text), QStringLiteral("Another one:"));
    QVERIFY(c.messages[1].parts[1].isImage());
    QCOMPARE(c.messages[1].parts[1].image.size(1), int64_t(64));
    // The other branch, when it is the one shown.
    model.switchBranch(ids.u1, 1);
    QVERIFY(tfs::studio::saveChat(model, path, &error));
    const auto other = tfs::Conversation::load(path.toStdString());
    QCOMPARE(QString::fromStdString(other.messages.back().parts[0].text),
             QStringLiteral("Green it is."));
  }

  void aCliChatOpensInTheStudio() {
    const QString dir = scratch(QStringLiteral("from-cli"));
    tfs::Conversation c;
    c.addText(tfs::Role::User, "draw a bag");
    c.addText(tfs::Role::Model, "here:");
    c.addImage(tfs::Role::Model, torch::rand({3, 28, 28}) * 2 - 1);
    c.addText(tfs::Role::User, "and a sneaker");
    c.save(dir.toStdString());
    ChatModel model;
    QString error;
    QVERIFY2(tfs::studio::loadChat(dir + QStringLiteral("/conversation.json"), &model, &error),
             qPrintable(error));
    const auto path = model.activePath();
    QCOMPARE(path.size(), std::size_t(3));
    QCOMPARE(model.message(path[0]).role, ChatRole::User);
    QCOMPARE(model.message(path[1]).parts.size(), std::size_t(2));
    QCOMPARE(model.message(path[1]).parts[1].image.width(), 28);
    QCOMPARE(model.message(path[2]).parts[0].text, QStringLiteral("and a sneaker"));
    // Saved again by the studio, it still loads in the CLI, unchanged.
    QVERIFY(tfs::studio::saveChat(model, dir + QStringLiteral("/again.json"), &error));
    const auto back = tfs::Conversation::load((dir + QStringLiteral("/again.json")).toStdString());
    QCOMPARE(back.messages.size(), std::size_t(3));
    QCOMPARE(back.imageCount(), int64_t(1));
  }

  void formerFilesStillOpen() {
    const QString dir = scratch(QStringLiteral("former"));
    // The studio's former format.
    writeText(dir + QStringLiteral("/old-studio.json"),
              R"({"format":"transfusion-chat","version":1,"nodes":[
                   {"id":0,"parent":-1,"active_child":1,"children":[1]},
                   {"id":1,"parent":0,"active_child":-1,"children":[],"role":"user",
                    "parts":[{"type":"text","text":"hello"}]}]})");
    ChatModel model;
    QString error;
    QVERIFY2(tfs::studio::loadChat(dir + QStringLiteral("/old-studio.json"), &model, &error),
             qPrintable(error));
    QCOMPARE(model.nodeCount(), 1);
    const auto c =
        tfs::Conversation::load((dir + QStringLiteral("/old-studio.json")).toStdString());
    QCOMPARE(QString::fromStdString(c.messages.at(0).parts.at(0).text), QStringLiteral("hello"));
    // The CLI's former (version 1, linear) format.
    writeText(dir + QStringLiteral("/old-cli.json"),
              R"({"format":"transfusion-conversation","version":1,"messages":[
                   {"role":"user","parts":[{"text":"hi"}]},
                   {"role":"model","parts":[{"text":"hello there"}]}]})");
    QVERIFY2(tfs::studio::loadChat(dir + QStringLiteral("/old-cli.json"), &model, &error),
             qPrintable(error));
    QCOMPARE(model.activePath().size(), std::size_t(2));
  }

  void badFilesAreRefused() {
    const QString dir = scratch(QStringLiteral("bad"));
    ChatModel model;
    model.appendMessage(text(ChatRole::User, QStringLiteral("keep me")));
    QString error;
    struct Case {
      const char* json;
      const char* says;
    } cases[] = {
        {R"({"format":"transfusion-conversation","version":2,"nodes":[{"id":0,"parent":-1,
             "children":[1],"active_child":1},{"id":1,"parent":0,"children":[],"role":"user",
             "parts":[{"image":"../secret.png"}]}]})",
         "outside its folder"},
        {R"({"format":"transfusion-conversation","version":2,"nodes":[{"id":0,"parent":-1,
             "children":[1],"active_child":1},{"id":1,"parent":0,"children":[1],"role":"user",
             "parts":[]}]})",
         "not its child"},
        {R"({"format":"transfusion-conversation","version":9,"nodes":[]})", "newer version"},
        {R"({"format":"something-else"})", "not a conversation"},
        {R"({"format":"transfusion-conversation","version":2,"nodes":[{"id":0,"parent":-1,
             "children":[1],"active_child":1},{"id":1,"parent":0,"children":[],"role":"robot",
             "parts":[]}]})",
         "role must be"},
        // Found by tests/fuzz: numbers too large for a version or a link, and bytes after the
        // JSON, were wrapped or ignored.
        {R"({"format":"transfusion-conversation","version":88888888888888888888888,"nodes":[]})",
         "must be a whole number"},
        {R"({"format":"transfusion-conversation","version":2,"nodes":[{"id":0,"parent":-1,
             "children":[1e30],"active_child":1}]})",
         "must be a whole number"},
        {R"({"format":"transfusion-conversation","version":1,"messages":[]} trailing)",
         "not valid JSON"},
    };
    for (const auto& c : cases) {
      writeText(dir + QStringLiteral("/bad.json"), c.json);
      QVERIFY(!tfs::studio::loadChat(dir + QStringLiteral("/bad.json"), &model, &error));
      QVERIFY2(error.contains(QLatin1String(c.says)), qPrintable(error));
      QCOMPARE(model.nodeCount(), 1);  // the open chat is untouched
      QVERIFY_THROWS_EXCEPTION(
          tfs::Error, tfs::Conversation::load((dir + QStringLiteral("/bad.json")).toStdString()));
    }
  }
};

QTEST_MAIN(TestChatFile)
#include "test_chat_file.moc"
