#include "etalon/reports/site_publisher.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "etalon/core/atomic_file.hpp"
#include "etalon/core/identifier.hpp"
#include "etalon/reports/site_manifest.hpp"
#include "html_assets.hpp"
#include "html_reporter.hpp"
#include "markup_writer.hpp"
#include "report_text.hpp"

namespace etalon::reports {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// One run, read and rendered in memory before anything is written.
struct PublishedRun {
  std::string id;
  RunDocuments documents;
  std::map<std::string, std::string> evidence;  // file name -> bytes
  std::string report;                           // the run's index.html
};

std::string ReadEvidence(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(fmt::format("{}: cannot read (every published run needs it)", path.string()));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

PublishedRun LoadRun(const std::string& folder, Language language) {
  if (!fs::is_directory(folder)) throw std::invalid_argument(fmt::format("{}: no such run folder", folder));
  if (!fs::exists(fs::path(folder) / "summary.json")) {
    throw std::invalid_argument(fmt::format("{}: no summary.json, the run is unfinished or not a run folder", folder));
  }
  PublishedRun run;
  run.id = SiteRunId(folder);
  for (const auto& name : SiteEvidenceFiles()) run.evidence[name] = ReadEvidence(fs::path(folder) / name);
  try {
    run.documents = LoadRunDocuments(folder);
    std::ostringstream report;
    HtmlReporter().Write(run.documents, language, report);
    run.report = report.str();
  } catch (const std::runtime_error& error) {
    throw std::invalid_argument(error.what());
  }
  return run;
}

std::string ContentOrDash(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "—";
}

// Each metric of a result as "name : value", in the summary's order.
std::string MetricsText(const Json& result, Language language) {
  std::string text;
  const auto metrics = result.find("metrics");
  if (metrics == result.end() || !metrics->is_object()) return "—";
  for (const auto& [name, figure] : metrics->items()) {
    const auto value = figure.is_object() ? figure.find("value") : figure.end();
    const auto shown = value != figure.end() && value->is_number() ? FormatSignificant(value->get<double>(), 4, language)
                                                                    : std::string("—");
    text += (text.empty() ? "" : " ; ") + fmt::format("{} : {}", name, shown);
  }
  return text.empty() ? "—" : text;
}

void WriteLeaderboard(const std::vector<PublishedRun>& runs, Language language, std::ostream& stream) {
  const auto say = [language](const char* french, const char* english) { return Say(language, french, english); };
  MarkupWriter out(stream);
  out.Trusted("<!DOCTYPE html>\n");
  out.Open("html", {{"lang", language == Language::kFrench ? "fr" : "en"}}).Open("head");
  out.Empty("meta", {{"charset", "utf-8"}});
  out.Empty("meta", {{"http-equiv", "Content-Security-Policy"},
                     {"content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:"}});
  out.Empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
  out.Element("title", {}, say("Classement etalon", "etalon leaderboard"));
  out.Open("style").Trusted(kHtmlStyle).Close("style").Close("head").Open("body");
  out.Open("header").Element("h1", {}, say("Classement etalon", "etalon leaderboard")).Close("header");
  out.Open("main", {{"id", "main"}});
  out.Element("p", {},
              say("Une ligne par exécution, adaptateur et suite. Chaque chiffre vient du fichier summary.json de "
                  "l'exécution, calculé à partir de ses réponses (results.jsonl) ; manifest.json donne l'empreinte "
                  "sha256 de chaque fichier du site (vérification : etalon verify).",
                  "One row per run, adapter and suite. Every figure comes from the run's summary.json, computed from "
                  "its answers (results.jsonl); manifest.json gives the sha256 of every file of the site (check it "
                  "with etalon verify)."));
  out.Open("table").Element("caption", {}, say("Résultats par exécution", "Results by run"));
  out.Open("thead").Open("tr");
  for (const char* heading : {say("Exécution", "Run"), "Plan", say("Adaptateur", "Adapter"), "Suite",
                              say("Statut", "Status"), say("Métriques", "Metrics")}) {
    out.Element("th", {{"scope", "col"}}, heading);
  }
  out.Element("th", {{"scope", "col"}, {"class", "number"}}, say("Taux d'erreur", "Error rate"));
  out.Element("th", {{"scope", "col"}}, say("Preuves", "Evidence"));
  out.Close("tr").Close("thead").Open("tbody");
  for (const auto& run : runs) {
    const auto& summary = run.documents.summary;
    const auto folder = "runs/" + run.id + "/";
    const Json& meta = summary.contains("run") ? summary.at("run") : Json::object();
    const auto results = summary.find("results");
    if (results == summary.end() || !results->is_array()) continue;
    for (const auto& result : *results) {
      out.Open("tr").Open("td").Element("a", {{"href", folder + "index.html"}}, run.id).Close("td");
      out.Element("td", {}, ContentOrDash(meta, "plan"));
      out.Element("th", {{"scope", "row"}}, ContentOrDash(result, "adapter"));
      out.Element("td", {}, ContentOrDash(result, "suite"));
      out.Element("td", {}, StatusText(ContentOrDash(meta, "status"), language));
      out.Element("td", {}, MetricsText(result, language));
      const auto error_rate = result.find("error_rate");
      out.Element("td", {{"class", "number"}},
                  error_rate != result.end() && error_rate->is_number()
                      ? FormatNumber(100 * error_rate->get<double>(), 1, language) + " %"
                      : std::string("—"));
      out.Open("td");
      out.Element("a", {{"href", folder + "summary.json"}}, "summary.json").Text(" · ");
      out.Element("a", {{"href", folder + "results.jsonl"}}, "results.jsonl");
      out.Close("td").Close("tr");
    }
  }
  out.Close("tbody").Close("table");
  out.Open("p").Element("a", {{"href", kManifestFileName}}, kManifestFileName).Close("p");
  out.Close("main").Close("body").Close("html");
  out.Trusted("\n");
}

}  // namespace

std::string SiteRunId(const std::string& run_folder) {
  auto path = fs::path(run_folder).lexically_normal();
  while (!path.empty() && (path.filename().empty() || path.filename() == "." || path.filename() == "..")) {
    path = path.parent_path();
    if (path == path.root_path()) break;
  }
  std::string id;
  for (const char c : path.filename().string()) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '_' || c == '-';
    id += safe ? c : '-';
  }
  id.erase(0, id.find_first_not_of(".-"));
  if (id.size() > 128) id.resize(128);
  if (!core::IsValidIdentifier(id)) {
    throw std::invalid_argument(fmt::format("{}: its folder name gives no usable run id (an id {})", run_folder,
                                            core::kIdentifierRule));
  }
  return id;
}

