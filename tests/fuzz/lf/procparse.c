/* procparse.c - libFuzzer target: the text parsers of common/sys that
 * take a file's contents: /proc/PID/stat, PSI files, a cgroup's cpu.stat
 * and io.stat, mountinfo.  The first byte picks the parser; the rest is
 * the file. */
#include <stdlib.h>
#include <string.h>

#include "sys/cgroup.h"
#include "sys/procpid.h"
#include "sys/psi.h"
#include "lfutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct procpid_info pi;
	struct cgroup_snap cg;
	struct psi psi;
	char mnt[4096];
	char *text;

	if (size < 1)
		return 0;
	/* The parsers read NUL-terminated buffers, as procfile gives them. */
	text = lf_str(data + 1, size - 1);
	memset(&cg, 0xff, sizeof cg);
	switch (data[0] % 5) {
	case 0:
		(void)procpid_parse_stat(text, size - 1, &pi);
		break;
	case 1:
		(void)psi_parse(text, size - 1, &psi);
		break;
	case 2:
		(void)cgroup_parse_cpustat(text, size - 1, &cg);
		break;
	case 3:
		(void)cgroup_parse_iostat(text, size - 1, &cg);
		break;
	case 4:
		if (cgroup_mountpoint(text, size - 1, mnt, sizeof mnt) == 0 &&
		    strlen(mnt) >= sizeof mnt)
			abort();
		break;
	}
	free(text);
	return 0;
}
