#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace tfs {

// The generation parameters every saved image carries, in the A1111 "parameters" text style:
//   <prompt, may span lines>
//   Negative prompt: <unconditional prompt>
//   Steps: 20, Sampler: dpmpp-2m, CFG scale: 3, Seed: 42, Size: 64x64, Model: tiny, Run: runs/x
struct ImageParams {
  std::string prompt;          // caption (generate) or instruction (edit)
  std::string negativePrompt;  // CFG's unconditional prompt; empty = caption dropped
  int64_t steps = 20;
  std::string sampler = "dpmpp-2m";
  double cfgScale = 3.0;
  uint64_t seed = 0;
  int64_t width = 0, height = 0;
  std::string model;                         // model config name
  std::string run;                           // run directory
  std::string mode = "generate";             // generate | edit | chat
  std::string input;                         // edit: the input image's path
  std::map<std::string, std::string> extra;  // other keys, kept for the round trip
};

// PNG tEXt keyword the parameters live under.
constexpr const char* kPngParamsKey = "parameters";

std::string formatParameters(const ImageParams& p);
// Throws DataError naming what is missing when the text has no "Steps: …" line or a bad value.
ImageParams parseParameters(const std::string& text);

// Reads the parameters chunk of a PNG file; DataError when there is none.
ImageParams readPngParameters(const std::string& path);

}  // namespace tfs
