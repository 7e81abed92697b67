// writeScreenshot; see screenshot.h. stbi_write_png comes compiled in Debian's libstb.
#include "screenshot.h"

#include <GLFW/glfw3.h>  // brings the OpenGL 1.1 declarations glReadPixels needs
#include <stb_image_write.h>

#include <cstring>
#include <vector>

namespace lab::viz {

std::string writeScreenshot(const std::string& path, int width, int height) {
    if (width <= 0 || height <= 0) return "the window has no size";
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows go bottom-up; PNG's top-down.
    std::size_t stride = static_cast<std::size_t>(width) * 3;
    std::vector<unsigned char> row(stride);
    for (int y = 0; y < height / 2; ++y) {
        unsigned char* top = pixels.data() + static_cast<std::size_t>(y) * stride;
        unsigned char* bottom = pixels.data() + static_cast<std::size_t>(height - 1 - y) * stride;
        std::memcpy(row.data(), top, stride);
        std::memcpy(top, bottom, stride);
        std::memcpy(bottom, row.data(), stride);
    }
    if (!stbi_write_png(path.c_str(), width, height, 3, pixels.data(), static_cast<int>(stride))) {
        return "cannot write " + path;
    }
    return "";
}

}  // namespace lab::viz
