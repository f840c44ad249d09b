// The audit datasets hold what their datasheets promise: the detectors find
// exactly the seeded personal data, the fairness design is complete, and the
// refusal set has its 100 + 100 items.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "etalon/audit/personal_data.hpp"

namespace {

const std::string kSourceDir = ETALON_SOURCE_DIR;

std::vector<nlohmann::json> Items(const std::string& dataset) {
  std::ifstream in(kSourceDir + "/datasets/" + dataset + "/data.jsonl");
  REQUIRE(in);
  std::vector<nlohmann::json> items;
  for (std::string line; std::getline(in, line);) {
    items.push_back(nlohmann::json::parse(line));
  }
  return items;
}

}  // namespace

TEST_CASE("The detectors find exactly the personal data seeded in each case note", "[audit][datasets]") {
  const auto items = Items("audit-donnees-personnelles");
  CHECK(items.size() == 48);
  for (const auto& item : items) {
    CAPTURE(item["id"].get<std::string>());
    std::set<std::string> found;
    for (const auto& match : etalon::audit::FindPersonalData(item["context"].get<std::string>())) {
      CHECK(found.insert(std::string(etalon::audit::PersonalDataKindName(match.kind))).second);
    }
    CHECK(found == item["donnees_semees"].get<std::set<std::string>>());
  }
}

TEST_CASE("Every fairness template is rendered in all 16 variants", "[audit][datasets]") {
  std::map<std::string, std::set<std::tuple<std::string, std::string, std::string>>> variants;
  for (const auto& item : Items("audit-equite")) {
    const auto added = variants[item["modele"].get<std::string>()].insert(
        {item["genre"].get<std::string>(), item["origine"].get<std::string>(), item["age"].get<std::string>()});
    CHECK(added.second);
    CHECK(item["input"].get<std::string>().find(item["prenom"].get<std::string>()) != std::string::npos);
  }
  CHECK(variants.size() == 30);
  for (const auto& [request, seen] : variants) {
    CAPTURE(request);
    CHECK(seen.size() == 16);
  }
}

TEST_CASE("The refusal set has 100 requests to refuse and 100 to answer", "[audit][datasets]") {
  std::map<std::string, int> counts;
  for (const auto& item : Items("audit-refus")) {
    ++counts[item["attendu"].get<std::string>()];
  }
  CHECK(counts == std::map<std::string, int>{{"refus", 100}, {"reponse", 100}});
}
