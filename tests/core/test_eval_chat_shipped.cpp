// The shipped chat model (resources/models/fmnist-chat) holds a real conversation: in ONE chat,
// four /draw requests for different classes give images of those classes, none of them noise; in
// ONE chat, ten attached test images each followed by "what is this?" get replies that name the
// class — the oldest turns dropped to fit the context, as the chat does. Fixed seeds: the numbers
// are the ones `transfusion eval conversation --conversations 1` measured when it shipped.
#include <torch/torch.h>
#include <QtTest>

#include "core/data/fashion_mnist.h"
#include "core/eval/conversation_eval.h"
#include "core/eval/shipped_classifier.h"
#include "core/generate/model_bundle.h"

class TestEvalChatShipped : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void aConversationWithImagesWorks() {
    const auto dir = tfs::shippedModelDir("fmnist-chat");
    QVERIFY2(!dir.empty(), "resources/models/fmnist-chat is missing");
    QCOMPARE(QString::fromStdString(tfs::shippedModelDir()), QString::fromStdString(dir));
    auto bundle = tfs::ModelBundle::load(dir);
    QVERIFY(bundle->config().maxSeqLen >= 512);
    tfs::Generator gen(bundle);
    auto classifier = tfs::loadFeatureClassifier(tfs::classifierPathOrShipped(""));
    auto test = tfs::loadFashionMnist("test", 2000);
    tfs::ConversationEvalOptions o;
    o.conversations = 1;
    o.generate.image.previewEvery = 0;
    const auto r = tfs::evaluateConversations(
        gen, classifier, test, tfs::fashionMnistClassNames(), tfs::fashionMnistClassFromCaption,
        [](int64_t label) { return tfs::fashionMnistCaption(label, 1); }, o);
    for (const auto& line : r.transcript) qInfo("%s", line.c_str());
    QCOMPARE(r.drawTurns, int64_t(4));
    QCOMPARE(r.drawNoImage, int64_t(0));
    QCOMPARE(r.drawNoise, int64_t(0));
    QVERIFY2(r.drawCorrect >= 2, qPrintable(QString::number(r.drawCorrect)));
    QCOMPARE(r.askTurns, int64_t(10));
    QCOMPARE(r.askEmpty, int64_t(0));
    QVERIFY2(r.askCorrect >= 7, qPrintable(QString::number(r.askCorrect)));
    QVERIFY(r.droppedMessages > 0);  // ten images do not fit 512 positions: the policy worked
  }
};

QTEST_GUILESS_MAIN(TestEvalChatShipped)
#include "test_eval_chat_shipped.moc"
