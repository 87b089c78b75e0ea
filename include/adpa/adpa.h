/* adpa: the core library of the terminal course reader. One header per module. */
#ifndef ADPA_ADPA_H
#define ADPA_ADPA_H

#include "course.h"
#include "error.h"
#include "glossary.h"
#include "parcours.h"
#include "progress.h"
#include "quiz.h"
#include "render.h"
#include "report.h"
#include "review.h"
#include "search.h"
#include "store.h"
#include "text.h"

/* The version string, e.g. "0.1.0". */
const char *adpa_version(void);

#endif
