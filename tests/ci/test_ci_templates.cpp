// The CI templates users copy (ci/templates/, ci/k8s/) must be valid YAML and
// call the real command line: every `etalon ...` command a template runs is
// run here, with the template's own variables pointed at a small builtin
// plan, a baseline run and a policy, and must succeed.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "support/mini_project.hpp"
#include "support/process.hpp"

using etalon::testing::MiniProject;
using etalon::testing::RunEtalon;

namespace {

const std::string kCiDir = std::string(ETALON_SOURCE_DIR) + "/ci/";

// Every line of every string in the document that starts with "etalon ".
void CollectEtalonCommands(const YAML::Node& node, std::vector<std::string>& commands) {
  if (node.IsScalar()) {
    std::istringstream lines(node.Scalar());
    std::string line;
    while (std::getline(lines, line)) {
      const auto start = line.find_first_not_of(" \t");
      if (start != std::string::npos && line.compare(start, 7, "etalon ") == 0) {
        commands.push_back(line.substr(start));
      }
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) CollectEtalonCommands(item, commands);
  } else if (node.IsMap()) {
    for (const auto& item : node) CollectEtalonCommands(item.second, commands);
  }
}

// $NAME and ${NAME} replaced from `variables`; words split on blanks outside double quotes.
std::vector<std::string> ExpandCommand(const std::string& command, const std::map<std::string, std::string>& variables) {
  static const std::regex kVariable(R"(\$\{?([A-Z_][A-Z0-9_]*)\}?)");
  std::string expanded;
  auto begin = std::sregex_iterator(command.begin(), command.end(), kVariable);
  std::size_t copied = 0;
  for (auto match = begin; match != std::sregex_iterator(); ++match) {
    expanded += command.substr(copied, static_cast<std::size_t>(match->position()) - copied);
    const auto name = (*match)[1].str();
    INFO("variable " << name << " in: " << command);
    REQUIRE(variables.count(name) > 0);
    expanded += variables.at(name);
    copied = static_cast<std::size_t>(match->position() + match->length());
  }
  expanded += command.substr(copied);
  std::vector<std::string> words;
  std::string word;
  bool quoted = false;
  bool in_word = false;
  for (const char c : expanded) {
    if (c == '"') {
      quoted = !quoted;
      in_word = true;
    } else if ((c == ' ' || c == '\t') && !quoted) {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word.push_back(c);
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

void RunTemplateCommands(const std::string& file, const std::string& variables_key) {
  MiniProject project(6);
  const auto baseline = project.Out("baseline");
  REQUIRE(RunEtalon({"run", project.plan, "--out", baseline, "--quiet"}).exit_code == 0);
  const auto policy = project.dir.Write("policy.yaml", "policies:\n  - suite: s\n    metric: token_f1\n    min: 0.5\n"
                                                       "    max_drop: 0.1\n  - suite: s\n    max_error_rate: 0\n");

  const auto document = YAML::LoadFile(kCiDir + file);
  std::map<std::string, std::string> variables;
  for (const auto& item : document[variables_key]) {
    variables[item.first.Scalar()] = item.second.Scalar();
  }
  REQUIRE(variables.count("ETALON_PLAN") == 1);
  variables["ETALON_PLAN"] = project.plan;
  variables["ETALON_BASELINE"] = baseline;
  variables["ETALON_POLICY"] = policy;
  variables["ETALON_OUT"] = project.Out("ci");

  std::vector<std::string> commands;
  CollectEtalonCommands(document, commands);
  std::vector<std::string> subcommands;
  for (const auto& command : commands) {
    auto words = ExpandCommand(command, variables);
    words.erase(words.begin());  // "etalon": the binary built with these tests runs instead
    subcommands.push_back(words.front());
    const auto result = RunEtalon(words);
    INFO(file << ": " << command << "\n" << result.err);
    CHECK(result.exit_code == 0);
  }
  CHECK(subcommands == std::vector<std::string>{"validate", "run", "gate"});
  CHECK_THAT(etalon::testing::ReadFile(project.Out("ci") + "/gate.xml"), Catch::Contains("failures=\"0\""));
}

}  // namespace

TEST_CASE("The GitLab CI template runs the real etalon commands", "[ci][templates]") {
  RunTemplateCommands("templates/gitlab-ci.yml", "variables");
}

TEST_CASE("The GitHub Actions template runs the real etalon commands", "[ci][templates]") {
  RunTemplateCommands("templates/github-actions.yml", "env");
}

TEST_CASE("The Kubernetes manifest is an Indexed Job of shards and a merge Job", "[ci][templates]") {
  const auto documents = YAML::LoadAllFromFile(kCiDir + "k8s/etalon-shards.yaml");
  REQUIRE(documents.size() == 2);
  const auto& shards = documents[0];
  CHECK(shards["kind"].Scalar() == "Job");
  CHECK(shards["spec"]["completionMode"].Scalar() == "Indexed");
  const auto count = shards["spec"]["completions"].Scalar();
  CHECK(shards["spec"]["template"]["spec"]["containers"][0]["env"][0]["value"].Scalar() == count);
  CHECK_THAT(shards["spec"]["template"]["spec"]["containers"][0]["args"][0].Scalar(),
             Catch::Contains("etalon run \"$PLAN\" --shard \"$((JOB_COMPLETION_INDEX + 1))/$SHARD_COUNT\""));
  CHECK_THAT(documents[1]["spec"]["template"]["spec"]["containers"][0]["args"][0].Scalar(),
             Catch::Contains("etalon merge /runs/shards/shard-* --out /runs/merged"));
}
