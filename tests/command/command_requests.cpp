#include "command/command_requests.hpp"

#include <future>

#include "etalon/adapters/adapter_registry.hpp"

namespace etalon::testing {

std::unique_ptr<core::Adapter> MakeCommandAdapter(const nlohmann::json& options, core::Diagnostics& diagnostics,
                                                  const std::string& preset) {
  config::AdapterConfig config;
  config.id = "x";
  config.kind = "command";
  config.preset = preset;
  config.options = options;
  config.line = 7;
  return adapters::MakeAdapter(config, {"plan.yaml", 2}, diagnostics);
}

core::Response Ask(core::Adapter& adapter, const nlohmann::json& fields, const std::string& prompt,
                   const std::string& dataset_dir) {
  core::Request request;
  request.prompt = prompt;
  request.fields = &fields;
  request.dataset_dir = dataset_dir;
  std::promise<core::Response> answer;
  adapter.Issue(request, [&answer](core::Response response) { answer.set_value(std::move(response)); });
  auto response = answer.get_future().get();
  adapter.Drain();
  return response;
}

}  // namespace etalon::testing
