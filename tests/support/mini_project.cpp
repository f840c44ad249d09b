#include "support/mini_project.hpp"

namespace etalon::testing {

MiniProject::MiniProject(int samples, const std::string& echo_options, int concurrency) {
  std::string data;
  for (int i = 0; i < samples; ++i) {
    data += "{\"id\": \"s" + std::to_string(i) + "\", \"input\": \"Phrase numéro " + std::to_string(i) +
            ".\", \"reference\": \"Phrase numéro " + std::to_string(i) + ".\"}\n";
  }
  dataset = dir.Write("datasets/d.jsonl", data);
  suite = dir.Write("suites/s.yaml",
                    "id: s\ntask: summarize\ndataset: ../datasets/d.jsonl\n"
                    "template: |\n  Résume : {{input}}\nmetrics: [token_f1]\n");
  plan = dir.Write("plans/p.yaml", "name: p\nconcurrency: " + std::to_string(concurrency) +
                                       "\nadapters:\n  - id: echo\n    kind: builtin:echo\n    options: " +
                                       echo_options + "\nsuites: [s]\n");
}

}  // namespace etalon::testing
