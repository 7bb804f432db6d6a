// safetensors reading/writing (byte-exact, every dtype, hostile files) and checked weight loading.
#include <torch/torch.h>
#include <QtTest>

#include <sys/resource.h>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/base/error.h"
#include "core/model/safetensors.h"
#include "core/model/weights_io.h"
#include "tests/support/test_support.h"

namespace {

std::string readBytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), std::streamsize(bytes.size()));
}

std::string le64(uint64_t v) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[i] = char((v >> (8 * i)) & 0xff);
  return s;
}

// A file whose header is exactly json and whose data section is data.
std::string fileWith(const std::string& json, const std::string& data) {
  return le64(json.size()) + json + data;
}

struct Net : torch::nn::Module {
  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
  torch::nn::BatchNorm1d bn{nullptr};
  explicit Net(int64_t hidden = 8) {
    fc1 = register_module("fc1", torch::nn::Linear(4, hidden));
    bn = register_module("bn", torch::nn::BatchNorm1d(hidden));
    fc2 = register_module("fc2", torch::nn::Linear(hidden, 3));
  }
  torch::Tensor forward(const torch::Tensor& x) { return fc2(torch::relu(bn(fc1(x)))); }
};

}  // namespace

class TestWeights : public QObject {
  Q_OBJECT
  std::string dir_;

  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  // Asserts that reading the file throws CheckpointError whose message holds every needle.
  void expectRefused(const std::string& file, const std::vector<std::string>& needles) {
    try {
      tfs::readSafetensors(file);
      QFAIL(("accepted " + file).c_str());
    } catch (const tfs::CheckpointError& e) {
      std::string msg = e.what();
      QVERIFY2(msg.find(file) != std::string::npos, msg.c_str());
      for (const auto& n : needles) QVERIFY2(msg.find(n) != std::string::npos, msg.c_str());
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    dir_ = (tfs::test::tempRoot() + QStringLiteral("/model_weights")).toStdString();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }

  void writerIsByteExactAgainstHandBuiltFile() {
    // Keys sorted, compact JSON, header padded with spaces to a multiple of 8 (137 → 144 bytes).
    const std::string json =
        "{\"__metadata__\":{\"k\":\"vv\"},"
        "\"a\":{\"data_offsets\":[0,8],\"dtype\":\"F32\",\"shape\":[2]},"
        "\"b\":{\"data_offsets\":[8,10],\"dtype\":\"BF16\",\"shape\":[1,1]}}";
    QCOMPARE(json.size(), size_t(137));
    std::string expected = le64(144) + json + std::string(7, ' ');
    // 1.0f, -2.0f little-endian, then bf16 1.5 = 0x3fc0.
    const unsigned char data[] = {0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0, 0xc0, 0x3f};
    expected.append(reinterpret_cast<const char*>(data), sizeof(data));

    std::map<std::string, torch::Tensor> t;
    t["a"] = torch::tensor({1.0f, -2.0f});
    t["b"] = torch::full({1, 1}, 1.5, torch::kBFloat16);
    tfs::writeSafetensors(t, path("hand.safetensors"), {{"k", "vv"}});
    QCOMPARE(readBytes(path("hand.safetensors")), expected);

    writeBytes(path("hand_in.safetensors"), expected);
    std::map<std::string, std::string> meta;
    auto back = tfs::readSafetensors(path("hand_in.safetensors"), &meta);
    QCOMPARE(back.size(), size_t(2));
    QCOMPARE(meta.at("k"), std::string("vv"));
    QCOMPARE(back.at("a")[0].item<float>(), 1.0f);
    QCOMPARE(back.at("a")[1].item<float>(), -2.0f);
    QCOMPARE(back.at("b").scalar_type(), torch::kBFloat16);
    QCOMPARE(back.at("b").sizes().vec(), (std::vector<int64_t>{1, 1}));
    QCOMPARE(back.at("b").item<float>(), 1.5f);
  }

  void roundTripEveryDtype() {
    torch::manual_seed(1);
    std::map<std::string, torch::Tensor> t;
    auto r = torch::randn({3, 5});
    t["f32"] = r;
    t["f16"] = r.to(torch::kFloat16);
    t["bf16"] = r.to(torch::kBFloat16);
    t["f64"] = r.to(torch::kFloat64);
    t["i64"] = torch::randint(-1000000, 1000000, {4}, torch::kInt64) * 1000000;
    t["i32"] = torch::randint(-100000, 100000, {2, 2}, torch::kInt32);
    t["i16"] = torch::randint(-3000, 3000, {7}, torch::kInt16);
    t["i8"] = torch::randint(-128, 127, {2, 3, 1}, torch::kInt8);
    t["u8"] = torch::randint(0, 255, {9}, torch::kUInt8);
    t["bool"] = torch::rand({5}) > 0.5;
    t["scalar"] = torch::tensor(3.25);
    t["empty"] = torch::zeros({0, 4});
    t["strided"] = torch::arange(12, torch::kFloat32).reshape({3, 4}).t();  // non-contiguous
    tfs::writeSafetensors(t, path("all.safetensors"));
    auto back = tfs::readSafetensors(path("all.safetensors"));
    QCOMPARE(back.size(), t.size());
    for (const auto& [name, v] : t) {
      const auto& b = back.at(name);
      QVERIFY2(b.scalar_type() == v.scalar_type(), name.c_str());
      QVERIFY2(b.sizes() == v.sizes(), name.c_str());
      QVERIFY2(torch::equal(b, v), name.c_str());
    }
    auto header = tfs::readSafetensorsHeader(path("all.safetensors"));
    QCOMPARE(header.tensors.size(), t.size());
    QCOMPARE(header.dataOffset % 8, int64_t(0));
    // Only the final file remains: the temporary was renamed.
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir_))
      if (e.path().filename().string().find("all.safetensors") != std::string::npos) ++files;
    QCOMPARE(files, 1);
  }

  void hostileFilesAreRefused() {
    const std::string good = "{\"a\":{\"data_offsets\":[0,8],\"dtype\":\"F32\",\"shape\":[2]}}";
    const std::string data(8, '\x01');
    auto bytes = fileWith(good, data);
    writeBytes(path("good.safetensors"), bytes);
    QCOMPARE(tfs::readSafetensors(path("good.safetensors")).at("a").numel(), int64_t(2));

    writeBytes(path("trunc_data.safetensors"), bytes.substr(0, bytes.size() - 1));
    expectRefused(path("trunc_data.safetensors"), {"'a'", "run past"});
    writeBytes(path("trunc_len.safetensors"), bytes.substr(0, 5));
    expectRefused(path("trunc_len.safetensors"), {"8-byte header length"});
    writeBytes(path("empty.safetensors"), "");
    expectRefused(path("empty.safetensors"), {"0 bytes"});
    writeBytes(path("len_beyond.safetensors"), le64(1000) + good + data);
    expectRefused(path("len_beyond.safetensors"), {"header length 1000", "past the end"});
    writeBytes(path("len_huge.safetensors"), le64(~uint64_t(0)) + good + data);
    expectRefused(path("len_huge.safetensors"), {"header length"});
    writeBytes(path("overlap.safetensors"),
               fileWith("{\"a\":{\"data_offsets\":[0,8],\"dtype\":\"F32\",\"shape\":[2]},"
                        "\"b\":{\"data_offsets\":[4,12],\"dtype\":\"F32\",\"shape\":[2]}}",
                        std::string(12, '\0')));
    expectRefused(path("overlap.safetensors"), {"'a'", "'b'", "overlapping"});
    writeBytes(path("dtype.safetensors"),
               fileWith("{\"a\":{\"data_offsets\":[0,8],\"dtype\":\"F7\",\"shape\":[2]}}", data));
    expectRefused(path("dtype.safetensors"), {"'a'", "unknown dtype 'F7'"});
    writeBytes(path("span.safetensors"),
               fileWith("{\"a\":{\"data_offsets\":[0,8],\"dtype\":\"F32\",\"shape\":[3]}}", data));
    expectRefused(path("span.safetensors"), {"'a'", "need 12 bytes", "span 8"});
    writeBytes(path("overflow.safetensors"),
               fileWith("{\"a\":{\"data_offsets\":[0,8],\"dtype\":\"F64\",\"shape\":"
                        "[4294967296,4294967296,4294967296]}}",
                        data));
    expectRefused(path("overflow.safetensors"), {"'a'", "impossible"});
    writeBytes(path("negative.safetensors"),
               fileWith("{\"a\":{\"data_offsets\":[-8,0],\"dtype\":\"F32\",\"shape\":[2]}}", data));
    expectRefused(path("negative.safetensors"), {"'a'", "non-negative"});
    writeBytes(path("backwards.safetensors"),
               fileWith("{\"a\":{\"data_offsets\":[8,0],\"dtype\":\"F32\",\"shape\":[2]}}", data));
    expectRefused(path("backwards.safetensors"), {"'a'", "before begin"});
    writeBytes(path("notjson.safetensors"), fileWith("{\"a\":{\"dtype\":", data));
    expectRefused(path("notjson.safetensors"), {"not valid JSON"});
    writeBytes(path("array.safetensors"), fileWith("[1, 2]", data));
    expectRefused(path("array.safetensors"), {"not a JSON object"});
    writeBytes(path("meta.safetensors"), fileWith("{\"__metadata__\":{\"k\":5}}", ""));
    expectRefused(path("meta.safetensors"), {"'k'", "not a string"});
    writeBytes(path("bool.safetensors"),
               fileWith("{\"a\":{\"data_offsets\":[0,2],\"dtype\":\"BOOL\",\"shape\":[2]}}",
                        std::string("\x01\x02", 2)));
    expectRefused(path("bool.safetensors"), {"'a'", "BOOL"});
    writeBytes(path("missing_field.safetensors"),
               fileWith("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", data));
    expectRefused(path("missing_field.safetensors"), {"'a'", "data_offsets"});

    QVERIFY_THROWS_EXCEPTION(tfs::IoError, tfs::readSafetensors(path("does_not_exist")));
  }

  void randomCorruptionNeverCrashes() {
    std::map<std::string, torch::Tensor> t;
    t["x.weight"] = torch::randn({4, 4});
    t["y"] = torch::arange(6, torch::kInt64);
    tfs::writeSafetensors(t, path("fuzz_src.safetensors"), {{"config", "{}"}});
    const std::string src = readBytes(path("fuzz_src.safetensors"));
    std::mt19937 rng(7);
    int refused = 0;
    for (int i = 0; i < 400; ++i) {
      std::string b = src;
      int edits = 1 + int(rng() % 4);
      for (int k = 0; k < edits; ++k) {
        // Corrupt mostly the header (where structure lives), sometimes truncate.
        size_t pos = rng() % std::min<size_t>(b.size(), 8 + 140);
        if (rng() % 8 == 0)
          b.resize(rng() % b.size());
        else if (pos < b.size())
          b[pos] = char(rng() % 256);
      }
      writeBytes(path("fuzz.safetensors"), b);
      try {
        tfs::readSafetensors(path("fuzz.safetensors"));
      } catch (const tfs::CheckpointError&) {
        ++refused;
      }
    }
    QVERIFY(refused > 100);
  }

  void shortWriteIsIoErrorWithPath() {
    // RLIMIT_FSIZE makes write() fail with EFBIG part-way: the same path as a full disk.
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    rlimit small = old;
    small.rlim_cur = 4096;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    std::map<std::string, torch::Tensor> t;
    t["big"] = torch::zeros({10000});
    std::string msg;
    try {
      tfs::writeSafetensors(t, path("short.safetensors"));
    } catch (const tfs::IoError& e) {
      msg = e.what();
    }
    setrlimit(RLIMIT_FSIZE, &old);
    QVERIFY2(msg.find(path("short.safetensors")) != std::string::npos, msg.c_str());
    QVERIFY(!std::filesystem::exists(path("short.safetensors")));
    for (const auto& e : std::filesystem::directory_iterator(dir_))
      QVERIFY2(e.path().filename().string().find(".tmp-") == std::string::npos,
               "temporary file left behind");

    QVERIFY_THROWS_EXCEPTION(tfs::IoError,
                             tfs::writeSafetensors(t, dir_ + "/no/such/dir/x.safetensors"));
  }

  void saveLoadGivesIdenticalOutputs() {
    torch::manual_seed(3);
    auto a = std::make_shared<Net>();
    a->train();
    auto x = torch::randn({6, 4});
    a->forward(x);  // moves BatchNorm's running statistics away from their defaults
    a->eval();
    nlohmann::json config = {{"dModel", 8}, {"nLayers", 2}, {"name", "tiny"}};
    tfs::saveWeights(*a, path("net.safetensors"), {{"kind", "test-net"}, {"config", config}});

    torch::manual_seed(4);
    auto b = std::make_shared<Net>();
    b->eval();
    QVERIFY(!torch::allclose(a->forward(x), b->forward(x)));
    tfs::loadWeights(*b, path("net.safetensors"));
    QVERIFY(torch::equal(a->forward(x), b->forward(x)));
    QVERIFY(torch::equal(a->bn->running_mean, b->bn->running_mean));
    QCOMPARE(b->bn->num_batches_tracked.item<int64_t>(), int64_t(1));

    auto meta = tfs::readWeightsMeta(path("net.safetensors"));
    QCOMPARE(meta.at("format").get<std::string>(), std::string("transfusion-studio"));
    QCOMPARE(meta.at("format_version").get<std::string>(), std::string("1"));
    QCOMPARE(meta.at("kind").get<std::string>(), std::string("test-net"));
    QCOMPARE(meta.at("config"), config);

    // A float64 copy of the model loads the same file (cast), and saves back to it.
    auto c = std::make_shared<Net>();
    c->to(torch::kFloat64);
    tfs::loadWeights(*c, path("net.safetensors"));
    c->eval();
    QVERIFY(torch::allclose(c->forward(x.to(torch::kFloat64)).to(torch::kFloat32), a->forward(x),
                            1e-5, 1e-6));
  }

  void mismatchedCheckpointsNameTheTensor() {
    auto a = std::make_shared<Net>(8);
    tfs::saveWeights(*a, path("net8.safetensors"), {{"config", {{"dModel", 8}, {"nLayers", 2}}}});
    auto b = std::make_shared<Net>(6);
    auto before = b->fc1->weight.clone();
    auto message = [&](auto&& fn) -> std::string {
      try {
        fn();
      } catch (const tfs::CheckpointError& e) {
        return e.what();
      }
      return "";
    };
    std::string msg = message([&] { tfs::loadWeights(*b, path("net8.safetensors")); });
    QVERIFY2(msg.find("'bn.bias'") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("[8]") != std::string::npos && msg.find("[6]") != std::string::npos,
             msg.c_str());
    QVERIFY2(msg.find("dModel") != std::string::npos, msg.c_str());  // the guessed field
    QVERIFY(torch::equal(before, b->fc1->weight));  // refused before anything was copied

    msg = message([&] {
      tfs::loadWeights(*b, path("net8.safetensors"), {{"dModel", 6}, {"nLayers", 2}});
    });
    QVERIFY2(
        msg.find("the checkpoint was trained with dModel=8, this model has 6") != std::string::npos,
        msg.c_str());

    // Missing and unexpected tensors.
    std::map<std::string, torch::Tensor> partial;
    for (const auto& p : a->named_parameters()) partial[p.key()] = p.value();
    for (const auto& p : a->named_buffers()) partial[p.key()] = p.value();
    partial.erase("fc2.bias");
    tfs::writeSafetensors(partial, path("missing.safetensors"));
    msg = message([&] { tfs::loadWeights(*a, path("missing.safetensors")); });
    QVERIFY2(msg.find("lacks tensor 'fc2.bias'") != std::string::npos, msg.c_str());
    partial["fc2.bias"] = a->fc2->bias;
    partial["extra.weight"] = torch::zeros({2});
    tfs::writeSafetensors(partial, path("extra.safetensors"));
    msg = message([&] { tfs::loadWeights(*a, path("extra.safetensors")); });
    QVERIFY2(msg.find("unexpected tensor 'extra.weight'") != std::string::npos, msg.c_str());

    // A float where an integer buffer lives cannot be cast.
    partial.erase("extra.weight");
    partial["bn.num_batches_tracked"] = torch::tensor(1.5);
    tfs::writeSafetensors(partial, path("dtype.safetensors"));
    msg = message([&] { tfs::loadWeights(*a, path("dtype.safetensors")); });
    QVERIFY2(msg.find("'bn.num_batches_tracked'") != std::string::npos &&
                 msg.find("cast") != std::string::npos,
             msg.c_str());
  }
};

QTEST_GUILESS_MAIN(TestWeights)
#include "test_model_weights.moc"
