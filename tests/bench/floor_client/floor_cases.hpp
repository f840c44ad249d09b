// What both floor clients share: their command line, the cases they send (the
// chat body of each dataset line and its reference) and the check of an
// answer, so that the two differ only in how they move bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace etalon::bench {

struct FloorOptions {
  int port = 0;
  std::string dataset;
  int concurrency = 50;
  std::string field = "question";
  std::string model = "sim-model";
};

// --port P --dataset FILE.jsonl [--concurrency C] [--field F] [--model M]
std::optional<FloorOptions> ReadFloorOptions(int argc, char** argv);

struct FloorCase {
  std::string body;  // the chat completion request's JSON
  std::string reference;
};

std::vector<FloorCase> ReadFloorCases(const FloorOptions& options);

// A 200 whose first choice's content is the reference.
bool AnswerIsRight(long status, std::string_view body, const std::string& reference);

// `FLOOR {"failed":F,"passed":P,"requests":N}`, the line bench.sh reads.
std::string FloorResultLine(std::size_t requests, std::size_t passed, std::size_t failed);

}  // namespace etalon::bench
