/* The outputs of adpa report other than text (cmd_report.c prints text). */
#ifndef ADPA_REPORT_OUT_H
#define ADPA_REPORT_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include "adpa/report.h"

/* "75 % (4 quiz)", or "—" when mean is negative. */
void report_mean(char *buf, size_t size, int mean, size_t over);
/* The answered questions, lowest facility first; caller frees the array. */
const struct adpa_report_question **report_hardest(const struct adpa_report *r, size_t *n);

/* report_json.c: JSON (every section); -1 when stdout cannot be written. */
int report_json(const struct adpa_report *r);
/* CSV of one section (by: learner, fiche or question); excel: UTF-8 BOM and
 * ';'. An exit status. */
int report_csv(const struct adpa_report *r, const char *by, bool excel);
/* report_html.c: one self-contained page (by NULL: every section). An exit
 * status. */
int report_html(const struct adpa_report *r, const char *by);

#endif
