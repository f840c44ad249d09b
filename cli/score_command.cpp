#include "score_command.hpp"

#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <variant>

#include <nlohmann/json.hpp>

#include "command_line.hpp"
#include "etalon/core/sample.hpp"
#include "etalon/metrics/metric_registry.hpp"
#include "exit_codes.hpp"

namespace etalon::cli {

namespace {

constexpr const char* kUsage =
    "usage: etalon score --metric NAME --hyp FILE --ref FILE [--ref FILE ...] [--param KEY=VALUE ...] [--sentence]";

// Errors listed in the corpus object; the count is always complete.
constexpr std::size_t kListedErrors = 20;

struct TextFile {
  std::string path;
  std::vector<std::string> lines;
};

// Lines split on "\n" only (a model output may hold U+2028 or a lone "\r"
// inside a line); a final "\n" ends the last line rather than starting one,
// and one "\r" before each "\n" is dropped, so CRLF files read like LF files.
std::optional<TextFile> ReadLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "etalon: cannot read '" << path << "'\n";
    return std::nullopt;
  }
  std::ostringstream content_stream;
  content_stream << in.rdbuf();
  const std::string content = content_stream.str();
  TextFile file{path, {}};
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string::npos) {
      end = content.size();
    }
    std::size_t line_end = end;
    if (line_end > start && content[line_end - 1] == '\r' && end < content.size()) {
      --line_end;
    }
    file.lines.push_back(content.substr(start, line_end - start));
    start = end + 1;
  }
  return file;
}

// KEY=VALUE: VALUE as JSON when it is JSON (true, 3, ["a","b"]), else as a string.
std::optional<std::pair<std::string, nlohmann::json>> ParseParameter(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    return std::nullopt;
  }
  const std::string value = text.substr(equals + 1);
  nlohmann::json parsed = nlohmann::json::parse(value, nullptr, false);
  if (parsed.is_discarded()) {
    parsed = value;
  }
  return std::make_pair(text.substr(0, equals), std::move(parsed));
}

// The sample for line `index`: its references, and the fields that label,
// retrieval and extraction metrics read, taken from the first reference
// (`label` always; `relevant_ids` when it is a JSON array; `target` when it
// is a JSON object).
core::Sample MakeSample(const std::vector<TextFile>& references, std::size_t index) {
  core::Sample sample;
  sample.id = std::to_string(index + 1);
  sample.line = index + 1;
  for (const auto& file : references) {
    sample.references.push_back(file.lines[index]);
  }
  const std::string& first = sample.references.front();
  sample.fields = {{"id", sample.id}, {"reference", first}, {"label", first}};
  const auto parsed = nlohmann::json::parse(first, nullptr, false);
  if (parsed.is_array()) {
    sample.fields["relevant_ids"] = parsed;
  } else if (parsed.is_object()) {
    sample.fields["target"] = parsed;
  }
  return sample;
}

using Json = nlohmann::ordered_json;  // keys in the order written

// A number for JSON: NaN and infinities have no JSON form.
Json Number(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }

struct Totals {
  std::vector<double> summed;
  double value_sum = 0;
  std::size_t scored = 0;
};

}  // namespace

int RunScoreCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon score options");
  // --metric: a name from `etalon list metrics` (bleu, chrf, ter, wer, rouge...)
  // --param: KEY=VALUE, repeatable (tokenize=intl, tokenizer=rouge_score, labels=["a","b"])
  options.add_options()("help,h", "show this help")(
      "metric", po::value<std::string>()->required(), "metric name, as in suites (see `etalon list metrics`)")(
      "hyp", po::value<std::string>()->required(), "file of outputs, one a line")(
      "ref", po::value<std::vector<std::string>>()->required()->composing(),
      "file of references, line i for output i; repeat for several references")(
      "param", po::value<std::vector<std::string>>()->composing(), "metric parameter KEY=VALUE, repeatable")(
      "sentence", po::bool_switch(), "print one JSON object a line per segment instead of the corpus figure");
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, po::positional_options_description(), args, help_shown);
  if (help_shown) {
    return kExitSuccess;
  }
  if (!values) {
    return kExitInputError;
  }

  metrics::MetricSpec spec;
  spec.name = (*values)["metric"].as<std::string>();
  if (values->count("param") > 0) {
    for (const auto& text : (*values)["param"].as<std::vector<std::string>>()) {
      const auto parameter = ParseParameter(text);
      if (!parameter) {
        std::cerr << "etalon: --param '" << text << "' is not KEY=VALUE\n";
        return kExitInputError;
      }
      spec.parameters[parameter->first] = parameter->second;
    }
  }
  auto made = metrics::MakeMetrics(spec);
  if (const auto* message = std::get_if<std::string>(&made)) {
    std::cerr << "etalon: metric '" << spec.name << "': " << *message << "\n";
    return kExitInputError;
  }
  const auto& metrics = std::get<std::vector<std::unique_ptr<metrics::Metric>>>(made);

  const auto hypotheses = ReadLines((*values)["hyp"].as<std::string>());
  if (!hypotheses) {
    return kExitInputError;
  }
  std::vector<TextFile> references;
  for (const auto& path : (*values)["ref"].as<std::vector<std::string>>()) {
    auto file = ReadLines(path);
    if (!file) {
      return kExitInputError;
    }
    if (file->lines.size() != hypotheses->lines.size()) {
      std::cerr << "etalon: '" << hypotheses->path << "' has " << hypotheses->lines.size() << " lines but '"
                << file->path << "' has " << file->lines.size() << " lines; line i of each reference file is a "
                << "reference of line i of the outputs\n";
      return kExitInputError;
    }
    references.push_back(std::move(*file));
  }

  const bool sentence = (*values)["sentence"].as<bool>();
  std::vector<Totals> totals(metrics.size());
  Json errors = Json::array();
  std::size_t error_count = 0;
  for (std::size_t i = 0; i < hypotheses->lines.size(); ++i) {
    const core::Sample sample = MakeSample(references, i);
    Json line_scores = Json::object();
    std::optional<std::string> line_error;
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      const metrics::SampleScore score = metrics[m]->Score(hypotheses->lines[i], sample);
      if (score.error) {
        line_error = *score.error;
        continue;
      }
      line_scores[metrics[m]->Info().name] = Number(score.value);
      Totals& total = totals[m];
      ++total.scored;
      total.value_sum += score.value;
      if (total.summed.size() < score.statistics.size()) {
        total.summed.resize(score.statistics.size(), 0.0);
      }
      for (std::size_t k = 0; k < score.statistics.size(); ++k) {
        total.summed[k] += score.statistics[k];
      }
    }
    if (line_error) {
      ++error_count;
      if (errors.size() < kListedErrors) {
        errors.push_back({{"line", i + 1}, {"error", *line_error}});
      }
    }
    if (sentence) {
      Json object = {{"line", i + 1}, {"scores", line_scores}};
      if (line_error) {
        object["error"] = *line_error;
      }
      std::cout << object.dump() << "\n";
    }
  }
  if (sentence) {
    std::cout.flush();
    return kExitSuccess;
  }

  Json scores = Json::object();
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    const auto& info = metrics[m]->Info();
    const Totals& total = totals[m];
    if (total.scored == 0) {
      scores[info.name] = nullptr;
    } else if (info.aggregation == metrics::Aggregation::kCorpus) {
      scores[info.name] = Number(metrics[m]->CorpusScore(total.summed));
    } else {
      scores[info.name] = Number(total.value_sum / static_cast<double>(total.scored));
    }
  }
  Json reference_paths = Json::array();
  for (const auto& file : references) {
    reference_paths.push_back(file.path);
  }
  const Json result = {{"metric", spec.name},
                                 {"parameters", spec.parameters},
                                 {"hyp", hypotheses->path},
                                 {"refs", reference_paths},
                                 {"lines", hypotheses->lines.size()},
                                 {"errors", error_count},
                                 {"first_errors", errors},
                                 {"scores", scores}};
  std::cout << result.dump() << std::endl;
  return kExitSuccess;
}

}  // namespace etalon::cli
