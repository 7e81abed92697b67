// Inspector: the current event in full. Its label, a one-line plain-language explanation, the
// code that emitted it and the source location it names (a callLater's `at`), and every field,
// including fields of kinds this visualizer does not know.
#pragma once

#include "panels/panel.h"

namespace lab::viz {

void drawInspectorPanel(const PanelContext& context);

}  // namespace lab::viz
