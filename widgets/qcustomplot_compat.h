#pragma once

// QCustomPlot 2.1's header uses the `signals` and `foreach` keywords that QT_NO_KEYWORDS removes;
// they are mapped to their Q_ macros for this one include and removed again.
#ifdef QT_NO_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
#else
#include <qcustomplot.h>
#endif
