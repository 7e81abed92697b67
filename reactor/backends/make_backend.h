// makeBackend: choose a backend by name ("select", "poll" or "epoll"), as --backend does in the lessons.
// The name is recorded in the trace header; there is no hidden environment variable.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "backends/backend.h"

namespace lab {

// Throws std::invalid_argument naming the known backends when `name` is not one of them.
std::unique_ptr<Backend> makeBackend(std::string_view name);
std::vector<std::string> backendNames();

}  // namespace lab