const std::vector<std::string>& SiteEvidenceFiles() {
  static const std::vector<std::string> files = {"summary.json", "results.jsonl", "run.json"};
  return files;
}

void PublishSite(const std::vector<std::string>& run_folders, const std::string& site, Language language) {
  std::vector<PublishedRun> runs;
  std::map<std::string, std::string> folder_of_id;
  for (const auto& folder : run_folders) {
    auto run = LoadRun(folder, language);
    if (const auto [other, inserted] = folder_of_id.emplace(run.id, folder); !inserted) {
      throw std::invalid_argument(fmt::format("{} and {} would both publish as runs/{}: rename one folder",
                                              other->second, folder, run.id));
    }
    runs.push_back(std::move(run));
  }
  std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.id < b.id; });

  // A site path that cannot be a folder (its parent is a file, a read-only mount) is the user's to fix.
  std::error_code folder_error;
  fs::create_directories(site, folder_error);
  if (folder_error) {
    throw std::invalid_argument(fmt::format("{}: cannot create the output folder: {}", site, folder_error.message()));
  }
  for (const auto& run : runs) {
    const auto folder = fs::path(site) / "runs" / run.id;
    fs::create_directories(folder);
    for (const auto& [name, bytes] : run.evidence) core::WriteFileAtomically((folder / name).string(), bytes);
    core::WriteFileAtomically((folder / "index.html").string(), run.report);
  }
  std::ostringstream leaderboard;
  WriteLeaderboard(runs, language, leaderboard);
  core::WriteFileAtomically((fs::path(site) / "index.html").string(), leaderboard.str());
  core::WriteFileAtomically((fs::path(site) / kManifestFileName).string(), ManifestText(BuildManifest(site)));
}

}  // namespace etalon::reports
