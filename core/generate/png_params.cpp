#include "core/generate/png_params.h"

#include <cstdlib>
#include <sstream>
#include <vector>

#include "core/base/error.h"
#include "core/data/image_io.h"

namespace tfs {
namespace {

// Values holding a separator are written as JSON-style quoted strings, as A1111 does.
std::string quoteIfNeeded(const std::string& v) {
  if (v.find_first_of(",:\"\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string formatNumber(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<std::pair<std::string, std::string>> parseKeyValues(const std::string& line) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == ',')) ++i;
    if (i >= line.size()) break;
    size_t colon = line.find(':', i);
    if (colon == std::string::npos)
      throw DataError("PNG parameters: expected 'Key: value' in '" + line.substr(i) + "'");
    std::string key = trim(line.substr(i, colon - i));
    i = colon + 1;
    while (i < line.size() && line[i] == ' ') ++i;
    std::string value;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (i < line.size() && line[i] != '"') {
        if (line[i] == '\\' && i + 1 < line.size()) {
          ++i;
          value += line[i] == 'n' ? '\n' : line[i];
        } else {
          value += line[i];
        }
        ++i;
      }
      ++i;
    } else {
      size_t comma = line.find(',', i);
      value = trim(line.substr(i, comma == std::string::npos ? std::string::npos : comma - i));
      i = comma == std::string::npos ? line.size() : comma;
    }
    out.emplace_back(key, value);
  }
  return out;
}

int64_t toInt(const std::string& key, const std::string& v) {
  char* end = nullptr;
  long long x = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0')
    throw DataError("PNG parameters: " + key + " is not a number: '" + v + "'");
  return x;
}

}  // namespace

std::string formatParameters(const ImageParams& p) {
  std::string out = p.prompt + "\n";
  if (!p.negativePrompt.empty()) out += "Negative prompt: " + p.negativePrompt + "\n";
  std::vector<std::pair<std::string, std::string>> kv = {
      {"Steps", std::to_string(p.steps)},
      {"Sampler", p.sampler},
      {"CFG scale", formatNumber(p.cfgScale)},
      {"Seed", std::to_string(p.seed)},
      {"Size", std::to_string(p.width) + "x" + std::to_string(p.height)},
      {"Model", p.model},
      {"Run", p.run},
      {"Mode", p.mode}};
  if (!p.input.empty()) kv.emplace_back("Input", p.input);
  for (const auto& [k, v] : p.extra) kv.emplace_back(k, v);
  for (size_t i = 0; i < kv.size(); ++i) {
    out += (i ? ", " : "") + kv[i].first + ": " + quoteIfNeeded(kv[i].second);
  }
  return out;
}

ImageParams parseParameters(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);) lines.push_back(l);
  int last = -1;
  for (int i = static_cast<int>(lines.size()) - 1; i >= 0; --i) {
    if (lines[static_cast<size_t>(i)].rfind("Steps: ", 0) == 0) {
      last = i;
      break;
    }
  }
  if (last < 0) {
    throw DataError(
        "PNG parameters have no 'Steps: ...' line: not written by a Stable-Diffusion-"
        "style tool; pass the prompt and settings on the command line instead");
  }
  ImageParams p;
  p.steps = 0;
  std::string prompt;
  int i = 0;
  for (; i < last; ++i) {
    const auto& l = lines[static_cast<size_t>(i)];
    if (l.rfind("Negative prompt: ", 0) == 0) break;
    prompt += (i ? "\n" : "") + l;
  }
  p.prompt = prompt;
  std::string negative;
  for (bool first = true; i < last; ++i, first = false) {
    const auto& l = lines[static_cast<size_t>(i)];
    negative += first ? l.substr(17) : "\n" + l;
  }
  p.negativePrompt = negative;
  for (const auto& [k, v] : parseKeyValues(lines[static_cast<size_t>(last)])) {
    if (k == "Steps") {
      p.steps = toInt(k, v);
    } else if (k == "Sampler") {
      p.sampler = v;
    } else if (k == "CFG scale") {
      char* end = nullptr;
      p.cfgScale = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0')
        throw DataError("PNG parameters: CFG scale is not a number: '" + v + "'");
    } else if (k == "Seed") {
      char* end = nullptr;
      p.seed = static_cast<uint64_t>(std::strtoull(v.c_str(), &end, 10));
      if (v.empty() || *end != '\0')
        throw DataError("PNG parameters: Seed is not a number: '" + v + "'");
    } else if (k == "Size") {
      auto x = v.find('x');
      if (x == std::string::npos)
        throw DataError("PNG parameters: Size must be WxH, got '" + v + "'");
      p.width = toInt(k, v.substr(0, x));
      p.height = toInt(k, v.substr(x + 1));
    } else if (k == "Model") {
      p.model = v;
    } else if (k == "Run") {
      p.run = v;
    } else if (k == "Mode") {
      p.mode = v;
    } else if (k == "Input") {
      p.input = v;
    } else {
      p.extra[k] = v;
    }
  }
  return p;
}

ImageParams readPngParameters(const std::string& path) {
  for (const auto& [key, value] : readPngTextFile(path)) {
    if (key == kPngParamsKey) return parseParameters(value);
  }
  throw DataError(path +
                      " carries no 'parameters' text chunk: it was not saved by transfusion "
                      "generate/edit; give the prompt and the settings instead",
                  "prompt");
}

}  // namespace tfs
