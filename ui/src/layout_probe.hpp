#pragma once
// Where things were drawn in the last frame, by name ("lane:2", "playhead",
// "cursor:python:2", "button:Play", "button:cancel here:3"). Screenshot tests
// read it (--layout FILE.json) to know which pixels to check, and scripts that
// drive a live window read it to know where to click.
#include <imgui.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace loopscope::ui {

class layout_probe {
public:
    /// Fine-grained entries (one per timeline segment) are recorded only when a layout file was asked for.
    bool detailed = false;
    void clear() { m_rects.clear(); }
    void rect(const std::string& name, ImVec2 min, ImVec2 max) { m_rects[name] = {min, max}; }
    /// The rectangle drawn under `name` this frame, if any.
    [[nodiscard]] std::optional<std::pair<ImVec2, ImVec2>> find(const std::string& name) const {
        auto it = m_rects.find(name);
        return it == m_rects.end() ? std::nullopt : std::optional(it->second);
    }
    /// {"name": [x0, y0, x1, y1], ...}
    [[nodiscard]] std::string json() const;

private:
    std::map<std::string, std::pair<ImVec2, ImVec2>> m_rects;
};

/// The probe panels write to.
layout_probe& probe();

}  // namespace loopscope::ui
