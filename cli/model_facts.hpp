// The transparency facts the reports' audit section shows for each adapter's
// model (licence, open weights, hosting, training-data disclosure), looked up
// in the model catalog shipped with etalon when the reports are written.
#pragma once

#include <nlohmann/json.hpp>

namespace etalon::cli {

// One object per adapter of the summary's resolved plan: adapter, model,
// in_catalog, licence, open_weights, regions, eu_hosting, secnumcloud,
// training_data, training_data_source (null where the catalog has no fact).
// An empty array when the catalog cannot be loaded.
nlohmann::json ModelFacts(const nlohmann::ordered_json& summary);

}  // namespace etalon::cli
