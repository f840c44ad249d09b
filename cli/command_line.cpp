#include "command_line.hpp"

#include <cstdlib>
#include <iostream>

#include "etalon/version.hpp"

namespace etalon::cli {

std::optional<po::variables_map> ParseArguments(const std::string& usage, const po::options_description& options,
                                                const po::positional_options_description& positional,
                                                const std::vector<std::string>& args, bool& help_shown) {
  help_shown = false;
  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
    if (values.count("help") > 0) {
      std::cout << usage << "\n\n" << options << "\nEvery option can also be set as ETALON_<NAME> "
                << "(for example ETALON_CONCURRENCY=4); the command line wins over the environment.\n";
      help_shown = true;
      return std::nullopt;
    }
    po::store(po::parse_environment(options,
                                    [&options](const std::string& variable) -> std::string {
                                      static const std::string kPrefix = "ETALON_";
                                      if (variable.rfind(kPrefix, 0) != 0) {
                                        return "";
                                      }
                                      std::string name;
                                      for (const char c : variable.substr(kPrefix.size())) {
                                        name.push_back(c == '_' ? '-' : static_cast<char>(std::tolower(c)));
                                      }
                                      // Only options of this subcommand have twins; PLAN-like positionals do not.
                                      const auto* option = options.find_nothrow(name, false);
                                      return option != nullptr && name != "help" ? name : "";
                                    }),
              values);
    po::notify(values);
  } catch (const po::error& error) {
    std::cerr << "etalon: " << error.what() << "\n" << usage << "\n(see --help)\n";
    return std::nullopt;
  }
  return values;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> parts;
  std::string current;
  for (const char c : text + ",") {
    if (c == ',') {
      if (!current.empty()) {
        parts.push_back(current);
      }
      current.clear();
    } else if (c != ' ') {
      current.push_back(c);
    }
  }
  return parts;
}

std::string DataRoot() {
  if (const char* home = std::getenv("ETALON_HOME"); home != nullptr && *home != '\0') {
    return home;
  }
  return kDefaultDataRoot;
}

}  // namespace etalon::cli
