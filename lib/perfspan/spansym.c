/* spansym.c - function addresses to names: dladdr for exported symbols,
 * else the object's own ELF symbol table (.symtab), which also holds the
 * static functions dladdr cannot see; the raw address when neither has
 * one.  Runs at exit, not on the hot path. */
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spanint.h"

/* An object's file, mapped whole, once. */
struct elfobj {
	const void *base;	/* dli_fbase: where it is loaded */
	const unsigned char *map;
	size_t size;
	const Elf64_Sym *sym;
	size_t nsym;
	const char *str;
	size_t strsize;
	int dyn;		/* ET_DYN: symbols are relative to base */
};

static struct elfobj objs[64];
static size_t nobjs;

static void
load(struct elfobj *o, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh, *s, *link;
	size_t i;
	void *m;

	if (fd < 0)
		return;
	if (fstat(fd, &st) < 0 || (size_t)st.st_size < sizeof *eh ||
	    (m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
	    0)) == MAP_FAILED) {
		close(fd);
		return;
	}
	close(fd);
	o->map = m;
	o->size = (size_t)st.st_size;
	eh = m;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shentsize != sizeof *sh ||
	    eh->e_shoff + (uint64_t)eh->e_shnum * sizeof *sh > o->size)
		return;
	o->dyn = eh->e_type == ET_DYN;
	sh = (const Elf64_Shdr *)(o->map + eh->e_shoff);
	/* .symtab when the file has one (not stripped), else .dynsym. */
	for (i = 0; i < eh->e_shnum; i++) {
		s = &sh[i];
		if (s->sh_type != SHT_SYMTAB && s->sh_type != SHT_DYNSYM)
			continue;
		if (o->sym != NULL && s->sh_type == SHT_DYNSYM)
			continue;
		if (s->sh_link >= eh->e_shnum)
			continue;
		link = &sh[s->sh_link];
		if (s->sh_offset + s->sh_size > o->size ||
		    link->sh_offset + link->sh_size > o->size)
			continue;
		o->sym = (const Elf64_Sym *)(o->map + s->sh_offset);
		o->nsym = s->sh_size / sizeof *o->sym;
		o->str = (const char *)(o->map + link->sh_offset);
		o->strsize = link->sh_size;
	}
}

static struct elfobj *
objfor(const Dl_info *di)
{
	size_t i;
	struct elfobj *o;

	for (i = 0; i < nobjs; i++)
		if (objs[i].base == di->dli_fbase)
			return &objs[i];
	if (nobjs == sizeof objs / sizeof *objs)
		return NULL;
	o = &objs[nobjs++];
	memset(o, 0, sizeof *o);
	o->base = di->dli_fbase;
	/* The program itself: its name as run may be relative, or gone. */
	if (di->dli_fname == NULL || di->dli_fname[0] == '\0' ||
	    strchr(di->dli_fname, '/') == NULL)
		load(o, "/proc/self/exe");
	else
		load(o, di->dli_fname);
	if (o->sym == NULL)
		load(o, "/proc/self/exe");
	return o;
}

static const char *
lookup(const struct elfobj *o, uintptr_t off)
{
	size_t i;
	const Elf64_Sym *s;

	for (i = 0; i < o->nsym; i++) {
		s = &o->sym[i];
		if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || s->st_shndx ==
		    SHN_UNDEF || s->st_name >= o->strsize)
			continue;
		if (off >= s->st_value && (off < s->st_value + s->st_size ||
		    off == s->st_value))
			return o->str + s->st_name;
	}
	return NULL;
}

static void
hexaddr(const void *addr, char *buf, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	uintptr_t a = (uintptr_t)addr;
	size_t k = 0;
	int i;

	if (n < 2 * sizeof a + 3)
		return;
	buf[k++] = '0';
	buf[k++] = 'x';
	for (i = (int)sizeof a * 8 - 4; i >= 0; i -= 4)
		if ((a >> i) != 0 || i == 0)
			buf[k++] = hex[(a >> i) & 15];
	buf[k] = '\0';
}

void
span_symbol(const void *addr, char *buf, size_t n)
{
	Dl_info di;
	const char *name = NULL;
	struct elfobj *o;
	uintptr_t off;

	if (dladdr(addr, &di) != 0) {
		if (di.dli_sname != NULL && di.dli_saddr == addr)
			name = di.dli_sname;
		else if ((o = objfor(&di)) != NULL && o->sym != NULL) {
			off = (uintptr_t)addr - (o->dyn ?
			    (uintptr_t)di.dli_fbase : 0);
			name = lookup(o, off);
		}
	}
	if (name == NULL) {
		hexaddr(addr, buf, n);
		return;
	}
	strncpy(buf, name, n - 1);
	buf[n - 1] = '\0';
}
