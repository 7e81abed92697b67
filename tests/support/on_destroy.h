// OnDestroy: runs a function when it is destroyed. Held by a shared_ptr captured in a job, it
// tells a thread test the moment the pool dropped or finished the job (the last copy went).
#pragma once

#include <functional>
#include <utility>

struct OnDestroy {
    explicit OnDestroy(std::function<void()> fn) : onDestroy(std::move(fn)) {}
    OnDestroy(const OnDestroy&) = delete;
    OnDestroy& operator=(const OnDestroy&) = delete;
    ~OnDestroy() { onDestroy(); }
    std::function<void()> onDestroy;
};
