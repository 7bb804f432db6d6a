// The chat's turn format is spelt once: a training dialogue document and the prompt the generator
// sends for the same conversation are identical, token for token; the context policy drops the
// oldest turns, says so, and refuses a turn that cannot fit; training rows really hold dialogues
// with several images.
#include <torch/torch.h>
#include <QtTest>

#include <filesystem>

#include "core/base/error.h"
#include "core/data/document_format.h"
#include "core/generate/generator.h"
#include "core/train/batch_builder.h"
#include "core/train/dialogue.h"
#include "core/train/document.h"
#include "tests/core/train_fixtures.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;

namespace {

torch::Tensor image(float v) {
  return torch::full({3, 8, 8}, v);
}

tfs::DocImage docImage(float v) {
  tfs::DocImage d;
  d.image = image(v);
  d.noise = torch::randn({3, 8, 8});
  d.timestep = 500;
  return d;
}

}  // namespace

class TestDialogueFormat : public QObject {
  Q_OBJECT
  std::string dir_;
  std::unique_ptr<tfs::Tokenizer> tok_;
  tfs::ModelConfig model_;

  tfs::Conversation sample() {
    tfs::Conversation c;
    c.addText(tfs::Role::User, "a red circle");
    c.addImage(tfs::Role::Model, image(0.1f));
    c.addImage(tfs::Role::User, image(-0.3f));
    c.addText(tfs::Role::User, "what is this?");
    c.addText(tfs::Role::Model, "a blue square");
    c.addText(tfs::Role::User, "what did you draw?");
    c.addText(tfs::Role::Model, "a red circle");
    return c;
  }

 private Q_SLOTS:
  void initTestCase() {
    dir_ = (tfs::test::tempRoot() + "/dialogue_format").toStdString();
    fs::remove_all(dir_);
    tok_ = std::make_unique<tfs::Tokenizer>(tfs::test::trainTestTokenizer(dir_));
    model_ = tfs::test::tinyModel(*tok_);
    model_.maxSeqLen = 256;
  }

  // The layout, spelt out by hand for a two-message conversation.
  void layoutByHand() {
    tfs::Conversation c;
    c.addImage(tfs::Role::User, image(0.f));
    c.addText(tfs::Role::User, "what is this?");
    c.addText(tfs::Role::Model, "a red circle");
    const auto sp = tok_->special();
    auto enc = [&](const std::string& t) { return tok_->encode(t); };
    auto d = tfs::dialogueLayout(c, sp, enc, false);
    std::vector<int64_t> want = {sp.bos};
    auto add = [&](const std::vector<int64_t>& ids) {
      want.insert(want.end(), ids.begin(), ids.end());
    };
    add(enc("User:"));
    add({sp.boi, tfs::DocumentItems::kImageSlot, sp.eoi});
    add(enc("what is this?"));
    add(enc("Model:"));
    add(enc("a red circle"));
    add({sp.eos});
    QCOMPARE(d.doc.items, want);
    QCOMPARE(d.imageRoles.size(), size_t(1));
    QCOMPARE(d.doc.length(16), int64_t(want.size()) - 1 + 16);
  }

  // For every prefix of a conversation that ends in a user message, the generator's prompt is the
  // training document's items up to the model's reply, token for token.
  void trainingDocumentEqualsInferencePrompt() {
    const auto conv = sample();
    std::vector<tfs::DocImage> imgs;
    imgs.push_back(docImage(0.1f));
    imgs.push_back(docImage(-0.3f));
    const auto doc = tfs::dialogueDocument(*tok_, conv, std::move(imgs), model_.patchesPerImage());
    auto bundle = tfs::ModelBundle::random(model_, 0, torch::kCPU, torch::kFloat32, *tok_);
    tfs::Generator gen(bundle);
    const auto modelMarker = tok_->encode("Model:");
    int checked = 0;
    for (size_t m = 0; m < conv.messages.size(); ++m) {
      if (conv.messages[m].role != tfs::Role::User) continue;
      tfs::Conversation prefix;
      prefix.messages.assign(conv.messages.begin(), conv.messages.begin() + std::ptrdiff_t(m + 1));
      const auto fitted = gen.fit(prefix, false);
      QCOMPARE(fitted.droppedMessages, int64_t(0));
      const auto prompt = gen.replyPrompt(fitted.conversation).doc.items;
      QVERIFY(prompt.size() <= doc.items.size());
      QVERIFY2(std::equal(prompt.begin(), prompt.end(), doc.items.begin()),
               qPrintable(QString("prompt of message %1 is not a prefix of the document").arg(m)));
      // …ending exactly where the model's turn begins.
      QVERIFY(std::equal(modelMarker.begin(), modelMarker.end(),
                         prompt.end() - std::ptrdiff_t(modelMarker.size())));
      ++checked;
    }
    QCOMPARE(checked, 3);
    // User images are clean conditioning in training, as the chat feeds them.
    QCOMPARE(doc.images[0].timestep, int64_t(500));
    QCOMPARE(doc.images[1].timestep, int64_t(0));
    QCOMPARE(doc.images[1].diffusionWeight, 0.0f);
  }

