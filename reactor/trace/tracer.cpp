// Tracer; see tracer.h.
#include "trace/tracer.h"

namespace lab {

void Tracer::record(std::string_view kind, std::initializer_list<TraceField> fields) {
    sink_->event(TraceEvent{++seq_, clock_.now(), iteration_, kind, std::span<const TraceField>(fields)});
}

}  // namespace lab
