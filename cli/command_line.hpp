// Shared argument handling for subcommands: Boost.Program_options with an
// environment twin for every option (ETALON_<NAME>, dashes as underscores).
// Precedence: command line, then environment, then the default.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace etalon::cli {

namespace po = boost::program_options;

// Parses `args` (the words after the subcommand). Prints usage errors and
// returns std::nullopt; prints help and sets `help_shown` on --help.
std::optional<po::variables_map> ParseArguments(const std::string& usage, const po::options_description& options,
                                                const po::positional_options_description& positional,
                                                const std::vector<std::string>& args, bool& help_shown);

// "a,b,c" -> {"a", "b", "c"}; empty parts dropped.
std::vector<std::string> SplitList(const std::string& text);

// Where plans/, suites/ and datasets/ are when a path is not given:
// $ETALON_HOME, else the source tree etalon was built from.
std::string DataRoot();

}  // namespace etalon::cli
