/* alert.h - --follow: one line per state change of a finding (firing,
 * resolved), flushed as it happens, as text, JSON lines
 * (schemas/alerts.schema.json) or CSV (schemas/alerts.table.json). */
#ifndef ALERT_H
#define ALERT_H

#include <stdio.h>

#include "eval.h"

struct alert {
	FILE *fp;
	const char *format;	/* text, json or csv */
	int header;		/* CSV header written */
	int failed;		/* a write failed */
	unsigned long fired[4];	/* firing lines per severity */
};

/* An eval_event callback; arg is a struct alert. */
void alert_event(void *arg, const struct eval *ev, const struct finding *f,
    const char *state, double t);

#endif
