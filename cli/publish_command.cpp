#include "publish_command.hpp"

#include <iostream>
#include <stdexcept>

#include "command_line.hpp"
#include "etalon/reports/site_publisher.hpp"
#include "exit_codes.hpp"

namespace etalon::cli {

namespace {

constexpr const char* kUsage =
    "usage: etalon publish RUN_DIR... --site DIR [--lang fr|en]\n"
    "Builds a static site: a leaderboard across the runs, one page per run with its evidence, manifest.json.";

}  // namespace

int RunPublishCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon publish options");
  options.add_options()
      ("help,h", "show this help")
      ("run-dir", po::value<std::vector<std::string>>()->required(), "finished run folders (each holds summary.json)")
      ("site", po::value<std::string>()->required(), "folder the site is written into")
      ("lang", po::value<std::string>()->default_value("fr"), "language of the text people read: fr or en");
  po::positional_options_description positional;
  positional.add("run-dir", -1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  const auto language_name = (*values)["lang"].as<std::string>();
  if (language_name != "fr" && language_name != "en") {
    std::cerr << "etalon: --lang must be fr or en, got '" << language_name << "'\n";
    return kExitInputError;
  }
  const auto site = (*values)["site"].as<std::string>();
  try {
    reports::PublishSite((*values)["run-dir"].as<std::vector<std::string>>(), site,
                         language_name == "fr" ? reports::Language::kFrench : reports::Language::kEnglish);
  } catch (const std::invalid_argument& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInternalError;
  }
  std::cout << "site:    " << site << "/index.html\n";
  return kExitSuccess;
}

}  // namespace etalon::cli
