// TraceText; see trace_text.h.
#include "model/trace_text.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace lab::viz {

TraceText::~TraceText() {
    if (mapped_) munmap(const_cast<char*>(mapped_), mappedSize_);
}

std::unique_ptr<TraceText> TraceText::open(const std::string& path, std::string& error) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::strerror(errno);
        return nullptr;
    }
    auto text = std::make_unique<TraceText>();
    struct stat info {};
    if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
        void* at = mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (at != MAP_FAILED) {
            ::close(fd);
            text->mapped_ = static_cast<const char*>(at);
            text->mappedSize_ = static_cast<std::size_t>(info.st_size);
            return text;
        }
    }
    // Not a regular file (a pipe, /dev/stdin), or empty, or not mappable: read to the end.
    char buffer[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;  // a signal came in the middle: read again
        if (n < 0) {
            error = std::strerror(errno);
            ::close(fd);
            return nullptr;
        }
        if (n == 0) break;
        text->held_.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return text;
}

std::unique_ptr<TraceText> TraceText::held() { return std::make_unique<TraceText>(); }

std::size_t TraceText::append(std::string_view line) {
    if (mapped_) throw std::logic_error("TraceText::append: a mapped file is read-only");
    std::size_t offset = held_.size();
    held_.append(line);
    held_.push_back('\n');
    return offset;
}

void TraceText::release(std::size_t begin, std::size_t end) const {
    if (!mapped_) return;
    std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    std::size_t first = begin / page * page;
    std::size_t last = std::min(end, mappedSize_) / page * page;
    if (last > first) madvise(const_cast<char*>(mapped_ + first), last - first, MADV_DONTNEED);
}

}  // namespace lab::viz
