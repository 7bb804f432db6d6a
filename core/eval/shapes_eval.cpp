#include "core/eval/shapes_eval.h"

#include <algorithm>

#include "core/base/error.h"
#include "core/data/data_source.h"

namespace tfs {
namespace {

const char* const kCountWords[] = {"zero", "one", "two", "three", "four", "five"};

std::string article(const std::string& word) {
  return (std::string("aeiou").find(word[0]) != std::string::npos ? "an " : "a ") + word;
}

std::string phrase(const ShapesRequirement& r) {
  const std::string colour = r.colour ? colourName(*r.colour) + " " : std::string();
  if (r.count == 1) return article(colour + kindName(r.kind));
  return std::string(kCountWords[std::min(r.count, 5)]) + " " + colour + kindPlural(r.kind);
}

bool matches(const ShapeObject& o, const ShapesRequirement& r) {
  return o.kind == r.kind && (!r.colour || o.colour == *r.colour);
}

// Scenes from a seeded stream until one satisfies pred (the data helper's generator decides the
// layouts; we only choose among them).
template <typename Pred>
Scene findScene(uint64_t seed, uint64_t& cursor, int imageSize, int minObjects, Pred pred) {
  for (int tries = 0; tries < 10000; ++tries) {
    Scene s = randomScene(mixSeed(seed, cursor++), imageSize, minObjects, 3);
    if (pred(s)) return s;
  }
  throw DataError("ShapesEval could not find a suitable scene in 10000 random ones; report this");
}

// Two objects of different kinds: the pair a prompt can name unambiguously.
std::optional<std::pair<int, int>> distinctPair(const Scene& s, bool needDifferentColours) {
  const auto& o = s.objects;
  for (size_t i = 0; i < o.size(); ++i)
    for (size_t j = 0; j < o.size(); ++j) {
      if (i == j || o[i].kind == o[j].kind) continue;
      if (needDifferentColours && o[i].colour == o[j].colour) continue;
      // Each named (kind, colour) must be unique in the scene so the prompt means one object.
      auto unique = [&](const ShapeObject& t) {
        return std::count_if(o.begin(), o.end(), [&](const ShapeObject& x) {
                 return x.kind == t.kind && x.colour == t.colour;
               }) == 1;
      };
      if (unique(o[i]) && unique(o[j])) return std::make_pair(int(i), int(j));
    }
  return std::nullopt;
}

std::string relationKey(Relation r) {
  switch (r) {
    case Relation::LeftOf:
      return "left_of";
    case Relation::RightOf:
      return "right_of";
    case Relation::Above:
      return "above";
    case Relation::Below:
      return "below";
  }
  return "left_of";
}

Relation parseRelation(const std::string& s) {
  for (Relation r : {Relation::LeftOf, Relation::RightOf, Relation::Above, Relation::Below})
    if (s == relationKey(r) || s == relationPhrase(r)) return r;
  throw DataError("ShapesEval prompt: unknown relation '" + s +
                  "'; use left_of, right_of, above or below");
}

ShapeKind kindFromJson(const nlohmann::json& j) {
  auto k = parseKind(j.get<std::string>());
  if (!k) throw DataError("ShapesEval prompt: unknown kind '" + j.dump() + "'");
  return *k;
}

ShapeColour colourFromJson(const nlohmann::json& j) {
  auto c = parseColour(j.get<std::string>());
  if (!c) throw DataError("ShapesEval prompt: unknown colour '" + j.dump() + "'");
  return *c;
}

nlohmann::json sceneJson(const Scene& s) {
  nlohmann::json objs = nlohmann::json::array();
  for (const auto& o : s.objects)
    objs.push_back({{"kind", kindName(o.kind)},
                    {"colour", colourName(o.colour)},
                    {"size", sizeName(o.size)},
                    {"x", o.x},
                    {"y", o.y}});
  return {{"imageSize", s.imageSize}, {"objects", objs}};
}

Scene sceneFromJson(const nlohmann::json& j) {
  Scene s;
  s.imageSize = j.value("imageSize", 64);
  for (const auto& o : j.at("objects")) {
    ShapeObject obj;
    obj.kind = kindFromJson(o.at("kind"));
    obj.colour = colourFromJson(o.at("colour"));
    obj.size = o.at("size").get<std::string>() == "large" ? ShapeSize::Large : ShapeSize::Small;
    obj.x = o.at("x").get<int>();
    obj.y = o.at("y").get<int>();
    s.objects.push_back(obj);
  }
  return s;
}

}  // namespace

std::vector<std::string> shapesEvalCategories() {
  return {"single_object", "two_object", "counting", "colours", "position", "colour_attr"};
}

nlohmann::json ShapesPrompt::toJson() const {
  nlohmann::json objs = nlohmann::json::array();
  for (const auto& r : objects) {
    nlohmann::json o = {{"kind", kindName(r.kind)}, {"count", r.count}};
    if (r.colour) o["colour"] = colourName(*r.colour);
    objs.push_back(o);
  }
  nlohmann::json j = {{"id", id}, {"category", category}, {"text", text}, {"objects", objs}};
  if (relation) j["relation"] = relationKey(*relation);
  if (!source.objects.empty()) j["scene"] = sceneJson(source);
  return j;
}

ShapesPrompt ShapesPrompt::fromJson(const nlohmann::json& j) {
  ShapesPrompt p;
  try {
    p.id = j.at("id").is_string() ? j.at("id").get<std::string>() : j.at("id").dump();
    p.category = j.at("category").get<std::string>();
    p.text = j.at("text").get<std::string>();
    for (const auto& o : j.at("objects")) {
      ShapesRequirement r;
      r.kind = kindFromJson(o.at("kind"));
      if (o.contains("colour")) r.colour = colourFromJson(o.at("colour"));
      r.count = o.value("count", 1);
      p.objects.push_back(r);
    }
    if (j.contains("relation")) p.relation = parseRelation(j.at("relation").get<std::string>());
    if (j.contains("scene")) p.source = sceneFromJson(j.at("scene"));
  } catch (const nlohmann::json::exception& e) {
    throw DataError(std::string("ShapesEval prompt is missing a field or has a wrong type (") +
                    e.what() + "); write prompts with `transfusion eval shapes-prompts`");
  }
  const auto cats = shapesEvalCategories();
  if (std::find(cats.begin(), cats.end(), p.category) == cats.end())
    throw DataError("ShapesEval prompt '" + p.id + "' has unknown category '" + p.category + "'");
  if (p.objects.empty() || (p.relation && p.objects.size() < 2))
    throw DataError("ShapesEval prompt '" + p.id +
                    "' names too few objects for its category; give one (two with a relation)");
  return p;
}

std::vector<ShapesPrompt> makeShapesPrompts(int perCategory, uint64_t seed, int imageSize) {
  std::vector<ShapesPrompt> out;
  uint64_t cursor = 0;
  for (const auto& cat : shapesEvalCategories()) {
    for (int i = 0; i < perCategory; ++i) {
      ShapesPrompt p;
      p.category = cat;
      p.id = cat + "-" + std::to_string(i);
      if (cat == "single_object" || cat == "colours") {
        p.source = findScene(seed, cursor, imageSize, 1, [](const Scene&) { return true; });
        const auto& o = p.source.objects[0];
        p.objects.push_back({o.kind, cat == "colours" ? std::optional(o.colour) : std::nullopt, 1});
      } else if (cat == "counting") {
        ShapeKind kind{};
        int count = 0;
        p.source = findScene(seed, cursor, imageSize, 2, [&](const Scene& s) {
          for (const auto& o : s.objects) {
            const int n =
                int(std::count_if(s.objects.begin(), s.objects.end(),
                                  [&](const ShapeObject& x) { return x.kind == o.kind; }));
            if (n >= 2) {
              kind = o.kind;
              count = n;
              return true;
            }
          }
          return false;
        });
        p.objects.push_back({kind, std::nullopt, count});
      } else {
        const bool colours = cat != "two_object";
        const bool needColourDiff = cat == "colour_attr";
        std::pair<int, int> ab;
        p.source = findScene(seed, cursor, imageSize, 2, [&](const Scene& s) {
          auto pr = distinctPair(s, needColourDiff);
          if (pr) ab = *pr;
          return pr.has_value();
        });
        const auto& a = p.source.objects[size_t(ab.first)];
        const auto& b = p.source.objects[size_t(ab.second)];
        p.objects.push_back({a.kind, colours ? std::optional(a.colour) : std::nullopt, 1});
        p.objects.push_back({b.kind, colours ? std::optional(b.colour) : std::nullopt, 1});
        if (cat == "position") p.relation = relationOf(a, b);
      }
      if (p.relation)
        p.text =
            phrase(p.objects[0]) + " " + relationPhrase(*p.relation) + " " + phrase(p.objects[1]);
      else if (p.objects.size() == 2)
        p.text = phrase(p.objects[0]) + " and " + phrase(p.objects[1]);
      else
        p.text = phrase(p.objects[0]);
      out.push_back(std::move(p));
    }
  }
  return out;
}

ShapesCheck checkShapesImage(const ShapesPrompt& prompt, const torch::Tensor& image) {
  ShapesCheck c;
  c.found = analyseScene(image);
  const auto& found = c.found.objects;
  c.presence = c.colour = c.count = true;
  std::vector<std::string> why;
  for (const auto& r : prompt.objects) {
    const auto n = std::count_if(found.begin(), found.end(),
                                 [&](const ShapeObject& o) { return o.kind == r.kind; });
    const auto m = std::count_if(found.begin(), found.end(),
                                 [&](const ShapeObject& o) { return matches(o, r); });
    if (n == 0) {
      c.presence = false;
      why.push_back("no " + kindName(r.kind));
    } else if (m == 0) {
      c.colour = false;
      why.push_back("no " + colourName(*r.colour) + " " + kindName(r.kind));
    }
    if (prompt.category == "counting" && m != r.count) {
      c.count = false;
      why.push_back(std::to_string(m) + " " + kindPlural(r.kind) + ", expected " +
                    std::to_string(r.count));
    }
  }
  if (prompt.relation) {
    bool ok = false;
    for (size_t i = 0; i < found.size() && !ok; ++i)
      for (size_t j = 0; j < found.size() && !ok; ++j)
        ok = i != j && matches(found[i], prompt.objects[0]) &&
             matches(found[j], prompt.objects[1]) &&
             relationOf(found[i], found[j]) == *prompt.relation;
    c.position = ok;
    if (!ok)
      why.push_back(phrase(prompt.objects[0]) + " is not " + relationPhrase(*prompt.relation) +
                    " " + phrase(prompt.objects[1]));
  }
  c.fidelity = sceneFidelity(image, c.found);
  c.clean = c.fidelity >= kMinSceneFidelity;
  if (!c.clean) why.insert(why.begin(), uncleanSceneReason(c.fidelity));
  c.ok = c.clean && c.presence && c.colour && c.count && c.position.value_or(true);
  for (size_t i = 0; i < why.size(); ++i) c.reason += (i ? "; " : "") + why[i];
  return c;
}

void ShapesEvaluator::add(const ShapesPrompt& prompt, const ShapesCheck& check) {
  auto tally = [](Tally& t, bool ok) {
    ++t.n;
    t.passed += ok ? 1 : 0;
  };
  tally(categories_[prompt.category], check.ok);
  tally(checks_["clean"], check.clean);
  tally(checks_["presence"], check.presence);
  if (prompt.objects.size() && std::any_of(prompt.objects.begin(), prompt.objects.end(),
                                           [](const ShapesRequirement& r) { return r.colour; }))
    tally(checks_["colour"], check.colour);
  if (prompt.category == "counting") tally(checks_["count"], check.count);
  if (check.position) tally(checks_["position"], *check.position);
  ++images_;
  passed_ += check.ok ? 1 : 0;
}

ShapesEvalReport ShapesEvaluator::report() const {
  ShapesEvalReport r;
  r.images = images_;
  for (const auto& [k, t] : categories_) {
    r.categoryAccuracy[k] = double(t.passed) / double(t.n);
    r.categoryCount[k] = t.n;
    r.overall += r.categoryAccuracy[k];
  }
  if (!categories_.empty()) r.overall /= double(categories_.size());
  for (const auto& [k, t] : checks_) r.checkAccuracy[k] = double(t.passed) / double(t.n);
  r.imageAccuracy = images_ ? double(passed_) / double(images_) : 0.0;
  return r;
}

nlohmann::json ShapesEvalReport::toJson() const {
  nlohmann::json cats = nlohmann::json::object();
  for (const auto& [k, v] : categoryAccuracy)
    cats[k] = {{"accuracy", v}, {"images", categoryCount.at(k)}};
  return {{"metric", "ShapesEval"}, {"overall", overall}, {"imageAccuracy", imageAccuracy},
          {"images", images},       {"categories", cats}, {"checks", checkAccuracy}};
}

}  // namespace tfs
