// ShapesEval and editing accuracy on scenes drawn with known content, right and wrong.
#include <torch/torch.h>
#include <QtTest>

#include "core/base/error.h"
#include "core/eval/edit_eval.h"
#include "core/eval/shapes_eval.h"

using namespace tfs;

namespace {

ShapeObject obj(ShapeKind k, ShapeColour c, int x, int y, ShapeSize s = ShapeSize::Small) {
  ShapeObject o;
  o.kind = k;
  o.colour = c;
  o.size = s;
  o.x = x;
  o.y = y;
  return o;
}

Scene scene(std::vector<ShapeObject> objs) {
  Scene s;
  s.imageSize = 64;
  s.objects = std::move(objs);
  for (size_t i = 0; i < s.objects.size(); ++i) {
    Scene others = s;
    others.objects.erase(others.objects.begin() + long(i));
    Q_ASSERT(placementOk(others, s.objects[i]));
  }
  return s;
}

ShapesPrompt prompt(const std::string& category, std::vector<ShapesRequirement> objects,
                    std::optional<Relation> relation = std::nullopt) {
  ShapesPrompt p;
  p.id = category;
  p.category = category;
  p.text = category;
  p.objects = std::move(objects);
  p.relation = relation;
  return p;
}

ShapesCheck check(const ShapesPrompt& p, const Scene& s) {
  return checkShapesImage(p, renderScene(s));
}

constexpr auto kCircle = ShapeKind::Circle;
constexpr auto kSquare = ShapeKind::Square;
constexpr auto kRed = ShapeColour::Red;
constexpr auto kBlue = ShapeColour::Blue;
constexpr auto kGreen = ShapeColour::Green;

}  // namespace

