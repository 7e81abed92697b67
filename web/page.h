// The demo page (web/static/index.html), built into the program so it runs from anywhere.
// CMake copies the file into a generated source at configure time (web/page.cpp.in).
#pragma once

#include <string_view>

namespace lab::web {

std::string_view indexHtml();

}  // namespace lab::web
