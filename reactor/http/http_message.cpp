// Headers, Request::keepAlive, the response helpers and the Value round trip (http_message.h).
#include "http/http_message.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace lab::http {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trimWhitespace(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string shownInMessage(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 60)) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    if (s.size() > 60) out += "...";
    return out;
}

void Headers::add(std::string name, std::string value) { fields_.push_back({std::move(name), std::move(value)}); }

void Headers::set(std::string name, std::string value) {
    remove(name);
    add(std::move(name), std::move(value));
}

void Headers::remove(std::string_view name) {
    std::erase_if(fields_, [&](const Header& h) { return equalsIgnoreCase(h.name, name); });
}

std::optional<std::string> Headers::get(std::string_view name) const {
    for (const Header& h : fields_)
        if (equalsIgnoreCase(h.name, name)) return h.value;
    return std::nullopt;
}

std::vector<std::string> Headers::getAll(std::string_view name) const {
    std::vector<std::string> values;
    for (const Header& h : fields_)
        if (equalsIgnoreCase(h.name, name)) values.push_back(h.value);
    return values;
}

bool Headers::hasToken(std::string_view name, std::string_view token) const {
    for (const Header& h : fields_) {
        if (!equalsIgnoreCase(h.name, name)) continue;
        std::string_view rest = h.value;
        while (!rest.empty()) {
            std::size_t comma = rest.find(',');
            if (equalsIgnoreCase(trimWhitespace(rest.substr(0, comma)), token)) return true;
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
    }
    return false;
}

bool Request::keepAlive() const {
    if (headers.hasToken("Connection", "close")) return false;
    if (version == "HTTP/1.1") return true;
    return headers.hasToken("Connection", "keep-alive");
}

Response Response::text(int status, std::string body, std::string contentType) {
    Response response;
    response.status = status;
    response.headers.set("Content-Type", std::move(contentType));
    response.body = std::move(body);
    return response;
}

Response Response::json(int status, const Value& body) {
    return text(status, body.dump() + "\n", "application/json");
}

std::string_view reasonPhrase(int status) {
    switch (status) {
        case 100: return "Continue";
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 304: return "Not Modified";
        case 400: return "Bad Request";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 411: return "Length Required";
        case 413: return "Content Too Large";
        case 415: return "Unsupported Media Type";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "Unknown";
    }
}

std::string formatHttpDate(std::chrono::system_clock::time_point when) {
    static constexpr std::array<const char*, 7> days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[static_cast<std::size_t>(utc.tm_wday)],
                  utc.tm_mday, months[static_cast<std::size_t>(utc.tm_mon)], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                  utc.tm_sec);
    return text;
}

Value responseToValue(const Response& response) {
    if (response.stream) throw std::invalid_argument("responseToValue: a streaming Response cannot travel as a Value");
    Value headers = Value::array();
    for (const Header& h : response.headers) headers.push_back({h.name, h.value});
    return Value{{"status", response.status}, {"headers", std::move(headers)}, {"body", response.body}};
}

Response responseFromValue(const Value& value) {
    auto bad = [&](const std::string& why) {
        std::string shown = value.dump();
        if (shown.size() > 120) shown = shown.substr(0, 120) + "...";
        return std::invalid_argument("not a Response value (" + why + "): " + shown +
                                     " (make one with http::responseToValue)");
    };
    if (!value.is_object()) throw bad("not an object");
    if (!value.contains("status") || !value["status"].is_number_integer()) throw bad("no integer \"status\"");
    Response response;
    response.status = value["status"].get<int>();
    if (response.status < 100 || response.status > 999) throw bad("status out of range");
    if (value.contains("body")) {
        if (!value["body"].is_string()) throw bad("\"body\" is not a string");
        response.body = value["body"].get<std::string>();
    }
    if (value.contains("headers")) {
        const Value& headers = value["headers"];
        if (!headers.is_array()) throw bad("\"headers\" is not a list");
        for (const Value& h : headers) {
            if (!h.is_array() || h.size() != 2 || !h[0].is_string() || !h[1].is_string())
                throw bad("a header is not a [name, value] pair of strings");
            response.headers.add(h[0].get<std::string>(), h[1].get<std::string>());
        }
    }
    return response;
}

}  // namespace lab::http
