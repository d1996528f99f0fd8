#pragma once
// The window remembers how the user arranged it: panel sizes and which
// panels are shown, in $XDG_CONFIG_HOME/loopscope/layout.ini (else
// ~/.config/loopscope/layout.ini), one "name = value" per line.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app.hpp"

namespace loopscope::ui {

/// Where the layout is kept; empty when neither XDG_CONFIG_HOME nor HOME is set.
[[nodiscard]] std::filesystem::path layout_settings_path();

/// Reads the layout into `view`. A missing file changes nothing. Lines that
/// cannot be read are skipped and described ("layout.ini:3: right_width must
/// be a number from 0 to 1; got 'wide'") in the returned list.
std::vector<std::string> load_layout(const std::filesystem::path& file, view_options& view);

/// Writes the layout atomically (the directory is created). Throws std::system_error on failure.
void save_layout(const std::filesystem::path& file, const view_options& view);

}  // namespace loopscope::ui
