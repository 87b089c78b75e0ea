/*
 * A course: course.yaml (title, rubrics, paths), then every *.md file below
 * the course directory except the about file, each read for its front matter
 * only. Fiches are kept sorted by rubric, then order, then id, so a rubric's
 * fiches are one contiguous run (struct adpa_rubric.first / nfiches).
 *
 * Lenient loading (every command but check) skips a broken fiche with a single
 * warning, so one typo never hides the rest of the course. Strict loading
 * reports every problem, then the cross-file checks: duplicate ids, unknown
 * rubrics, prerequisites and their cycles, paths, glossary references,
 * keywords, and the bodies (check.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adpa/text.h"
#include "files.h"
#include "internal.h"
#include "yamlx.h"
#include <adpa/util.h>

struct pathlist {
	char **v;
	size_t n, cap;
	const char *dir;
	struct adpa_diags *diags; /* what the walk leaves out is said there */
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_path(const char *rel, const struct stat *st, void *arg)
{
	struct pathlist *out = arg;
	(void)st;
	XGROW(out->v, out->cap, out->n + 1);
	out->v[out->n++] = xstrdup(rel);
}

static void skip_path(const char *rel, const char *why, void *arg)
{
	struct pathlist *out = arg;
	char *path = xasprintf("%s/%s", out->dir, rel);
	adpa_diags_add(out->diags, ADPA_SEV_WARNING, path, 0, 0, "skipped: %s", why);
	free(path);
}

static void rubrics_free(struct adpa_course *c)
{
	for (size_t i = 0; i < c->nrubrics; i++) {
		free(c->rubrics[i].id);
		free(c->rubrics[i].title);
		free(c->rubrics[i].summary);
	}
	free(c->rubrics);
	for (size_t i = 0; i < c->npaths; i++) {
		free(c->paths[i].id);
		free(c->paths[i].title);
		free(c->paths[i].description);
		refs_free(c->paths[i].fiches, c->paths[i].nfiches);
	}
	free(c->paths);
}

void adpa_course_free(struct adpa_course *c)
{
	if (!c)
		return;
	free(c->dir);
	free(c->id);
	free(c->title);
	free(c->lang);
	free(c->version);
	free(c->description);
	free(c->about);
	rubrics_free(c);
	for (size_t i = 0; i < c->nfiches; i++)
		fiche_free(c->fiches[i]);
	free(c->fiches);
	terms_free(c->terms, c->nterms);
	index_free(c->index);
	free(c);
}

static void parse_rubrics(struct ydoc *y, struct adpa_course *c, yaml_node_t *n)
{
	static const struct ykey keys[] = {{"id", true}, {"title", true}, {"summary", false}};
	yaml_node_item_t *items;
	size_t len = yseq(y, n, "rubrics", &items);
	if (n && !len)
		yerr(y, n, "a course needs at least one rubric");
	c->rubrics = len ? xcalloc(len, sizeof *c->rubrics) : NULL;
	for (size_t i = 0; i < len; i++) {
		yaml_node_t *v[3];
		yaml_node_t *it = yitem(y, items[i]);
		if (!ymap(y, it, "a rubric", keys, 3, v))
			continue;
		char *id = ystr(y, v[0], "id");
		for (size_t j = 0; id && j < c->nrubrics; j++)
			if (c->rubrics[j].id && !strcmp(c->rubrics[j].id, id))
				yerr(y, v[0], "duplicate rubric id \"%s\"", id);
		struct adpa_rubric *r = &c->rubrics[c->nrubrics++];
		r->id = id;
		r->title = ystr(y, v[1], "title");
		r->summary = ystr(y, v[2], "summary");
	}
}

static void parse_paths(struct ydoc *y, struct adpa_course *c, yaml_node_t *n)
{
	static const struct ykey keys[] = {
	    {"id", true}, {"title", true}, {"description", false}, {"fiches", true}};
	yaml_node_item_t *items;
	size_t len = yseq(y, n, "paths", &items);
	c->paths = len ? xcalloc(len, sizeof *c->paths) : NULL;
	for (size_t i = 0; i < len; i++) {
		yaml_node_t *v[4];
		if (!ymap(y, yitem(y, items[i]), "a path", keys, 4, v))
			continue;
		struct adpa_path *p = &c->paths[c->npaths++];
		p->id = ystr(y, v[0], "id");
		p->title = ystr(y, v[1], "title");
		p->description = ystr(y, v[2], "description");
		p->fiches = yrefs(y, v[3], "fiches", &p->nfiches);
	}
}

int diags_move(struct adpa_diags *from, struct adpa_diags *to, struct adpa_error *err)
{
	int rc = 0;
	for (size_t i = 0; i < from->n; i++) {
		const struct adpa_diag *g = &from->v[i];
		if (g->severity == ADPA_SEV_ERROR && !rc) {
			adpa_error_set(err, ADPA_EFORMAT, g->path, g->line, g->col, "%s", g->msg);
			rc = -1;
		}
		adpa_diags_add(to, g->severity, g->path, g->line, g->col, "%s", g->msg);
	}
	adpa_diags_clear(from);
	return rc;
}

