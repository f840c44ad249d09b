#include "etalon/run/progress_meter.hpp"

#include <fmt/format.h>

namespace etalon::run {

ProgressMeter::ProgressMeter(std::FILE* out, Mode mode, std::chrono::milliseconds period)
    : out_(out), mode_(mode), period_(period) {}

ProgressMeter::~ProgressMeter() {
  if (thread_.joinable()) {
    Finish();
  }
}

void ProgressMeter::Start(std::size_t total, std::size_t already_done) {
  total_ = total;
  already_done_ = already_done;
  start_ = std::chrono::steady_clock::now();
  if (mode_ != Mode::kQuiet) {
    thread_ = std::thread([this] { Loop(); });
  }
}

void ProgressMeter::RecordCompletion(bool failed) {
  done_.fetch_add(1, std::memory_order_relaxed);
  if (failed) {
    failed_.fetch_add(1, std::memory_order_relaxed);
  }
}

std::string ProgressMeter::Line() const {
  const std::size_t done = done_.load(std::memory_order_relaxed);
  const std::size_t failed = failed_.load(std::memory_order_relaxed);
  const std::size_t finished = already_done_ + done;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  const double percent = total_ > 0 ? 100.0 * static_cast<double>(finished) / static_cast<double>(total_) : 100.0;
  std::string eta = "--";
  if (rate > 0 && total_ >= finished) {
    eta = fmt::format("{:.0f}s", static_cast<double>(total_ - finished) / rate);
  }
  std::string line = fmt::format("etalon: {}/{} done ({:.0f}%), {:.1f} req/s, {} errors, ETA {}", finished, total_,
                                 percent, rate, failed, eta);
  if (already_done_ > 0) {
    line += fmt::format(" ({} from an earlier attempt)", already_done_);
  }
  return line;
}

void ProgressMeter::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, period_, [this] { return stopping_; });
    if (stopping_) {
      break;
    }
    const auto line = Line();
    if (mode_ == Mode::kLive) {
      std::fprintf(out_, "\r%s\x1b[K", line.c_str());
    } else {
      std::fprintf(out_, "%s\n", line.c_str());
    }
    std::fflush(out_);
  }
}

void ProgressMeter::Finish() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
  if (mode_ == Mode::kLive) {
    std::fprintf(out_, "\r%s\x1b[K\n", Line().c_str());
  } else if (mode_ == Mode::kPeriodic) {
    std::fprintf(out_, "%s\n", Line().c_str());
  }
  std::fflush(out_);
}

}  // namespace etalon::run
