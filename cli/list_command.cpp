#include "list_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/adapters/adapter_registry.hpp"
#include "etalon/audit/language_identifier.hpp"
#include "plan_setup.hpp"
#include "etalon/metrics/metric_registry.hpp"
#include "etalon/reports/reporter.hpp"
#include "etalon/run/prepared_suite.hpp"
#include "exit_codes.hpp"

namespace etalon::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage = "usage: etalon list suites|adapters|metrics|reporters|models|languages [--suites-dir DIR]";

int ListSuites(const std::string& suites_dir) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(suites_dir, error)) {
    if (entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  if (error) {
    std::cerr << fmt::format("etalon: cannot read suites folder {}: {}\n", suites_dir, error.message());
    return kExitInputError;
  }
  std::sort(files.begin(), files.end());
  std::cout << fmt::format("{:<28} {:<11} {:>8}  {}\n", "SUITE", "TASK", "SAMPLES", "METRICS");
  int status = kExitSuccess;
  for (const auto& file : files) {
    core::Diagnostics diagnostics;
    const auto prepared = run::PrepareSuite(file.string(), diagnostics);
    if (!prepared) {
      std::cout << fmt::format("{:<28} invalid: {} problem(s), see `etalon validate {}`\n", file.stem().string(),
                               diagnostics.size(), file.string());
      status = kExitInputError;
      continue;
    }
    std::string metrics;
    for (const auto& metric : prepared->metrics) {
      metrics += (metrics.empty() ? "" : ", ") + metric->Info().name;
    }
    std::cout << fmt::format("{:<28} {:<11} {:>8}  {}\n", prepared->suite.id, prepared->suite.task,
                             prepared->dataset.samples, metrics);
  }
  return status;
}

std::string Figure(const std::optional<meters::Bounds>& bounds) {
  if (!bounds) {
    return "n/p";  // not published
  }
  return bounds->low == bounds->high ? fmt::format("{:g}", bounds->low)
                                     : fmt::format("{:g}-{:g}", bounds->low, bounds->high);
}

std::string Flag(const std::optional<bool>& value) { return value ? (*value ? "yes" : "no") : "n/p"; }

// One line a model; "n/p" marks a fact not published (null in the catalog).
int ListModels() {
  core::Diagnostics diagnostics;
  const auto catalog = LoadShippedCatalog(diagnostics);
  if (!catalog) {
    for (const auto& diagnostic : diagnostics) {
      std::cerr << "error: " << diagnostic.ToString() << "\n";
    }
    return kExitInputError;
  }
  std::cout << fmt::format("{:<46} {:<12} {:>9} {:>9} {:>5} {:>12} {:>12} {:<8} {:<6} {:<10} {}\n", "model",
                           "provider", "in EUR/M", "out EUR/M", "from", "params B", "active B", "open", "EU",
                           "SecNumCl.", "licence");
  for (const auto& model : catalog->models()) {
    const auto price = [&](double per_million) {
      return model.price ? fmt::format("{:.3f}", per_million * model.price->eur_per_unit) : std::string("n/p");
    };
    std::cout << fmt::format("{:<46} {:<12} {:>9} {:>9} {:>5} {:>12} {:>12} {:<8} {:<6} {:<10} {}\n", model.id,
                             model.provider, price(model.price ? model.price->input_per_million : 0),
                             price(model.price ? model.price->output_per_million : 0),
                             model.price ? model.price->currency : "", Figure(model.total_params_b),
                             Figure(model.active_params_b), Flag(model.open_weights), Flag(model.hosting.eu_hosting),
                             Flag(model.hosting.secnumcloud), model.licence.empty() ? "n/p" : model.licence);
  }
  std::cout << "n/p: not published (null in the catalog). Prices converted to EUR at the catalog's stated rates; "
               "sources in adapters/catalog/models.yaml and docs/catalog.md.\n";
  return kExitSuccess;
}

// The languages `langue_conforme` tells apart and the identifier's accuracy
// on the shipped sentences held out of its training.
int ListLanguages() {
  const auto& identifier = audit::LanguageIdentifier::Shipped();
  const std::size_t held_out = identifier.held_out().size();
  std::string codes;
  for (const auto& code : identifier.languages()) {
    codes += (codes.empty() ? "" : ", ") + code;
  }
  std::cout << fmt::format("languages: {}\nheld-out accuracy: {:.4f} on {} sentences never seen in training\n", codes,
                           identifier.HeldOutAccuracy(), held_out);
  return kExitSuccess;
}

}  // namespace

int RunListCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon list options");
  options.add_options()
      ("help,h", "show this help")
      ("what", po::value<std::string>(), "suites, adapters, metrics, reporters, models or languages")
      ("suites-dir", po::value<std::string>(), "where suite files are (default: suites/ of the data root)");
  po::positional_options_description positional;
  positional.add("what", 1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  const auto what = values->count("what") > 0 ? (*values)["what"].as<std::string>() : "";
  if (what == "suites") {
    const auto dir = values->count("suites-dir") > 0 ? (*values)["suites-dir"].as<std::string>()
                                                    : (fs::path(DataRoot()) / "suites").string();
    return ListSuites(dir);
  }
  if (what == "adapters") {
    for (const auto& kind : adapters::ListAdapterKinds()) {
      std::cout << fmt::format("{:<22} {}\n{:<22} options: {}\n", kind.kind, kind.description, "", kind.options);
    }
    return kExitSuccess;
  }
  if (what == "metrics") {
    for (const auto& metric : metrics::ListMetrics()) {
      std::cout << fmt::format("{:<16} {}\n", metric.name, metric.description);
      if (!metric.parameters.empty()) {
        std::cout << fmt::format("{:<16} parameters: {}\n", "", metric.parameters);
      }
    }
    return kExitSuccess;
  }
  if (what == "models") {
    return ListModels();
  }
  if (what == "languages") {
    return ListLanguages();
  }
  if (what == "reporters") {
    for (const auto& reporter : reports::AllReporters()) {
      std::cout << fmt::format("{:<8} {}\n", reporter->Format(), reporter->Description());
    }
    return kExitSuccess;
  }
  std::cerr << "etalon: list what? " << (what.empty() ? "" : "'" + what + "' is not a list; ") << kUsage << "\n";
  return kExitInputError;
}

}  // namespace etalon::cli
