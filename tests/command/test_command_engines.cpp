// The command adapter's presets run the real engines Debian packages
// (ci/setup.sh installs them) on the fixtures in tests/data/command/, whose
// README says how they were made.
#include <catch2/catch.hpp>

#include "command/child_process.hpp"
#include "command/command_requests.hpp"

using etalon::core::Diagnostics;
using etalon::testing::Ask;
using etalon::testing::MakeCommandAdapter;

namespace {

const std::string kFixtures = std::string(ETALON_TEST_DATA_DIR) + "/command";

// Fails with the packages to install when `program` is missing.
void RequireEngine(const std::string& program, const std::string& packages) {
  std::string problem;
  INFO(problem << ": install " << packages << " (ci/setup.sh does)");
  REQUIRE_FALSE(etalon::adapters::FindExecutable(program, problem).empty());
}

}  // namespace

TEST_CASE("The tesseract preset reads French text from an image", "[command][engines]") {
  RequireEngine("tesseract", "tesseract-ocr tesseract-ocr-fra");
  Diagnostics diagnostics;
  auto adapter = MakeCommandAdapter(nlohmann::json::object(), diagnostics, "tesseract");
  REQUIRE(adapter);
  CHECK(adapter->GetCapabilities().image_input);
  CHECK_FALSE(adapter->GetCapabilities().text);
  const auto response = Ask(*adapter, {{"image", "ocr-fr.png"}}, "", kFixtures);
  INFO((response.error ? response.error->message : ""));
  REQUIRE_FALSE(response.error);
  CHECK(response.text == "Mairie de Lyon, état civil");
  CHECK(response.served_model == "tesseract fra");
  REQUIRE(response.energy);
  CHECK(response.energy->joules > 0);
}

TEST_CASE("The apertium preset translates in the sample's direction and names a missing one", "[command][engines]") {
  RequireEngine("apertium", "apertium apertium-fr-es");
  Diagnostics diagnostics;
  auto adapter = MakeCommandAdapter(nlohmann::json::object(), diagnostics, "apertium");
  REQUIRE(adapter);
  CHECK(adapter->GetCapabilities().text);

  const nlohmann::json french = {
      {"input", "Le passeport coûte 86 euros."}, {"source_lang", "fr"}, {"target_lang", "es"}};
  const auto to_spanish = Ask(*adapter, french, "Traduis en espagnol : Le passeport coûte 86 euros.");
  INFO((to_spanish.error ? to_spanish.error->message : ""));
  REQUIRE_FALSE(to_spanish.error);
  CHECK(to_spanish.text == "El pasaporte cuesta 86 euros.");

  // -u: an unknown word is kept as it is, without apertium's '*' mark.
  const nlohmann::json unknown_word = {
      {"input", "Votre récépissé est valable six mois."}, {"source_lang", "fr"}, {"target_lang", "es"}};
  CHECK(Ask(*adapter, unknown_word).text == "Vuestro récépissé es válido seis mes.");

  const nlohmann::json spanish = {
      {"input", "Hola, el ayuntamiento está abierto el lunes."}, {"source_lang", "es"}, {"target_lang", "fr"}};
  CHECK(Ask(*adapter, spanish).text == "Salut, La mairie est ouvert le lundi.");

  const nlohmann::json english = {{"input", "Bonjour."}, {"source_lang", "fr"}, {"target_lang", "en"}};
  const auto missing = Ask(*adapter, english);
  REQUIRE(missing.error);
  CHECK_THAT(missing.error->message, Catch::StartsWith("apertium has no fr-en direction (installed: ") &&
                                         Catch::Contains("es-fr") && Catch::Contains("fr-es"));
}

TEST_CASE("The pocketsphinx preset transcribes speech and records its English-only model", "[command][engines]") {
  RequireEngine("pocketsphinx_continuous", "pocketsphinx pocketsphinx-en-us");
  Diagnostics diagnostics;
  auto adapter = MakeCommandAdapter(nlohmann::json::object(), diagnostics, "pocketsphinx");
  REQUIRE(adapter);
  CHECK(adapter->GetCapabilities().audio_input);
  const auto response = Ask(*adapter, {{"audio", "speech-en.wav"}}, "", kFixtures);
  INFO((response.error ? response.error->message : ""));
  REQUIRE_FALSE(response.error);
  // Synthetic speech of "one two three four five": the digit in the middle survives.
  CHECK_THAT(response.text, Catch::Contains("three"));
  CHECK_THAT(response.served_model, Catch::StartsWith("pocketsphinx en-us (US English model"));
}