/* adpa check: the about file, when it exists, must be a regular file inside
 * the course directory. Reported to diags: the rest of the course stands. */
static void about_check(struct ydoc *y, const struct adpa_course *c, yaml_node_t *n,
                        struct adpa_diags *diags)
{
	struct adpa_error e = {0};
	const char *about = c->about ? c->about : "about.md";
	char *path = file_confined(c->dir, about, &e);
	struct stat st;
	int fd = path ? file_open_regular(path, &st, &e) : -1;
	if (fd >= 0)
		close(fd);
	else if (e.code == ADPA_EFORMAT || (path && access(path, F_OK) == 0))
		adpa_diags_add(diags, ADPA_SEV_ERROR, y->path, ynode_line(y, n), ynode_col(y, n),
		               "about file %s%s%s%s", e.code == ADPA_EFORMAT ? "" : "\"",
		               e.code == ADPA_EFORMAT ? "" : about,
		               e.code == ADPA_EFORMAT ? "" : "\": ", e.msg);
	free(path);
}

/* Reads course.yaml. Returns -1 (err filled, details in diags) when unusable. */
static int load_meta(struct adpa_course *c, const char *path, bool strict, struct adpa_diags *diags,
                     struct adpa_error *err)
{
	enum { ID, TITLE, LANG, VERSION, DESC, RUBRICS, PATHS, ABOUT, MASTERY, NKEYS };
	static const struct ykey keys[NKEYS] = {
	    {"id", true},       {"title", true},        {"lang", false},
	    {"version", false}, {"description", false}, {"rubrics", true},
	    {"paths", false},   {"about", false},       {"mastery", false}};
	size_t n;
	char *text = file_read(path, &n, err);
	if (!text)
		return -1;
	struct adpa_diags local = {0};
	struct ydoc y;
	if (bytes_check(path, text, n, 1, &local) && ydoc_load(&y, text, n, path, 0, &local) == 0) {
		yaml_node_t *v[NKEYS];
		y.strict = strict;
		if (ymap(&y, ydoc_root(&y), "course.yaml", keys, NKEYS, v)) {
			c->id = ystr(&y, v[ID], "id");
			c->title = ystr(&y, v[TITLE], "title");
			c->lang = ystr(&y, v[LANG], "lang");
			c->version = ystr(&y, v[VERSION], "version");
			c->description = ystr(&y, v[DESC], "description");
			parse_rubrics(&y, c, v[RUBRICS]);
			parse_paths(&y, c, v[PATHS]);
			c->about = ystr(&y, v[ABOUT], "about");
			if (strict)
				about_check(&y, c, v[ABOUT], diags);
			c->mastery = 80;
			if (yint(&y, v[MASTERY], "mastery", &c->mastery) &&
			    (c->mastery < 1 || c->mastery > 100))
				yerr(&y, v[MASTERY], "mastery must be a percentage from 1 to 100");
		}
		ydoc_free(&y);
	}
	free(text);
	int rc = diags_move(&local, diags, err);
	if (!c->about)
		c->about = xstrdup("about.md");
	return rc;
}

