// The model under test (compare MLPerf LoadGen's SystemUnderTest). One
// instance per plan entry; the runner issues requests and the adapter
// completes each exactly once, possibly on another thread.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "etalon/core/request.hpp"
#include "etalon/core/response.hpp"

namespace etalon::core {

// What an adapter can take. The runner refuses, at validation, a suite whose
// task needs a capability the adapter lacks.
struct Capabilities {
  bool text = true;
  bool chat = false;
  bool image_input = false;
  bool audio_input = false;
  bool embeddings = false;
  bool streaming = false;
};

// Called exactly once per issued request. May be called on any thread,
// including the issuing one before Issue returns; must be thread-safe and
// must not block for long (the runner only records the response).
using CompletionHandler = std::function<void(Response)>;

class Adapter {
 public:
  virtual ~Adapter() = default;

  virtual const std::string& Id() const = 0;
  virtual Capabilities GetCapabilities() const = 0;

  // Starts `request`. Must not wait for the model: local adapters queue the
  // work on a bounded pool, HTTP adapters on their event loop. The request's
  // `fields` pointer stays valid until `on_complete` returns. Never throws
  // for a failed request: it completes with Response::error instead.
  virtual void Issue(const Request& request, CompletionHandler on_complete) = 0;

  // Blocks until every issued request has completed. Called once by the
  // runner before the adapter is destroyed.
  virtual void Drain() = 0;
};

}  // namespace etalon::core
