// makeBackend; see make_backend.h.
#include "backends/make_backend.h"

#include <stdexcept>

#include "backends/epoll_backend.h"
#include "backends/poll_backend.h"
#include "backends/select_backend.h"

namespace lab {

std::vector<std::string> backendNames() { return {"select", "poll", "epoll"}; }

std::unique_ptr<Backend> makeBackend(std::string_view name) {
    if (name == "select") return std::make_unique<SelectBackend>();
    if (name == "poll") return std::make_unique<PollBackend>();
    if (name == "epoll") return std::make_unique<EpollBackend>();
    throw std::invalid_argument("unknown backend \"" + std::string(name) + "\" (known: select, poll, epoll)");
}

}  // namespace lab