static int cmp_fiche(const void *a, const void *b)
{
	const struct adpa_fiche *x = *(const struct adpa_fiche *const *)a;
	const struct adpa_fiche *y = *(const struct adpa_fiche *const *)b;
	if (x->rubric_index != y->rubric_index)
		return x->rubric_index < y->rubric_index ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

static size_t rubric_index(const struct adpa_course *c, const char *id)
{
	for (size_t i = 0; i < c->nrubrics; i++)
		if (c->rubrics[i].id && !strcmp(c->rubrics[i].id, id))
			return i;
	return (size_t)-1;
}

/* Moves a fiche's problems to diags: all of them when strict, else one
 * warning that it is skipped. */
static void report_fiche(struct adpa_diags *local, bool strict, struct adpa_diags *diags)
{
	if (strict) {
		for (size_t i = 0; i < local->n; i++)
			adpa_diags_add(diags, local->v[i].severity, local->v[i].path,
			               local->v[i].line, local->v[i].col, "%s", local->v[i].msg);
		return;
	}
	for (size_t i = 0; i < local->n; i++)
		if (local->v[i].severity == ADPA_SEV_ERROR) {
			struct adpa_diag *g = &local->v[i];
			adpa_diags_add(diags, ADPA_SEV_WARNING, g->path, g->line, g->col,
			               "fiche skipped: %s", g->msg);
			return;
		}
}

/* Adds f to the course unless its rubric is unknown; takes ownership.
 * f->index holds its arrival rank until the ids are checked. */
static bool admit(struct adpa_course *c, struct adpa_fiche *f, struct adpa_diags *d, size_t *cap)
{
	f->rubric_index = rubric_index(c, f->rubric);
	if (f->rubric_index == (size_t)-1) {
		struct buf names = {0};
		for (size_t i = 0; i < c->nrubrics; i++)
			buf_printf(&names, "%s%s", i ? ", " : "", c->rubrics[i].id);
		adpa_diags_add(d, ADPA_SEV_ERROR, f->path, f->rubric_line, f->rubric_col,
		               "unknown rubric \"%s\" (course.yaml defines %s)", f->rubric,
		               names.p ? names.p : "none");
		buf_free(&names);
		fiche_free(f);
		return false;
	}
	f->index = c->nfiches;
	XGROW(c->fiches, *cap, c->nfiches + 1);
	c->fiches[c->nfiches++] = f;
	return true;
}

/* Loads the glossary leniently: when it has errors, one warning says it is
 * skipped and why. */
static void glossary_lenient(struct adpa_course *c, struct adpa_diags *diags)
{
	struct adpa_error e = {0};
	if (adpa_course_load_glossary(c, NULL, &e) == 0)
		return;
	adpa_diags_add(diags, ADPA_SEV_WARNING, e.path, e.line, e.col, "glossary skipped: %s",
	               e.msg);
}

struct adpa_course *adpa_course_load(const char *dir, unsigned flags, struct adpa_diags *diags,
                                     struct adpa_error *err)
{
	bool strict = flags & ADPA_LOAD_STRICT;
	struct adpa_course *c = xcalloc(1, sizeof *c);
	c->dir = xstrdup(dir);
	c->index = xcalloc(1, sizeof *c->index);
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		adpa_error_set(err, ADPA_ENOTFOUND, dir, 0, 0, "not a course directory: %s",
		               stat(dir, &st) != 0 ? strerror(errno) : "not a directory");
		adpa_course_free(c);
		return NULL;
	}
	char *meta = file_confined(dir, "course.yaml", err);
	int rc = meta ? load_meta(c, meta, strict, diags, err) : -1;
	free(meta);
	if (rc < 0) {
		adpa_course_free(c);
		return NULL;
	}

	struct pathlist files = {.dir = dir, .diags = diags};
	file_walk(dir, ".md", add_path, skip_path, &files);
	if (files.n)
		qsort(files.v, files.n, sizeof *files.v, cmp_str);
	size_t cap = 0;
	/* strict: every admitted fiche, dropped duplicates included, has its body
	 * checked once all ids are known; bodies are read again then, one at a
	 * time, so memory stays that of one file */
	struct adpa_fiche **todo = strict ? xcalloc(files.n + 1, sizeof *todo) : NULL;
	size_t ntodo = 0;
	for (size_t i = 0; i < files.n; i++) {
		if (!strcmp(files.v[i], c->about)) {
			free(files.v[i]);
			continue;
		}
		char *path = xasprintf("%s/%s", dir, files.v[i]);
		struct adpa_diags local = {0};
		char *data;
		size_t len;
		struct adpa_fiche *f = fiche_load(path, strict, &local, &data, &len);
		report_fiche(&local, strict, diags);
		adpa_diags_clear(&local);
		if (f && admit(c, f, strict ? diags : &local, &cap)) {
			if (strict)
				todo[ntodo++] = f;
		} else if (local.n) {
			report_fiche(&local, false, diags);
			adpa_diags_clear(&local);
		}
		free(data);
		free(path);
		free(files.v[i]);
	}
	free(files.v);
	struct adpa_fiche **dropped = xcalloc(c->nfiches + 1, sizeof *dropped);
	size_t ndropped = 0;
	index_ids(c, strict, diags, dropped, &ndropped);
	if (c->nfiches)
		qsort(c->fiches, c->nfiches, sizeof *c->fiches, cmp_fiche);
	for (size_t i = 0; i < c->nfiches; i++) {
		c->fiches[i]->index = i;
		struct adpa_rubric *r = &c->rubrics[c->fiches[i]->rubric_index];
		if (!r->nfiches++)
			r->first = i;
	}

	if (strict)
		adpa_course_load_glossary(c, diags, NULL);
	else if (flags & ADPA_LOAD_GLOSSARY)
		glossary_lenient(c, diags);
	if (strict)
		course_check(c, todo, ntodo, diags);
	free(todo);
	for (size_t i = 0; i < ndropped; i++)
		fiche_free(dropped[i]);
	free(dropped);
	return c;
}

const struct adpa_rubric *adpa_course_rubric(const struct adpa_course *c, const char *id)
{
	size_t i = c && id ? rubric_index(c, id) : (size_t)-1;
	return i == (size_t)-1 ? NULL : &c->rubrics[i];
}

char *adpa_course_read_about(const struct adpa_course *c, size_t *len, struct adpa_error *err)
{
	char *path = file_confined(c->dir, c->about, err);
	char *data = path ? file_read(path, len, err) : NULL;
	free(path);
	return data;
}
