// png-not-blank FILE.png: the GUI test's check that a screenshot was written and shows something.
// Exit 0 when the PNG reads and has more than one colour and some bright pixels (text); 1 otherwise.
#include <stb_image.h>

#include <cstdio>
#include <set>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: png-not-blank FILE.png\n");
        return 2;
    }
    int width = 0, height = 0, channels = 0;
    unsigned char* pixels = stbi_load(argv[1], &width, &height, &channels, 3);
    if (!pixels) {
        std::fprintf(stderr, "png-not-blank: cannot read %s as a PNG\n", argv[1]);
        return 1;
    }
    std::set<unsigned> colours;
    long bright = 0;
    for (long i = 0; i < static_cast<long>(width) * height; ++i) {
        unsigned char* p = pixels + i * 3;
        colours.insert(static_cast<unsigned>(p[0]) << 16 | static_cast<unsigned>(p[1]) << 8 | p[2]);
        if (p[0] + p[1] + p[2] > 500) ++bright;
    }
    stbi_image_free(pixels);
    std::printf("png-not-blank: %s is %dx%d with %zu colours, %ld bright pixels\n", argv[1], width, height, colours.size(), bright);
    return colours.size() > 16 && bright > 100 ? 0 : 1;
}
