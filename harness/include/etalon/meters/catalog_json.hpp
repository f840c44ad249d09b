// The model catalog's compiled form: the entries ModelCatalog::Load read
// from the YAML files, as JSON, with the digest of the YAML they came from.
// A build step writes it (tools/compile_catalog.cpp); a run reads it in
// place of the YAML only when the YAML it would read has that very digest,
// so an edited catalog is always read from its YAML. yaml-cpp took a tenth
// of a 1,000-request run's CPU to read the 26 KB of the shipped catalog.
#pragma once

#include <optional>
#include <string>

#include "etalon/meters/model_catalog.hpp"

namespace etalon::meters {

// The SHA-256 of both YAML files' contents; std::nullopt when one cannot be read.
std::optional<std::string> CatalogSourceDigest(const std::string& models_path, const std::string& mixes_path);

// The compiled form of `catalog`, read from YAML whose digest is `source_digest`.
std::string CompiledCatalogText(const ModelCatalog& catalog, const std::string& source_digest);

// The catalog in `compiled_path` when it was compiled from YAML of digest
// `source_digest`; std::nullopt when it is absent, from other YAML, or
// unreadable (the caller then reads the YAML, which names any problem).
std::optional<ModelCatalog> ReadCompiledCatalog(const std::string& compiled_path, const std::string& source_digest);

}  // namespace etalon::meters
