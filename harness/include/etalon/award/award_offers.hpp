// The offers of an award: the adapters of one or more finished runs, each
// with its summary.json rows per suite and the facts the requirements test
// (hosting, licence), from what the offer declared in the criteria file,
// else the model catalog, else the way it runs (a local engine is hosted by
// the buyer). Every fact keeps its basis so the award table can cite it.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/award/award_criteria.hpp"
#include "etalon/meters/model_catalog.hpp"

namespace etalon::award {

// Bad award input (a run that cannot be read, a cell in two runs, an offer
// the runs lack): exit code 2.
class AwardInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class FactBasis {
  kDeclared,     // the criteria file's `offers` entry (what the bidder declared)
  kCatalog,      // adapters/catalog/models.yaml
  kBuyerHosted,  // a local engine or self-hosted model: it runs where the buyer puts it
  kUnknown,      // nothing says: a requirement on it is not met
};

struct Offer {
  std::string adapter;  // id in the runs
  std::string name;     // display name (declared, else the adapter id)
  std::string kind;
  std::string model;    // the plan's model, "" for engines without one
  std::string catalog_entry;  // "provider/id" of the catalog entry found, "" when none
  std::map<std::string, nlohmann::json> cells;        // suite -> summary.json results[] row
  std::map<std::string, std::string> cell_sources;    // suite -> the run it comes from
  std::optional<bool> eu_hosting;
  FactBasis hosting_basis = FactBasis::kUnknown;
  std::optional<std::string> licence;
  FactBasis licence_basis = FactBasis::kUnknown;
  std::optional<double> declared_yearly_price_eur;
};

struct AwardInputs {
  std::vector<std::string> runs;  // as given
  std::vector<Offer> offers;      // declared order when the file lists offers, else order of first appearance
  // suite -> metric -> higher_is_better, from the runs' suites[].metrics[].
  std::map<std::string, std::map<std::string, bool>> higher_is_better;
};

// `runs` are run folders or summary.json files; `catalog` may be null (no
// catalog facts then). Throws AwardInputError.
AwardInputs LoadAwardInputs(const std::vector<std::string>& runs, const AwardCriteria& criteria,
                            const meters::ModelCatalog* catalog);

}  // namespace etalon::award
