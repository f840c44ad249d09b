// Build step: reads the shipped model catalog as every run would, and
// writes its compiled form (etalon/meters/catalog_json.hpp). A catalog with
// a problem fails the build, each problem named by file, line and field.
//
//   etalon_compile_catalog MODELS_YAML MIXES_YAML OUTPUT_JSON
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "etalon/meters/catalog_json.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s MODELS_YAML MIXES_YAML OUTPUT_JSON\n", argv[0]);
    return 2;
  }
  const std::string models_path = argv[1];
  const std::string mixes_path = argv[2];
  const std::filesystem::path output = argv[3];
  etalon::core::Diagnostics diagnostics;
  const auto catalog = etalon::meters::ModelCatalog::Load(models_path, mixes_path, diagnostics);
  for (const auto& problem : diagnostics) {
    std::fprintf(stderr, "%s\n", problem.ToString().c_str());
  }
  const auto digest = etalon::meters::CatalogSourceDigest(models_path, mixes_path);
  if (!catalog || !digest) {
    std::fprintf(stderr, "the model catalog was not compiled\n");
    return 1;
  }
  // Written beside, then renamed: a reader never sees half a file.
  auto partial = output;
  partial += ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << etalon::meters::CompiledCatalogText(*catalog, *digest);
    if (!out.flush()) {
      std::fprintf(stderr, "%s: cannot write\n", partial.c_str());
      return 1;
    }
  }
  std::filesystem::rename(partial, output);
  return 0;
}