class TestEvalShapes : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void promptsFromKnownScenesPassOnTheirScenes() {
    const auto prompts = makeShapesPrompts(4, 11);
    QCOMPARE(int(prompts.size()), 4 * int(shapesEvalCategories().size()));
    ShapesEvaluator ev;
    for (const auto& p : prompts) {
      QVERIFY(!p.text.empty());
      const auto c = checkShapesImage(p, renderScene(p.source));
      QVERIFY2(c.ok, qPrintable(QString::fromStdString(p.text + ": " + c.reason)));
      ev.add(p, c);
      // The prompt survives its JSON form.
      const auto back = ShapesPrompt::fromJson(p.toJson());
      QCOMPARE(QString::fromStdString(back.text), QString::fromStdString(p.text));
      QCOMPARE(back.objects.size(), p.objects.size());
      QCOMPARE(back.relation.has_value(), p.relation.has_value());
      QVERIFY(back.source == p.source);
    }
    const auto r = ev.report();
    QCOMPARE(r.overall, 1.0);
    QCOMPARE(r.imageAccuracy, 1.0);
    QCOMPARE(r.images, int64_t(prompts.size()));
    QCOMPARE(r.categoryCount.at("counting"), int64_t(4));
    // Deterministic in the seed, different across seeds.
    QCOMPARE(makeShapesPrompts(4, 11)[5].toJson(), prompts[5].toJson());
    QVERIFY(makeShapesPrompts(4, 12)[0].toJson() != prompts[0].toJson() ||
            makeShapesPrompts(4, 12)[1].toJson() != prompts[1].toJson());
  }

  void wrongColourIsRejected() {
    const auto p = prompt("colours", {{kCircle, kRed, 1}});
    QVERIFY(check(p, scene({obj(kCircle, kRed, 20, 20)})).ok);
    const auto c = check(p, scene({obj(kCircle, kGreen, 20, 20)}));
    QVERIFY(!c.ok);
    QVERIFY(c.presence);
    QVERIFY(!c.colour);
    QVERIFY2(QString::fromStdString(c.reason).contains(QStringLiteral("no red circle")),
             qPrintable(QString::fromStdString(c.reason)));
    // A red object of the wrong kind does not count.
    QVERIFY(!check(p, scene({obj(kSquare, kRed, 20, 20)})).ok);
  }

  void missingObjectIsRejected() {
    const auto p = prompt("two_object", {{kCircle, std::nullopt, 1}, {kSquare, std::nullopt, 1}});
    QVERIFY(check(p, scene({obj(kCircle, kBlue, 16, 32), obj(kSquare, kGreen, 48, 32)})).ok);
    const auto c = check(p, scene({obj(kCircle, kBlue, 16, 32)}));
    QVERIFY(!c.ok);
    QVERIFY(!c.presence);
    QVERIFY(QString::fromStdString(c.reason).contains(QStringLiteral("no square")));
    const auto empty = checkShapesImage(p, renderScene(scene({})));
    QVERIFY(!empty.ok);
    QVERIFY(empty.found.objects.empty());
  }

  void swappedPositionsAreRejected() {
    const auto p = prompt("position", {{kCircle, kRed, 1}, {kSquare, kBlue, 1}}, Relation::LeftOf);
    const auto right = check(p, scene({obj(kCircle, kRed, 16, 32), obj(kSquare, kBlue, 48, 32)}));
    QVERIFY(right.ok);
    QVERIFY(right.position.value_or(false));
    const auto swapped = check(p, scene({obj(kCircle, kRed, 48, 32), obj(kSquare, kBlue, 16, 32)}));
    QVERIFY(!swapped.ok);
    QVERIFY(swapped.presence && swapped.colour);
    QVERIFY(!swapped.position.value_or(true));
    // Vertical arrangement: "above", not "left of".
    QVERIFY(!check(p, scene({obj(kCircle, kRed, 32, 14), obj(kSquare, kBlue, 30, 50)})).ok);
    const auto above =
        prompt("position", {{kCircle, kRed, 1}, {kSquare, kBlue, 1}}, Relation::Above);
    QVERIFY(check(above, scene({obj(kCircle, kRed, 32, 14), obj(kSquare, kBlue, 30, 50)})).ok);
  }

  void countsAreExact() {
    const auto p = prompt("counting", {{kSquare, std::nullopt, 2}});
    QVERIFY(check(p, scene({obj(kSquare, kRed, 12, 12), obj(kSquare, kBlue, 50, 50)})).ok);
    const auto three = check(p, scene({obj(kSquare, kRed, 12, 12), obj(kSquare, kBlue, 50, 50),
                                       obj(kSquare, kGreen, 12, 50)}));
    QVERIFY(!three.ok);
    QVERIFY(!three.count);
    QVERIFY(QString::fromStdString(three.reason).contains(QStringLiteral("3 squares, expected 2")));
    QVERIFY(!check(p, scene({obj(kSquare, kRed, 12, 12), obj(kCircle, kBlue, 50, 50)})).ok);
  }

  // Per category: colours 2 of 3 pass, position 1 of 1 → categories 2/3 and 1, overall their
  // mean 5/6, images 3 of 4.
  void reportAveragesCategoriesByHand() {
    ShapesEvaluator ev;
    const auto col = prompt("colours", {{kCircle, kRed, 1}});
    ev.add(col, check(col, scene({obj(kCircle, kRed, 20, 20)})));
    ev.add(col, check(col, scene({obj(kCircle, kRed, 40, 40)})));
    ev.add(col, check(col, scene({obj(kCircle, kBlue, 20, 20)})));
    const auto pos =
        prompt("position", {{kCircle, kRed, 1}, {kSquare, kBlue, 1}}, Relation::LeftOf);
    ev.add(pos, check(pos, scene({obj(kCircle, kRed, 16, 32), obj(kSquare, kBlue, 48, 32)})));
    const auto r = ev.report();
    QVERIFY(std::abs(r.categoryAccuracy.at("colours") - 2.0 / 3.0) < 1e-12);
    QCOMPARE(r.categoryAccuracy.at("position"), 1.0);
    QVERIFY(std::abs(r.overall - 5.0 / 6.0) < 1e-12);
    QCOMPARE(r.imageAccuracy, 0.75);
    QVERIFY(std::abs(r.checkAccuracy.at("colour") - 0.75) < 1e-12);
    QCOMPARE(r.checkAccuracy.at("position"), 1.0);
    const auto j = r.toJson();
    QCOMPARE(j["categories"]["colours"]["images"].get<int64_t>(), int64_t(3));
  }

  void badPromptJsonIsAClearError() {
    QVERIFY_THROWS_EXCEPTION(DataError, ShapesPrompt::fromJson({{"id", "x"}}));
    auto j = makeShapesPrompts(1, 3)[0].toJson();
    j["category"] = "poetry";
    QVERIFY_THROWS_EXCEPTION(DataError, ShapesPrompt::fromJson(j));
    j = makeShapesPrompts(1, 3)[0].toJson();
    j["objects"][0]["kind"] = "hexagon";
    QVERIFY_THROWS_EXCEPTION(DataError, ShapesPrompt::fromJson(j));
  }

  void editAccuracyAcceptsTheInstructedSceneOnly() {
    EditAccuracy acc;
    for (uint64_t seed = 0; seed < 25; ++seed) {
      const auto e = randomEdit(seed);
      const auto good = checkEdit(e.output, renderScene(e.output));
      QVERIFY2(good.ok, qPrintable(QString::fromStdString(e.instruction + ": " + good.reason)));
      acc.add(good);
      // Returning the unedited input is wrong for every kind of edit.
      const auto unchanged = checkEdit(e.output, renderScene(e.input));
      QVERIFY2(!unchanged.ok, qPrintable(QString::fromStdString(e.instruction)));
      QVERIFY(!unchanged.reason.empty());
      acc.add(unchanged);
    }
    QCOMPARE(acc.total, int64_t(50));
    QCOMPARE(acc.value(), 0.5);
  }

  void anAddedObjectMayBeAnywhereItFits() {
    int adds = 0;
    for (uint64_t seed = 0; seed < 400 && adds < 8; ++seed) {
      const auto e = randomEdit(seed, 32);
      if (e.op != EditOp::Add) continue;
      ++adds;
      QVERIFY(e.added.has_value());
      // The instruction names no place: the same object somewhere else that fits is right.
      Scene elsewhere = e.input;
      ShapeObject o = *e.added;
      bool placed = false;
      for (int y = 1; y < 32 && !placed; ++y)
        for (int x = 1; x < 32 && !placed; ++x) {
          o.x = x;
          o.y = y;
          if (std::abs(x - e.added->x) + std::abs(y - e.added->y) > 6 &&
              placementOk(elsewhere, o)) {
            elsewhere.objects.push_back(o);
            placed = true;
          }
        }
      if (!placed) continue;
      const auto c = checkEdit(e, renderScene(elsewhere));
      QVERIFY2(c.ok, qPrintable(QString::fromStdString(e.instruction + ": " + c.reason)));
      // The exact-scene check would call it wrong; the old objects must still stay put.
      QVERIFY(!checkEdit(e.output, renderScene(elsewhere)).ok);
      QVERIFY(!checkEdit(e, renderScene(e.input)).ok);  // nothing added
      // A size the instruction names must be kept; an unnamed one is free.
      Scene otherSize = e.output;
      for (auto& obj : otherSize.objects)
        if (obj == *e.added)
          obj.size = obj.size == ShapeSize::Small ? ShapeSize::Large : ShapeSize::Small;
      bool fits = true;
      for (size_t i = 0; i < otherSize.objects.size(); ++i)
        fits = fits && placementOk(otherSize, otherSize.objects[i], int(i));
      if (fits) QCOMPARE(checkEdit(e, renderScene(otherSize)).ok, !e.addedSizeNamed);
    }
    QVERIFY(adds >= 4);
  }

  void clutterIsNotAScene() {
    // The asked red circle is there, but so are colour blocks that form no shape: a detector
    // would not call this a red circle on a plain background, and neither does ShapesEval.
    const auto p = prompt("colours", {{kCircle, kRed, 1}});
    const auto clean = scene({obj(kCircle, kRed, 20, 20)});
    auto img = renderScene(clean);
    const auto c0 = checkShapesImage(p, img);
    QVERIFY(c0.ok);
    QCOMPARE(c0.fidelity, 1.0);
    torch::manual_seed(3);
    auto cluttered = img.clone();
    // 4×4 blocks of random saturated colour over the right half, as a weak model draws.
    for (int by = 0; by < 16; ++by)
      for (int bx = 8; bx < 16; ++bx)
        if ((by * 7 + bx * 3) % 3 == 0)
          cluttered.index_put_(
              {torch::indexing::Slice(), torch::indexing::Slice(by * 4, by * 4 + 4),
               torch::indexing::Slice(bx * 4, bx * 4 + 4)},
              torch::rand({3, 1, 1}) * 2 - 1);
    const auto c1 = checkShapesImage(p, cluttered);
    QVERIFY(c1.presence);  // the red circle itself is still read
    QVERIFY(!c1.clean);
    QVERIFY(!c1.ok);
    QVERIFY2(QString::fromStdString(c1.reason).contains(QStringLiteral("not a clean scene")),
             qPrintable(QString::fromStdString(c1.reason)));
    // Pure noise is never a scene; mild noise on a real scene still is.
    QVERIFY(!checkShapesImage(p, torch::rand({3, 64, 64}) * 2 - 1).clean);
    const auto mild = (img + 0.06 * torch::randn({3, 64, 64})).clamp(-1, 1);
    QVERIFY(checkShapesImage(p, mild).ok);
    // Editing accuracy applies the same gate.
    QVERIFY(checkEdit(clean, img).ok);
    QVERIFY(!checkEdit(clean, cluttered).ok);
    ShapesEvaluator ev;
    ev.add(p, c0);
    ev.add(p, c1);
    QCOMPARE(ev.report().checkAccuracy.at("clean"), 0.5);
  }

  void editToleranceIsInPixels() {
    const auto expected = scene({obj(kCircle, kRed, 20, 20), obj(kSquare, kBlue, 44, 44)});
    const auto nudged = scene({obj(kCircle, kRed, 22, 19), obj(kSquare, kBlue, 44, 44)});
    QVERIFY(checkEdit(expected, renderScene(nudged)).ok);  // 2 px within the default 4
    QVERIFY(!checkEdit(expected, renderScene(nudged), 1).ok);
    const auto moved = scene({obj(kCircle, kRed, 30, 20), obj(kSquare, kBlue, 44, 44)});
    const auto c = checkEdit(expected, renderScene(moved));
    QVERIFY(!c.ok);
    QVERIFY(QString::fromStdString(c.reason).contains(QStringLiteral("missing")));
    QVERIFY(QString::fromStdString(c.reason).contains(QStringLiteral("extra")));
    const auto resized =
        scene({obj(kCircle, kRed, 20, 20, ShapeSize::Large), obj(kSquare, kBlue, 44, 44)});
    QVERIFY(!checkEdit(expected, renderScene(resized)).ok);
  }
};

QTEST_GUILESS_MAIN(TestEvalShapes)
#include "test_eval_shapes.moc"
