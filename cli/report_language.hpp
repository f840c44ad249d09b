// The --lang option every command that writes for people shares.
#pragma once

#include <optional>

#include <boost/program_options.hpp>

#include "etalon/reports/reporter.hpp"

namespace etalon::cli {

// French for "fr", English for "en"; otherwise prints why and returns std::nullopt.
std::optional<reports::Language> ReadLanguage(const boost::program_options::variables_map& values);

}  // namespace etalon::cli
