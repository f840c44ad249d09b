#include "support/simulated_chat_project.hpp"

namespace etalon::testing {

SimulatedChatProject::SimulatedChatProject(int samples, const std::string& base_url, const std::string& plan_extra,
                                           const std::string& adapter_options) {
  std::string data;
  for (int i = 0; i < samples; ++i) {
    data += "{\"id\": \"q" + std::to_string(i) + "\", \"question\": \"Question numéro " + std::to_string(i) +
            " sur la carte grise\", \"reference\": \"Question numéro " + std::to_string(i) + "\"}\n";
  }
  dir.Write("datasets/d.jsonl", data);
  dir.Write("suites/s.yaml", "id: s\ntask: chat\ndataset: ../datasets/d.jsonl\ntemplate: \"{{question}}\"\n"
                             "metrics: [token_f1]\n");
  plan = dir.Write("plans/p.yaml", "name: p\nseed: 7\n" + plan_extra +
                                       "suites: [s]\nadapters:\n  - id: sim\n    kind: openai\n"
                                       "    model: simulated-chat\n    options: {base_url: " +
                                       base_url + adapter_options + "}\n");
}

const std::vector<std::string>& LoopbackEnvironment() {
  static const std::vector<std::string> environment = {"NO_PROXY=127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost"};
  return environment;
}

}  // namespace etalon::testing
