// CIDEr-D against values derived by hand from pycocoevalcap's definition.
#include <QtTest>

#include <cmath>

#include "core/base/error.h"
#include "core/eval/caption_tokenizer.h"
#include "core/eval/cider.h"

using tfs::CaptionSet;

namespace {

QString joined(const std::vector<std::string>& toks) {
  QStringList l;
  for (const auto& t : toks) l << QString::fromStdString(t);
  return l.join(QLatin1Char('|'));
}

bool near(double a, double b, double tol = 1e-9) {
  return std::abs(a - b) <= tol;
}

}  // namespace

class TestEvalCider : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void tokenizerIsPtbLike() {
    QCOMPARE(joined(tfs::tokenizeCaption("A Man's red T-shirt, (folded)!")),
             QStringLiteral("a|man|'s|red|t-shirt|folded"));
    QCOMPARE(joined(tfs::tokenizeCaption("  Don't   stop... ")), QStringLiteral("do|n't|stop"));
    QCOMPARE(QString::fromStdString(tfs::normalizeCaption("A dog; a CAT.")),
             QStringLiteral("a dog a cat"));
    QVERIFY(tfs::tokenizeCaption(" -- . , ").empty());
  }

  // Two images, each candidate equal to its single reference. N = 2, idf = ln2 − ln(df):
  // "a" is in both documents → idf 0; every other n-gram idf = ln2 =: L.
  // n=1: vec {a:0, red:L, circle:L}, cosine = 2L²/(√2L·√2L) = 1; n=2: 1; n=3: 1;
  // n=4: no 4-grams, norms 0 → 0. Length delta 0. Mean over n = 3/4, one reference, ×10 = 7.5.
  void identicalCaptionsScoreByHand() {
    CaptionSet refs{{"1", {"a red circle"}}, {"2", {"a blue square"}}};
    CaptionSet cands{{"1", {"a red circle"}}, {"2", {"a blue square"}}};
    const auto r = tfs::ciderD(refs, cands);
    QVERIFY(near(r.perItem.at("1"), 7.5));
    QVERIFY(near(r.perItem.at("2"), 7.5));
    QVERIFY(near(r.score, 7.5));
  }

  // Image 1: refs "a red circle", "a big red circle"; candidate "a red square".
  // Image 2: ref "a blue square" = candidate (7.5 as above). idf: "a" 0, everything else L
  // ("red square" never occurs in a reference: df 0 → log(max(1,0)) = 0 → idf L too).
  // Candidate: uni {a:0, red:L, square:L} ‖·‖ = √2L; bi {a red, red square} √2L; tri L; no 4-gram;
  // length (pycocoevalcap counts bigrams) 2.
  // vs ref 1 (length 2, δ = 0): n=1 red: L²/(√2L·√2L) = 1/2; n=2 "a red": 1/2; n=3,4: 0.
  // vs ref 2 (uni ‖·‖ = √3L, length 3, δ = −1): n=1 red: L²/(√2L·√3L) = 1/√6, times e^(−1/72);
  // n=2: no shared bigram; n=3,4: 0.
  // CIDEr-D = 10 · (1/2 + 1/2 + e^(−1/72)/√6) / 4 / 2 = 1.25 · (1 + e^(−1/72)/√6) = 1.7532717…
  void partialOverlapScoresByHand() {
    CaptionSet refs{{"1", {"a red circle", "a big red circle"}}, {"2", {"a blue square"}}};
    CaptionSet cands{{"1", {"a red square"}}, {"2", {"a blue square"}}};
    const auto r = tfs::ciderD(refs, cands);
    const double expected1 = 1.25 * (1.0 + std::exp(-1.0 / 72.0) / std::sqrt(6.0));
    QVERIFY2(near(r.perItem.at("1"), expected1), qPrintable(QString::number(r.perItem.at("1"))));
    QVERIFY(near(expected1, 1.753271711817499, 1e-12));
    QVERIFY(near(r.perItem.at("2"), 7.5));
    QVERIFY(near(r.score, (expected1 + 7.5) / 2));
  }

  // The "-D" clipping. Image 1: ref "red circle", candidate "red red red"; image 2 identical pair
  // "blue square" (uni 1, bi 1, no tri/4-gram → 10 · 2/4 = 5). All idf = L.
  // Candidate uni {red: 3L} ‖·‖ 3L; bi {red red: 2L}; tri {red red red: L}; length 2 bigrams.
  // Ref uni {red: L, circle: L} ‖·‖ √2L; bi {red circle: L}; length 1 → δ = 1.
  // n=1: min(3L, L)·L / (3L·√2L) = 1/(3√2) (unclipped would be 1/√2); n=2,3,4: 0.
  // CIDEr-D = 10 · e^(−1/72) / (3√2) / 4 = 0.5811281…
  void candidateCountsAreClipped() {
    CaptionSet refs{{"1", {"red circle"}}, {"2", {"blue square"}}};
    CaptionSet cands{{"1", {"red red red"}}, {"2", {"blue square"}}};
    const auto r = tfs::ciderD(refs, cands);
    const double expected1 = 10.0 * std::exp(-1.0 / 72.0) / (12.0 * std::sqrt(2.0));
    QVERIFY2(near(r.perItem.at("1"), expected1), qPrintable(QString::number(r.perItem.at("1"))));
    QVERIFY(near(r.perItem.at("2"), 5.0));
    QVERIFY(near(r.score, (expected1 + 5.0) / 2));
  }

  void tokenizationHappensBeforeScoring() {
    CaptionSet refs{{"1", {"A red circle."}}, {"2", {"A blue square!"}}};
    CaptionSet cands{{"1", {"a RED circle"}}, {"2", {"a blue, square"}}};
    QVERIFY(near(tfs::ciderD(refs, cands).score, 7.5));
    tfs::CiderOptions raw;
    raw.tokenize = false;
    QVERIFY(tfs::ciderD(refs, cands, raw).score < 7.5);
  }

  void disjointIsZeroAndCopyingTheReferencesIsBest() {
    CaptionSet refs{{"1", {"a red circle left of a blue square", "red circle and blue square"}},
                    {"2", {"a green triangle above a yellow circle", "green triangle over circle"}},
                    {"3", {"two purple squares", "a pair of purple squares"}}};
    CaptionSet disjoint{{"1", {"zebra"}}, {"2", {"elephant walks"}}, {"3", {"moon rises slowly"}}};
    const auto d = tfs::ciderD(refs, disjoint);
    QCOMPARE(d.score, 0.0);
    CaptionSet copy{{"1", {refs["1"][0]}}, {"2", {refs["2"][0]}}, {"3", {refs["3"][0]}}};
    CaptionSet partial{{"1", {"a red circle"}}, {"2", {"a green triangle"}}, {"3", {"squares"}}};
    const auto c = tfs::ciderD(refs, copy);
    const auto p = tfs::ciderD(refs, partial);
    QVERIFY(c.score > 2.0);
    QVERIFY(c.score > p.score);
    QVERIFY(p.score > 0.0);
    // Values from a line-by-line Python replica of pycocoevalcap's CiderScorer on this corpus.
    QVERIFY2(near(p.score, 2.261063141266018, 1e-12),
             qPrintable(QString::number(p.score, 'g', 17)));
    QVERIFY2(near(c.score, 5.697753220247834, 1e-12),
             qPrintable(QString::number(c.score, 'g', 17)));
    QVERIFY(near(p.perItem.at("3"), 1.2478812090414857, 1e-12));
    for (const auto& [id, s] : p.perItem) QVERIFY(c.perItem.at(id) > s);
  }

  // log(#images) = 0 makes every idf 0: pycocoevalcap scores a one-image corpus 0 as well.
  void singleImageCorpusScoresZero() {
    CaptionSet refs{{"1", {"a red circle"}}};
    QCOMPARE(tfs::ciderD(refs, refs).score, 0.0);
  }

  void jsonFormatsAndErrors() {
    auto j =
        nlohmann::json::parse("{\"1\": [\"a red circle\", \"a circle\"], \"2\": \"a square\"}");
    auto refs = tfs::captionsFromJson(j, "refs");
    QCOMPARE(int(refs.at("1").size()), 2);
    QCOMPARE(QString::fromStdString(refs.at("2").at(0)), QStringLiteral("a square"));
    auto list = nlohmann::json::parse(
        "[{\"image_id\": 1, \"caption\": \"a red circle\"}, {\"image_id\": 2, \"caption\": \"a "
        "square\"}]");
    auto cands = tfs::captionsFromJson(list, "cands");
    QCOMPARE(int(cands.size()), 2);
    const auto r = tfs::ciderD(refs, cands);
    const auto out = tfs::toJson(r);
    QCOMPARE(QString::fromStdString(out["metric"].get<std::string>()), QStringLiteral("CIDEr-D"));
    QCOMPARE(out["items"].size(), size_t(2));
    QCOMPARE(out["score"].get<double>(), r.score);

    CaptionSet missing{{"1", {"a red circle"}}};
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::ciderD(refs, missing));
    CaptionSet two{{"1", {"a", "b"}}, {"2", {"c"}}};
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::ciderD(refs, two));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError,
                             tfs::captionsFromJson(nlohmann::json::parse("{\"1\": [3]}"), "x"));
    QVERIFY_THROWS_EXCEPTION(tfs::IoError, tfs::loadCaptionsJson("/nonexistent/refs.json"));
  }
};

QTEST_GUILESS_MAIN(TestEvalCider)
#include "test_eval_cider.moc"
