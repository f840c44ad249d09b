#include "support/payload_run.hpp"

#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/process.hpp"

namespace etalon::testing {

namespace {

std::vector<std::string> Payloads() {
  return {
      "<script>document.title='etalon-payload-ran'</script>",
      "<img src=x onerror=\"document.body.setAttribute('data-payload','ran')\">",
      "<a href=\"javascript:document.title='etalon-payload-ran'\">cliquez</a> [lien](javascript:alert(1))",
      "</td></table></style></script><svg onload=\"document.body.setAttribute('data-payload','ran')\">",
      "\"'><iframe srcdoc=\"<script>parent.document.title='etalon-payload-ran'</script>\"></iframe>",
      "=HYPERLINK(\"http://exemple.invalid\";\"x\") octets cassés : BROKEN-UTF8",
  };
}

}  // namespace

PayloadRun::PayloadRun(int samples) {
  const auto payloads = Payloads();
  std::string data;
  for (int i = 0; i < samples; ++i) {
    const auto text = i < static_cast<int>(payloads.size()) ? payloads[static_cast<std::size_t>(i)]
                                                            : "Phrase ordinaire numéro " + std::to_string(i) + ".";
    data += nlohmann::json{{"id", "s" + std::to_string(i)}, {"input", text}, {"reference", "Référence <b>" + text + "</b>"}}
                .dump() +
            "\n";
  }
  dir.Write("datasets/d.jsonl", data);
  dir.Write("suites/s.yaml", "id: s\ntask: summarize\ndescription: Suite <em>hostile</em>\n"
                             "dataset: ../datasets/d.jsonl\ntemplate: |\n  {{input}}\nmetrics: [token_f1, rouge]\n");
  const auto plan = dir.Write("plans/p.yaml", "name: p\nadapters:\n  - id: echo\n    kind: builtin:echo\n"
                                              "  - id: lead\n    kind: builtin:lead\n    options: {sentences: 1}\n"
                                              "suites: [s]\n");
  folder = dir.Path("run");
  const auto result = RunEtalon({"run", plan, "--out", folder, "--quiet"});
  if (result.exit_code != 0) {
    throw std::runtime_error("etalon run failed: " + result.err);
  }
  // Bytes that are not UTF-8 where the marker is, as another tool might write them.
  auto journal = ReadFile(folder + "/results.jsonl");
  for (auto at = journal.find("BROKEN-UTF8"); at != std::string::npos; at = journal.find("BROKEN-UTF8", at)) {
    journal.replace(at, 11, "\xC3\x28\xFF\xFE\xED\xA0\x80");
  }
  dir.Write("run/results.jsonl", journal);
}

}  // namespace etalon::testing
