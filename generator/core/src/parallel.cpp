#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <exception>
#include <thread>

#include "gazette/core.hpp"

namespace gazette {

void fault_point(std::string_view point) {
  const char* wanted = std::getenv("GAZETTE_FAULT");
  if (wanted != nullptr && point == wanted) ::raise(SIGKILL);
}

void parallel_for(std::size_t count, const std::function<void(std::size_t)>& fn, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  if (count < 2 || threads == 1) {
    for (std::size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, count));
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&] {
    try {
      for (std::size_t i = next++; i < count; i = next++) fn(i);
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = count;
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace gazette
