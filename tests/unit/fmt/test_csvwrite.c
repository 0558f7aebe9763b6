/* test_csvwrite.c - the CSV writer: quoting only where needed, unknown
 * numbers as empty fields, pre-joined runs of numbers. */
#include <stdio.h>
#include <stdlib.h>

#include "fmt/csvwrite.h"
#include "tap.h"

static void
writer(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct csvwrite w;
	const char *hdr[] = { "a", "b c", "d" };

	csvwrite_init(&w, fp);
	csvwrite_header(&w, hdr, 3);
	csvwrite_str(&w, "plain");
	csvwrite_str(&w, "with,comma");
	csvwrite_str(&w, "say \"hi\"");
	csvwrite_end(&w);
	csvwrite_num(&w, 1.25, 3);
	csvwrite_num(&w, 0.0 / 0.0, 3);
	csvwrite_int(&w, -7);
	csvwrite_end(&w);
	csvwrite_str(&w, " pad");
	csvwrite_str(&w, "two\nlines");
	csvwrite_empty(&w);
	csvwrite_end(&w);
	csvwrite_str(&w, "k");
	csvwrite_joined(&w, "1,2.5,", 6);
	csvwrite_joined(&w, "", 0);
	csvwrite_end(&w);
	csvwrite_joined(&w, "3,4", 3);
	csvwrite_end(&w);
	fclose(fp);
	tap_str(buf, "a,b c,d\nplain,\"with,comma\",\"say \"\"hi\"\"\"\n"
	    "1.25,,-7\n\" pad\",\"two\nlines\",\nk,1,2.5,\n3,4\n",
	    "quotes only when needed; joined fields after a comma, or first");
	free(buf);
}

int
main(void)
{
	writer();
	return tap_done();
}
