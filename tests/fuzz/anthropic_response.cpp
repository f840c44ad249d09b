// Fuzz target: the Anthropic Messages answer readers (a message body or a
// stream of named events).
#include <cstddef>
#include <cstdint>

#include "anthropic/anthropic_protocol.hpp"
#include "vendor_answer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto exchange = etalon::fuzz::FuzzedExchange(data, size);
  (void)etalon::adapters::anthropic::AnthropicProtocol({}).ReadAnswer(exchange);
  return 0;
}
