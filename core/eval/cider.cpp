#include "core/eval/cider.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/base/error.h"
#include "core/eval/caption_tokenizer.h"

namespace tfs {
namespace {

// n-grams keyed by their words joined with spaces; index n-1 holds the n-grams of length n.
using NgramCounts = std::vector<std::unordered_map<std::string, double>>;

NgramCounts countNgrams(const std::string& sentence, int n) {
  std::vector<std::string> words;
  std::istringstream in(sentence);
  for (std::string w; in >> w;) words.push_back(w);
  NgramCounts counts(n);
  for (int k = 1; k <= n; ++k) {
    for (size_t i = 0; i + k <= words.size(); ++i) {
      std::string g = words[i];
      for (int j = 1; j < k; ++j) g += ' ' + words[i + j];
      counts[k - 1][g] += 1.0;
    }
  }
  return counts;
}

struct TfIdf {
  NgramCounts vec;
  std::vector<double> norm;
  double length = 0;
};

TfIdf toTfIdf(const NgramCounts& counts, const std::unordered_map<std::string, double>& df,
              double refLen) {
  const int n = static_cast<int>(counts.size());
  TfIdf v{NgramCounts(n), std::vector<double>(n, 0.0), 0};
  for (int k = 0; k < n; ++k) {
    for (const auto& [g, tf] : counts[k]) {
      auto it = df.find(g);
      const double logDf = std::log(std::max(1.0, it == df.end() ? 0.0 : it->second));
      const double w = tf * (refLen - logDf);
      v.vec[k][g] = w;
      v.norm[k] += w * w;
      // pycocoevalcap's "length" counts bigrams (its n is 0-based); kept so scores match exactly.
      if (k == 1) v.length += tf;
    }
    v.norm[k] = std::sqrt(v.norm[k]);
  }
  return v;
}

std::vector<double> similarity(const TfIdf& hyp, const TfIdf& ref, double sigma) {
  const int n = static_cast<int>(hyp.vec.size());
  const double delta = hyp.length - ref.length;
  std::vector<double> val(n, 0.0);
  for (int k = 0; k < n; ++k) {
    for (const auto& [g, w] : hyp.vec[k]) {
      auto it = ref.vec[k].find(g);
      if (it == ref.vec[k].end()) continue;
      val[k] += std::min(w, it->second) * it->second;  // the "-D" clipping
    }
    if (hyp.norm[k] != 0 && ref.norm[k] != 0) val[k] /= hyp.norm[k] * ref.norm[k];
    val[k] *= std::exp(-(delta * delta) / (2 * sigma * sigma));
  }
  return val;
}

std::string captionText(const nlohmann::json& v, const std::string& what, const std::string& id) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("caption") && v["caption"].is_string())
    return v["caption"].get<std::string>();
  throw DataError(what + ": the caption of id '" + id +
                  "' is not a string; write captions as strings or {\"caption\": \"...\"}");
}

std::string idText(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

CiderResult ciderD(const CaptionSet& refs, const CaptionSet& cands, const CiderOptions& opts) {
  if (opts.n < 1) throw UsageError("CIDEr-D needs n >= 1; use n = 4 as MS-COCO does");
  if (refs.empty())
    throw DataError("CIDEr-D: the references are empty; give at least one image id");
  for (const auto& [id, c] : cands)
    if (!refs.count(id))
      throw DataError("CIDEr-D: candidate id '" + id +
                      "' has no references; score the same ids in both files");
  for (const auto& [id, r] : refs) {
    auto it = cands.find(id);
    if (it == cands.end())
      throw DataError("CIDEr-D: reference id '" + id +
                      "' has no candidate; score the same ids in both files");
    if (it->second.size() != 1)
      throw DataError("CIDEr-D: id '" + id + "' has " + std::to_string(it->second.size()) +
                      " candidate captions; give exactly one per id");
    if (r.empty())
      throw DataError("CIDEr-D: id '" + id + "' has no reference captions; give at least one");
  }
  auto prep = [&](const std::string& s) { return opts.tokenize ? normalizeCaption(s) : s; };

  std::vector<std::string> ids;
  std::vector<std::vector<NgramCounts>> refCounts;
  std::vector<NgramCounts> candCounts;
  std::unordered_map<std::string, double> df;
  for (const auto& [id, r] : refs) {
    ids.push_back(id);
    std::vector<NgramCounts> rc;
    std::unordered_set<std::string> seen;  // document = all references of one image
    for (const auto& s : r) {
      rc.push_back(countNgrams(prep(s), opts.n));
      for (const auto& level : rc.back())
        for (const auto& kv : level) seen.insert(kv.first);
    }
    for (const auto& g : seen) df[g] += 1.0;
    refCounts.push_back(std::move(rc));
    candCounts.push_back(countNgrams(prep(cands.at(id)[0]), opts.n));
  }

  const double refLen = std::log(static_cast<double>(refs.size()));
  CiderResult result;
  double sum = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    const TfIdf hyp = toTfIdf(candCounts[i], df, refLen);
    std::vector<double> score(opts.n, 0.0);
    for (const auto& rc : refCounts[i]) {
      const auto s = similarity(hyp, toTfIdf(rc, df, refLen), opts.sigma);
      for (int k = 0; k < opts.n; ++k) score[k] += s[k];
    }
    double mean = 0;
    for (double s : score) mean += s;
    mean /= opts.n;
    mean /= static_cast<double>(refCounts[i].size());
    mean *= 10.0;
    result.perItem[ids[i]] = mean;
    sum += mean;
  }
  result.score = sum / static_cast<double>(ids.size());
  return result;
}

CaptionSet captionsFromJson(const nlohmann::json& j, const std::string& what) {
  CaptionSet out;
  auto addList = [&](const nlohmann::json& list) {
    for (const auto& e : list) {
      if (!e.is_object() || !e.contains("image_id") || !e.contains("caption"))
        throw DataError(what + ": a list entry lacks image_id or caption; use COCO's " +
                        "[{\"image_id\": ..., \"caption\": \"...\"}] or {id: [captions]}");
      const std::string id = idText(e["image_id"]);
      out[id].push_back(captionText(e["caption"], what, id));
    }
  };
  if (j.is_array()) {
    addList(j);
  } else if (j.is_object() && j.contains("annotations") && j["annotations"].is_array()) {
    addList(j["annotations"]);
  } else if (j.is_object()) {
    for (const auto& [id, v] : j.items()) {
      auto& caps = out[id];
      if (v.is_array()) {
        for (const auto& c : v) caps.push_back(captionText(c, what, id));
      } else {
        caps.push_back(captionText(v, what, id));
      }
    }
  } else {
    throw DataError(what + ": expected a JSON object {id: [captions]} or a COCO list");
  }
  return out;
}

CaptionSet loadCaptionsJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw IoError("cannot open caption file '" + path + "'; check the path");
  nlohmann::json j;
  try {
    in >> j;
  } catch (const nlohmann::json::exception& e) {
    throw DataError("'" + path + "' is not valid JSON (" + e.what() + "); fix the file");
  }
  return captionsFromJson(j, path);
}

nlohmann::json toJson(const CiderResult& r) {
  nlohmann::json items = nlohmann::json::object();
  for (const auto& [id, s] : r.perItem) items[id] = s;
  return {{"metric", "CIDEr-D"}, {"score", r.score}, {"items", items}};
}

}  // namespace tfs
