#include "verify_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>

#include "command_line.hpp"
#include "etalon/reports/site_manifest.hpp"
#include "exit_codes.hpp"

namespace etalon::cli {

namespace {

constexpr const char* kUsage =
    "usage: etalon verify DIR\n"
    "Checks every file of a published site against its manifest.json.";

const char* FindingText(reports::ManifestFinding::Kind kind) {
  switch (kind) {
    case reports::ManifestFinding::Kind::kAltered: return "altered: ";
    case reports::ManifestFinding::Kind::kMissing: return "missing: ";
    case reports::ManifestFinding::Kind::kUnlisted: return "unlisted:";
  }
  return "";
}

}  // namespace

int RunVerifyCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon verify options");
  options.add_options()
      ("help,h", "show this help")
      ("site", po::value<std::string>()->required(), "the published site (holds manifest.json)");
  po::positional_options_description positional;
  positional.add("site", 1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  const std::filesystem::path site = (*values)["site"].as<std::string>();
  const auto manifest_path = (site / reports::kManifestFileName).string();
  std::ifstream in(manifest_path, std::ios::binary);
  if (!in) {
    std::cerr << "error: " << manifest_path << ": cannot read (is this a site written by etalon publish?)\n";
    return kExitInputError;
  }
  try {
    const auto manifest = reports::ParseManifest(
        std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), manifest_path);
    const auto findings = reports::CheckManifest(site, manifest);
    for (const auto& finding : findings) std::cout << FindingText(finding.kind) << " " << finding.path << "\n";
    if (!findings.empty()) {
      std::cerr << "etalon: " << findings.size() << " difference(s) from " << manifest_path << "\n";
      return kExitRegression;
    }
    std::cout << "verified: " << manifest.files.size() << " files match " << manifest_path << "\n";
  } catch (const std::runtime_error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }
  return kExitSuccess;
}

}  // namespace etalon::cli
