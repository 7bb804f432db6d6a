// The shapes world: determinism, captions that tell the truth, exact analysis, editing triplets.
#include <torch/torch.h>
#include <QtTest>

#include <set>
#include <sstream>

#include "core/data/image_io.h"
#include "core/data/shapes.h"

namespace {

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) {
    while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.pop_back();
    out.push_back(w);
  }
  return out;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

class TestDataShapes : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void sameSeedSameScenes() {
    for (uint64_t seed = 0; seed < 50; ++seed) {
      auto a = tfs::randomScene(seed), b = tfs::randomScene(seed);
      QVERIFY(a == b);
      QVERIFY(a.objects.size() >= 1 && a.objects.size() <= 3);
    }
    QVERIFY(tfs::randomScene(1) != tfs::randomScene(2));
    tfs::SourceOptions o;
    o.seed = 7;
    tfs::ShapesSource s1(o), s2(o);
    for (int i = 0; i < 20; ++i) {
      auto a = s1.next(), b = s2.next();
      QCOMPARE(a->text, b->text);
      QCOMPARE(a->id, b->id);
      QVERIFY(torch::equal(a->image, b->image));
    }
    s1.reset(7);
    auto first = s1.next();
    s2.reset(7);
    QVERIFY(torch::equal(first->image, s2.next()->image));
    s2.reset(8);
    QVERIFY(s2.next()->text != first->text || !torch::equal(s2.next()->image, first->image));
  }

  void scenesAreValidAndVaried() {
    std::set<int> counts, kinds, colours, sizes;
    for (uint64_t seed = 0; seed < 300; ++seed) {
      auto s = tfs::randomScene(seed);
      counts.insert(int(s.objects.size()));
      for (size_t i = 0; i < s.objects.size(); ++i) {
        QVERIFY(tfs::placementOk(s, s.objects[i], int(i)));
        kinds.insert(int(s.objects[i].kind));
        colours.insert(int(s.objects[i].colour));
        sizes.insert(int(s.objects[i].size));
      }
    }
    QCOMPARE(int(counts.size()), 3);
    QCOMPARE(int(kinds.size()), tfs::kShapeKinds);
    QCOMPARE(int(colours.size()), tfs::kShapeColours);
    QCOMPARE(int(sizes.size()), 2);
  }

  void renderingIsExactPalette() {
    tfs::Scene s;
    s.objects.push_back(
        {tfs::ShapeKind::Square, tfs::ShapeColour::Blue, tfs::ShapeSize::Small, 20, 20});
    auto img = tfs::renderScene(s);
    QCOMPARE(img.sizes().vec(), (std::vector<int64_t>{3, 64, 64}));
    auto hwc = tfs::toUint8Hwc(img);
    const int r = tfs::shapeRadius(tfs::ShapeSize::Small, 64);
    QCOMPARE(r, 6);
    auto blue = tfs::colourRgb(tfs::ShapeColour::Blue);
    // Square covers exactly [x-r, x+r) × [y-r, y+r): 144 pixels.
    auto isBlue = (hwc.select(2, 0) == blue[0]).logical_and(hwc.select(2, 2) == blue[2]);
    QCOMPARE(isBlue.sum().item<int64_t>(), int64_t(4 * r * r));
    QCOMPARE(int(hwc[14][14][2].item<uint8_t>()), int(blue[2]));
    QCOMPARE(int(hwc[13][14][0].item<uint8_t>()), 255);
    QCOMPARE(int(hwc[25][25][2].item<uint8_t>()), int(blue[2]));
    QCOMPARE(int(hwc[26][25][0].item<uint8_t>()), 255);
  }

  void analyseRecoversRenderedScenesExactly() {
    for (uint64_t seed = 0; seed < 200; ++seed) {
      auto s = tfs::randomScene(seed + 1000);
      auto got = tfs::analyseScene(tfs::renderScene(s));
      if (got != s)
        QFAIL(qPrintable(QString::fromStdString("seed " + std::to_string(seed) + ": drew " +
                                                s.toString() + ", read " + got.toString())));
    }
    // Other image sizes too.
    for (int size : {32, 48, 128}) {
      for (uint64_t seed = 0; seed < 20; ++seed) {
        auto s = tfs::randomScene(seed, size);
        QVERIFY(tfs::analyseScene(tfs::renderScene(s)) == s);
      }
    }
  }

  void analyseToleratesSmallNoise() {
    torch::manual_seed(0);
    int exactKinds = 0, total = 0;
    for (uint64_t seed = 0; seed < 50; ++seed) {
      auto s = tfs::randomScene(seed + 5000);
      auto noisy = (tfs::renderScene(s) + 0.06 * torch::randn({3, 64, 64})).clamp(-1, 1);
      auto got = tfs::analyseScene(noisy);
      QCOMPARE(got.objects.size(), s.objects.size());
      for (size_t i = 0; i < s.objects.size(); ++i) {
        ++total;
        const auto& a = s.objects[i];
        const auto& b = got.objects[i];
        exactKinds += a.kind == b.kind && a.colour == b.colour && a.size == b.size;
        QVERIFY(std::abs(a.x - b.x) <= 1 && std::abs(a.y - b.y) <= 1);
      }
    }
    QCOMPARE(exactKinds, total);
    // A blank or unrelated image has no objects; specks are ignored.
    QCOMPARE(int(tfs::analyseScene(torch::ones({3, 64, 64})).objects.size()), 0);
    auto speck = torch::ones({3, 64, 64});
    speck.index_put_({0, 10, 10}, 0.7f);
    speck.index_put_({1, 10, 10}, -0.85f);
    speck.index_put_({2, 10, 10}, -0.85f);
    QCOMPARE(int(tfs::analyseScene(speck).objects.size()), 0);
  }

  void analyseRejectsWrongScenes() {
    tfs::Scene s;
    s.objects.push_back(
        {tfs::ShapeKind::Circle, tfs::ShapeColour::Red, tfs::ShapeSize::Large, 20, 20});
    auto other = s;
    other.objects[0].kind = tfs::ShapeKind::Triangle;
    auto got = tfs::analyseScene(tfs::renderScene(other));
    QVERIFY(got != s);
    QCOMPARE(int(got.objects[0].kind), int(tfs::ShapeKind::Triangle));
  }

  void captionsTellTheTruth() {
    int relations = 0, counted = 0;
    for (uint64_t seed = 0; seed < 500; ++seed) {
      auto s = tfs::randomScene(seed);
      const std::string cap = tfs::sceneCaption(s, seed * 3 + 1);
      QVERIFY2(!cap.empty(), "empty caption");
      // Every object's colour and kind is named next to each other.
      for (const auto& o : s.objects) {
        bool single = contains(cap, tfs::colourName(o.colour) + " " + tfs::kindName(o.kind));
        QVERIFY2(single, cap.c_str());
      }
      // Articles agree with the next word.
      auto w = words(cap);
      for (size_t i = 0; i + 1 < w.size(); ++i) {
        if (w[i] == "a")
          QVERIFY2(std::string("aeiou").find(w[i + 1][0]) == std::string::npos, cap.c_str());
        if (w[i] == "an")
          QVERIFY2(std::string("aeiou").find(w[i + 1][0]) != std::string::npos, cap.c_str());
      }
      // Count words match groups of the same colour and kind.
      for (const auto& o : s.objects) {
        const std::string plural = tfs::colourName(o.colour) + " " + tfs::kindPlural(o.kind);
        int n = int(std::count_if(s.objects.begin(), s.objects.end(), [&](const auto& p) {
          return p.kind == o.kind && p.colour == o.colour;
        }));
        QCOMPARE(contains(cap, plural), n > 1);
        if (n > 1) {
          QVERIFY2(contains(cap, n == 2 ? "two " : "three "), cap.c_str());
          ++counted;
        }
      }
      // A stated relation is true: "A <rel> B" with A, B found by colour + kind.
      for (tfs::Relation r : {tfs::Relation::LeftOf, tfs::Relation::RightOf, tfs::Relation::Above,
                              tfs::Relation::Below}) {
        const std::string phrase = " " + tfs::relationPhrase(r) + " ";
        size_t at = cap.find(phrase);
        if (at == std::string::npos) continue;
        ++relations;
        QCOMPARE(int(s.objects.size()), 2);
        auto before = words(cap.substr(0, at)), after = words(cap.substr(at + phrase.size()));
        auto kindA = tfs::parseKind(before.back());
        auto colA = tfs::parseColour(before[before.size() - 2]);
        auto kindB =
            tfs::parseKind(after.size() >= 3 && tfs::parseKind(after[2]) ? after[2] : after[3]);
        QVERIFY(kindA && colA && kindB);
        int ia = (s.objects[0].kind == *kindA && s.objects[0].colour == *colA) ? 0 : 1;
        QCOMPARE(int(tfs::relationOf(s.objects[size_t(ia)], s.objects[size_t(1 - ia)])), int(r));
        QCOMPARE(int(s.objects[size_t(1 - ia)].kind), int(*kindB));
      }
    }
    QVERIFY(relations > 30);
    QVERIFY(counted > 5);
    // Hand-made cases.
    tfs::Scene two;
    two.objects.push_back(
        {tfs::ShapeKind::Triangle, tfs::ShapeColour::Green, tfs::ShapeSize::Small, 10, 30});
    two.objects.push_back(
        {tfs::ShapeKind::Triangle, tfs::ShapeColour::Green, tfs::ShapeSize::Small, 50, 30});
    QVERIFY(contains(tfs::sceneCaption(two, 0), "two "));
    QVERIFY(contains(tfs::sceneCaption(two, 0), "green triangles"));
    tfs::Scene orange;
    orange.objects.push_back(
        {tfs::ShapeKind::Circle, tfs::ShapeColour::Orange, tfs::ShapeSize::Large, 30, 30});
    std::set<std::string> phrasings;
    for (uint64_t v = 0; v < 40; ++v) {
      auto c = tfs::sceneCaption(orange, v);
      phrasings.insert(c);
      QVERIFY2(contains(c, "an orange circle") || contains(c, "a large orange circle"), c.c_str());
    }
    QVERIFY(phrasings.size() >= 4);
  }

  void editTripletsChangeExactlyWhatTheySay() {
    std::map<int, int> ops;
    const int step = tfs::shapesMoveStep(64);
    for (uint64_t seed = 0; seed < 400; ++seed) {
      auto e = tfs::randomEdit(seed);
      QVERIFY(tfs::randomEdit(seed).instruction == e.instruction);
      ++ops[int(e.op)];
      const auto& in = e.input.objects;
      const auto& out = e.output.objects;
      const std::string& ins = e.instruction;
      std::string why = ins + " | " + e.input.toString() + " -> " + e.output.toString();
      // The output is what the analyser reads from the output render.
      QVERIFY2(tfs::analyseScene(tfs::renderScene(e.output)) == e.output, why.c_str());
      if (e.op == tfs::EditOp::Add) {
        QCOMPARE(out.size(), in.size() + 1);
        QVERIFY2(contains(ins, "add ") || contains(ins, "draw "), why.c_str());
        // Every input object survives; the new one is the one named.
        std::vector<tfs::ShapeObject> extra;
        for (const auto& o : out)
          if (std::find(in.begin(), in.end(), o) == in.end()) extra.push_back(o);
        QCOMPARE(extra.size(), size_t(1));
        QVERIFY2(
            contains(ins, tfs::colourName(extra[0].colour) + " " + tfs::kindName(extra[0].kind)),
            why.c_str());
        continue;
      }
      QVERIFY(e.target >= 0 && e.target < int(in.size()));
      const auto& t = in[size_t(e.target)];
      // The instruction names the target unambiguously.
      auto ref = tfs::objectReference(e.input, e.target);
      QVERIFY(ref);
      QVERIFY2(contains(ins, "the " + *ref), why.c_str());
      std::vector<tfs::ShapeObject> others;
      for (size_t i = 0; i < in.size(); ++i)
        if (int(i) != e.target) others.push_back(in[i]);
      auto changed = out;
      for (const auto& o : others) {
        auto it = std::find(changed.begin(), changed.end(), o);
        QVERIFY2(it != changed.end(), why.c_str());  // untouched objects stay exactly
        changed.erase(it);
      }
      switch (e.op) {
        case tfs::EditOp::Remove:
          QVERIFY2(changed.empty(), why.c_str());
          QVERIFY(contains(ins, "remove") || contains(ins, "delete") || contains(ins, "take away"));
          break;
        case tfs::EditOp::Recolour: {
          QCOMPARE(changed.size(), size_t(1));
          auto c = changed[0];
          QVERIFY(c.colour != t.colour);
          QVERIFY2(contains(ins, " " + tfs::colourName(c.colour)), why.c_str());
          c.colour = t.colour;
          QVERIFY(c == t);
          break;
        }
        case tfs::EditOp::Move: {
          QCOMPARE(changed.size(), size_t(1));
          auto c = changed[0];
          const int dx = c.x - t.x, dy = c.y - t.y;
          if (dx < 0) QVERIFY2(dx == -step && dy == 0 && contains(ins, "left"), why.c_str());
          if (dx > 0) QVERIFY2(dx == step && dy == 0 && contains(ins, "right"), why.c_str());
          if (dy < 0) QVERIFY2(dy == -step && dx == 0 && contains(ins, " up"), why.c_str());
          if (dy > 0) QVERIFY2(dy == step && dx == 0 && contains(ins, " down"), why.c_str());
          QVERIFY(dx != 0 || dy != 0);
          c.x = t.x;
          c.y = t.y;
          QVERIFY(c == t);
          break;
        }
        case tfs::EditOp::Resize: {
          QCOMPARE(changed.size(), size_t(1));
          auto c = changed[0];
          QVERIFY(c.size != t.size);
          bool bigger =
              contains(ins, "bigger") || contains(ins, "larger") || contains(ins, "enlarge");
          QCOMPARE(bigger, c.size == tfs::ShapeSize::Large);
          c.size = t.size;
          QVERIFY(c == t);
          break;
        }
        case tfs::EditOp::Add:
          break;
      }
    }
    QCOMPARE(int(ops.size()), 5);
    for (const auto& [op, n] : ops) QVERIFY(n > 30);
  }

  void editSourceRendersTriplets() {
    tfs::SourceOptions o;
    o.seed = 3;
    tfs::ShapesEditSource src(o);
    auto e = src.next();
    QVERIFY(e);
    QCOMPARE(e->input.sizes().vec(), (std::vector<int64_t>{3, 64, 64}));
    auto expected = src.editAt(0);
    QVERIFY(tfs::analyseScene(e->input) == expected.input);
    QVERIFY(tfs::analyseScene(e->output) == expected.output);
    QCOMPARE(e->instruction, expected.instruction);
    o.channels = 1;
    tfs::ShapesEditSource grey(o);
    QCOMPARE(grey.next()->output.size(0), int64_t(1));
  }
};

QTEST_GUILESS_MAIN(TestDataShapes)
#include "test_data_shapes.moc"
