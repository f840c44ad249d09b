#include "report_language.hpp"

#include <iostream>
#include <string>

namespace etalon::cli {

std::optional<reports::Language> ReadLanguage(const boost::program_options::variables_map& values) {
  const auto name = values["lang"].as<std::string>();
  if (name == "fr") {
    return reports::Language::kFrench;
  }
  if (name == "en") {
    return reports::Language::kEnglish;
  }
  std::cerr << "etalon: --lang must be fr or en, got '" << name << "'\n";
  return std::nullopt;
}

}  // namespace etalon::cli
