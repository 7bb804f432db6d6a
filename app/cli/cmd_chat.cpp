#include <filesystem>
#include <iostream>
#include <memory>

#include "app/cli/command.h"
#include "app/cli/generation_cli.h"
#include "core/base/error.h"
#include "core/generate/image_output.h"

namespace {

namespace fs = std::filesystem;

struct ChatArgs {
  tfs::cli::GenArgs g;
  std::string out = "chat", load;
};

const char* kChatHelp =
    "Type a message and press Enter. Commands:\n"
    "  /image PATH   attach an image to your next message\n"
    "  /draw [TEXT]  send TEXT (optional) and make the model answer with an image\n"
    "  /save DIR     save the conversation (conversation.json + images)\n"
    "  /reset        start over\n"
    "  /help, /quit\n";

int runChat(const ChatArgs& a) {
  auto bundle = tfs::cli::loadBundle(a.g);
  tfs::Generator gen(bundle);
  auto opts = tfs::cli::generateOptions(a.g);
  tfs::Conversation conv;
  if (!a.load.empty()) conv = tfs::Conversation::load(a.load);
  fs::create_directories(a.out);
  int64_t imageCount = 0, turn = 0;
  std::cout << "chatting with " << bundle->modelName() << " (" << bundle->runDir()
            << "); images go to " << a.out << "/\n"
            << kChatHelp;
  std::string line;
  while (true) {
    std::cout << "you> " << std::flush;
    if (!std::getline(std::cin, line)) break;
    bool forceImage = false;
    if (line.rfind("/quit", 0) == 0 || line.rfind("/exit", 0) == 0) break;
    if (line.rfind("/help", 0) == 0) {
      std::cout << kChatHelp;
      continue;
    }
    if (line.rfind("/reset", 0) == 0) {
      conv = {};
      std::cout << "(new conversation)\n";
      continue;
    }
    if (line.rfind("/save ", 0) == 0) {
      try {
        conv.save(line.substr(6));
        std::cout << "(saved to " << line.substr(6) << ")\n";
      } catch (const tfs::Error& e) {
        std::cout << "error: " << e.what() << "\n";
      }
      continue;
    }
    if (line.rfind("/image ", 0) == 0) {
      try {
        conv.addImage(tfs::Role::User, bundle->loadImageFile(line.substr(7)));
        std::cout << "(image attached)\n";
      } catch (const tfs::Error& e) {
        std::cout << "error: " << e.what() << "\n";
      }
      continue;
    }
    if (line.rfind("/draw", 0) == 0) {
      forceImage = true;
      line = line.size() > 6 ? line.substr(6) : "";
    }
    if (!line.empty()) conv.addText(tfs::Role::User, line);
    if (conv.empty()) continue;
    tfs::CancelToken cancel;
    tfs::cli::CancelOnInterrupt interrupt(cancel);
    tfs::cli::CliGenerationObserver obs(true);
    std::cout << "model> " << std::flush;
    tfs::GenerateOptions o = opts;
    o.seed = opts.seed + uint64_t(turn++);
    try {
      auto r = gen.reply(conv, o, forceImage, a.g.quiet ? nullptr : &obs, &cancel);
      if (a.g.quiet) std::cout << r.text;
      for (const auto& part : r.reply.parts) conv.add(tfs::Role::Model, part);
      for (const auto& img : r.images) {
        const auto path =
            (fs::path(a.out) / ("image-" + std::to_string(++imageCount) + ".png")).string();
        tfs::saveImageWithParams(img.image, tfs::imageParams(*bundle, line, o, img.seed, "chat"),
                                 path);
        std::cout << " [image: " << path << "]";
      }
      std::cout << "\n";
      if (!r.notice.empty()) std::cout << "(note: " << r.notice << ")\n";
      for (const auto& w : r.warnings) std::cout << "(warning: " << w << ")\n";
    } catch (const tfs::Error& e) {
      std::cout << "\nerror: " << e.what() << "\n";
    }
  }
  std::cout << "\n";
  return 0;
}

tfs::cli::Run setupChat(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto a = std::make_shared<ChatArgs>();
  auto* c =
      app.add_subcommand("chat", "Interactive interleaved text+image conversation in the terminal");
  c->add_option("--out,-o", a->out, "Folder for the images of the conversation")
      ->capture_default_str();
  c->add_option("--load", a->load, "Continue a saved conversation (folder or conversation.json)");
  tfs::cli::addModelOptions(c, a->g);
  tfs::cli::addImageOptions(c, a->g);
  tfs::cli::addTextOptions(c, a->g);
  c->footer(kChatHelp);
  return [a] { return runChat(*a); };
}

const bool registeredChat = tfs::cli::registerCommand("chat", 53, setupChat);

}  // namespace
