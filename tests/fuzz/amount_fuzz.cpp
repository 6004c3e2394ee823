// The amount parser ("1.500,5", "1,500.5", "1 500", "-") and the cells read beside it.
#include "csv.hpp"
#include "fuzz_input.hpp"

using namespace gazette;
using namespace gazette::content::detail;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes = fuzz::input(data, size);
  std::string why;
  auto amount = parse_amount(bytes, why);
  fuzz::check(amount.has_value() || !why.empty(), "a refused amount says why");
  if (amount) {
    (void)write_amount(amount->value, NumberStyle::vietnamese);
    (void)write_amount(amount->value, NumberStyle::international);
  }
  (void)parse_stt(bytes);
  return 0;
}
