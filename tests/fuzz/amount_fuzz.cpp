// The amount parser ("1.500,5", "1,500.5", "1 500", "-") and the cells read beside it.
#include "amounts.hpp"
#include "form_columns.hpp"
#include "fuzz.hpp"

using namespace gazette;
using namespace gazette::content::detail;

void gazette::fuzz::run_one(const std::string& bytes) {
  std::string why;
  auto amount = parse_amount(bytes, why);
  fuzz::check(amount.has_value() || !why.empty(), "a refused amount says why");
  if (amount) {
    (void)write_amount(amount->value, NumberStyle::vietnamese);
    (void)write_amount(amount->value, NumberStyle::international);
  }
  (void)parse_stt(bytes);
}
