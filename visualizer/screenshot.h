// Screenshot: the frame just rendered (the back buffer, before the swap) into a PNG, for
// `reactor-viz --screenshot OUT.png` and the GUI test. Returns an error message, empty on success.
#pragma once

#include <string>

namespace lab::viz {

std::string writeScreenshot(const std::string& path, int width, int height);

}  // namespace lab::viz
