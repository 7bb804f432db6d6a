#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace tfs {

// Captions per image id: references hold several, candidates exactly one.
using CaptionSet = std::map<std::string, std::vector<std::string>>;

struct CiderOptions {
  int n = 4;             // n-grams 1..n
  double sigma = 6.0;    // width of the Gaussian length penalty
  bool tokenize = true;  // run tokenizeCaption first; off when the text is already PTB-tokenised
};

struct CiderResult {
  double score = 0;                       // corpus CIDEr-D: mean of the per-item scores
  std::map<std::string, double> perItem;  // id → CIDEr-D of its candidate
};

// CIDEr-D as pycocoevalcap computes it for MS-COCO: TF-IDF n-gram vectors with document frequencies
// from this corpus's references, idf = log(#images) − log(max(1, df)), candidate weights clipped to
// the reference's, cosine per n times exp(−δ²/2σ²), mean over n, mean over references, ×10.
// Throws DataError when the id sets differ or a candidate does not have exactly one caption.
CiderResult ciderD(const CaptionSet& refs, const CaptionSet& cands, const CiderOptions& opts = {});

// Accepts {id: [captions…]}, {id: "caption"}, a COCO results list [{image_id, caption}] or a COCO
// annotation file {annotations: [{image_id, caption}]}; what names the input in error messages.
CaptionSet captionsFromJson(const nlohmann::json& j, const std::string& what);
CaptionSet loadCaptionsJson(const std::string& path);

// {"metric": "CIDEr-D", "score": s, "items": {id: s_i}}
nlohmann::json toJson(const CiderResult& r);

}  // namespace tfs