  void overflowDropsTheOldestTurns() {
    const auto sp = tok_->special();
    auto enc = [&](const std::string& t) { return tok_->encode(t); };
    tfs::Conversation c;
    for (int k = 0; k < 6; ++k) {
      c.addImage(tfs::Role::User, image(0.f));
      c.addText(tfs::Role::User, "what is this?");
      c.addText(tfs::Role::Model, "a red circle");
    }
    c.addImage(tfs::Role::User, image(0.f));
    c.addText(tfs::Role::User, "and this one?");
    const int64_t P = 16;
    const int64_t full = tfs::dialogueLayout(c, sp, enc, true).doc.length(P);
    auto whole = tfs::fitConversation(c, sp, enc, P, full + 10, 10);
    QCOMPARE(whole.droppedMessages, int64_t(0));
    QVERIFY(whole.notice().empty());
    auto cut = tfs::fitConversation(c, sp, enc, P, full - 1, 10);
    QVERIFY(cut.droppedMessages >= 2);
    QCOMPARE(cut.droppedMessages % 2, int64_t(0));  // whole exchanges
    QVERIFY(cut.positions + 10 <= full - 1);
    QCOMPARE(cut.conversation.messages.front().role, tfs::Role::User);
    QCOMPARE(cut.conversation.messages.back().parts.back().text, std::string("and this one?"));
    QVERIFY(QString::fromStdString(cut.notice()).contains("oldest"));
    QVERIFY(cut.droppedImages >= 1);
    // The newest turn alone does not fit: a clear error, before anything is generated.
    try {
      tfs::fitConversation(c, sp, enc, P, 12, 10);
      QFAIL("expected UsageError");
    } catch (const tfs::UsageError& e) {
      QVERIFY2(QString(e.what()).contains("context"), e.what());
    }
  }

  // The generator applies the policy: a reply to an overlong conversation carries the notice.
  void replyReportsDroppedTurns() {
    auto cfg = model_;
    cfg.maxSeqLen = 64;  // 16 patches: ~2 exchanges fit
    auto bundle = tfs::ModelBundle::random(cfg, 0, torch::kCPU, torch::kFloat32, *tok_);
    tfs::Generator gen(bundle);
    tfs::Conversation c;
    for (int k = 0; k < 4; ++k) {
      c.addImage(tfs::Role::User, image(0.f));
      c.addText(tfs::Role::User, "what is this?");
      c.addText(tfs::Role::Model, "a red circle");
    }
    c.addText(tfs::Role::User, "what did you draw?");
    tfs::GenerateOptions o;
    o.text.maxTokens = 3;
    auto r = gen.reply(c, o);
    QVERIFY(r.droppedMessages > 0);
    QVERIFY(!r.notice.empty());
  }

  // Rows of a dialogue-heavy training mix: dialogues with several images, user images clean.
  void batchesHoldDialogues() {
    tfs::TrainConfig t = tfs::trainPreset("tiny-test");
    t.rowLength = 256;
    t.batchRows = 2;
    t.dialogueProb = 0.7;
    t.interleavedProb = 0.2;
    t.textImageRatio = 0;
    tfs::test::SyntheticImages images(200);
    auto builder = std::make_shared<tfs::BatchBuilder>(
        model_, t, *tok_, std::vector<tfs::ExampleSource*>{&images}, nullptr,
        [](const std::vector<std::string>&, const torch::Tensor& x) { return x.clone(); });
    int64_t cleanImages = 0, imagesSeen = 0;
    for (int b = 0; b < 6; ++b) {
      auto batch = builder->next();
      imagesSeen += batch.images();
      cleanImages += (batch.diffusionWeight == 0).sum().item<int64_t>();
      QVERIFY((batch.docIds >= 0).sum().item<int64_t>() > batch.rows() * 128);  // rows are used
    }
    const auto& c = builder->counters();
    QVERIFY(c.dialogues > 0);
    QVERIFY(c.interleaved > 0);
    QVERIFY(imagesSeen > 12 * 2);  // several images per 256-position row
    QVERIFY(cleanImages > 0);      // attached user images
    QVERIFY(cleanImages < imagesSeen);
  }

  void turnsUseTheChatsPhrasings() {
    bool sawBareCaption = false, sawQuestion = false, sawRecall = false;
    for (int i = 0; i < 200; ++i) {
      const double u1 = (i % 20) / 20.0, u2 = (i % 7) / 7.0, u3 = (i % 3) / 3.0;
      auto t = tfs::dialogueTurn("a photo of a bag", {"a dress"}, 0, u1, u2, u3);
      if (t.kind == tfs::DialogueTurn::Kind::Draw && t.userText == "a photo of a bag")
        sawBareCaption = true;
      if (t.kind == tfs::DialogueTurn::Kind::Ask && t.userText == "what is this?") {
        sawQuestion = true;
        QCOMPARE(t.modelText, std::string("a photo of a bag"));
      }
      if (t.kind == tfs::DialogueTurn::Kind::RecallLast) {
        sawRecall = true;
        QCOMPARE(t.modelText, std::string("a dress"));
      }
    }
    QVERIFY(sawBareCaption && sawQuestion && sawRecall);
  }
};

QTEST_GUILESS_MAIN(TestDialogueFormat)
#include "test_dialogue_format.moc"
