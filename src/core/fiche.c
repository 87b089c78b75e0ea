/*
 * One fiche file: front matter between a first line "---" and the next "---"
 * line, then the Markdown body. Loading reads the front matter only (a few
 * hundred bytes of each file), so listing 10,000 fiches never touches their
 * bodies; strict loading (adpa check) reads the whole file to check its bytes.
 * Every string kept is cleaned of control characters by ystr().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adpa/text.h"
#include "files.h"
#include "internal.h"
#include "yamlx.h"
#include <adpa/util.h>

static bool is_fence(const char *line, size_t n)
{
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' ||
	             line[n - 1] == '\t'))
		n--;
	return n == 3 && memcmp(line, "---", 3) == 0;
}

void text_position(const char *data, size_t at, int line0, int *line, int *col)
{
	*line = line0;
	size_t start = 0;
	for (size_t i = 0; i < at; i++)
		if (data[i] == '\n') {
			++*line;
			start = i + 1;
		}
	*col = adpa_text_column(data + start, at - start);
}

bool bytes_check(const char *path, const char *data, size_t len, int line0, struct adpa_diags *d)
{
	const char *nul = memchr(data, '\0', len);
	size_t bad = adpa_utf8_invalid_at(data, nul ? (size_t)(nul - data) : len);
	size_t at = bad != (size_t)-1 ? bad : nul ? (size_t)(nul - data) : (size_t)-1;
	if (at == (size_t)-1)
		return true;
	int line, col;
	text_position(data, at, line0, &line, &col);
	if (bad != (size_t)-1)
		adpa_diags_add(d, ADPA_SEV_ERROR, path, line, col, "invalid UTF-8 byte 0x%02X",
		               (unsigned char)data[at]);
	else
		adpa_diags_add(d, ADPA_SEV_ERROR, path, line, col, "NUL byte in text file");
	return false;
}

/* Splits data into front matter and body. Returns false (reported) when the
 * opening or closing fence is missing. */
static bool split_front(const char *path, const char *data, size_t len, size_t *fm_off,
                        size_t *fm_len, size_t *body_off, int *body_line, struct adpa_diags *d)
{
	const char *nl = memchr(data, '\n', len);
	size_t first = nl ? (size_t)(nl - data) + 1 : len;
	if (!is_fence(data, first)) {
		adpa_diags_add(d, ADPA_SEV_ERROR, path, 1, 1,
		               "missing front matter: the first line must be \"---\"");
		return false;
	}
	int line = 2;
	for (size_t pos = first; pos <= len; line++) {
		if (pos - first > ADPA_MAX_FRONT_MATTER) {
			adpa_diags_add(d, ADPA_SEV_ERROR, path, 2, 1,
			               "front matter is larger than %ld KiB",
			               ADPA_MAX_FRONT_MATTER / 1024);
			return false;
		}
		if (pos == len)
			break;
		nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) + 1 : len;
		if (is_fence(data + pos, end - pos)) {
			*fm_off = first;
			*fm_len = pos - first;
			*body_off = end;
			*body_line = line + 1;
			return true;
		}
		pos = end;
	}
	adpa_diags_add(d, ADPA_SEV_ERROR, path, 1, 1,
	               "front matter opened here is never closed (no second \"---\" line)");
	return false;
}

/* Reads the file up to and including the closing fence (or to the end), a
 * few KiB at a time: start-up reads front matter only. */
static char *read_head(const char *path, size_t *len, struct adpa_diags *d)
{
	struct adpa_error e;
	struct stat st;
	int fd = file_open_regular(path, &st, &e);
	if (fd < 0) {
		adpa_diags_add(d, ADPA_SEV_ERROR, path, e.line ? e.line : 1, e.col ? e.col : 1,
		               "%s", e.msg);
		return NULL;
	}
	struct buf b = {0};
	char chunk[4096];
	size_t scanned = 0; /* lines before this offset are looked at */
	int nr = 0;
	bool done = false;
	ssize_t got = 0;
	while (!done && (got = file_read_some(fd, chunk, sizeof chunk)) > 0) {
		buf_add(&b, chunk, (size_t)got);
		const char *nl;
		while (!done && (nl = memchr(b.p + scanned, '\n', b.len - scanned))) {
			size_t end = (size_t)(nl - b.p) + 1;
			bool fence = is_fence(b.p + scanned, end - scanned);
			if ((++nr == 1 && !fence) || (nr > 1 && fence)) {
				b.len = end;
				done = true;
			}
			scanned = end;
		}
		if (b.len > ADPA_MAX_FRONT_MATTER + 4096) /* split_front says why */
			done = true;
	}
	int read_errno = got < 0 ? errno : 0;
	close(fd);
	if (read_errno) {
		adpa_diags_add(d, ADPA_SEV_ERROR, path, 1, 1, "read error: %s",
		               strerror(read_errno));
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return buf_detach(&b);
}

void refs_free(struct adpa_ref *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].s);
	free(v);
}

void fiche_free(struct adpa_fiche *f)
{
	if (!f)
		return;
	free(f->id);
	free(f->title);
	free(f->rubric);
	free(f->summary);
	refs_free(f->keywords, f->nkeywords);
	refs_free(f->requires, f->nrequires);
	for (size_t i = 0; i < f->nsources; i++) {
		free(f->sources[i].title);
		free(f->sources[i].publisher);
		free(f->sources[i].url);
	}
	free(f->sources);
	for (size_t i = 0; i < f->nquiz; i++) {
		struct adpa_question *q = &f->quiz[i];
		free(q->question);
		free(q->explanation);
		for (size_t j = 0; j < q->nchoices; j++)
			free(q->choices[j].text);
		free(q->choices);
	}
	free(f->quiz);
	free(f->path);
	free(f);
}

static bool valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

static void parse_sources(struct ydoc *y, struct adpa_fiche *f, yaml_node_t *n)
{
	static const struct ykey keys[] = {
	    {"title", true}, {"publisher", false}, {"year", false}, {"url", false}};
	yaml_node_item_t *items;
	size_t len = yseq(y, n, "sources", &items);
	f->sources = len ? xcalloc(len, sizeof *f->sources) : NULL;
	for (size_t i = 0; i < len; i++) {
		yaml_node_t *v[4];
		if (!ymap(y, yitem(y, items[i]), "a source", keys, 4, v))
			continue;
		struct adpa_source *s = &f->sources[f->nsources++];
		s->title = ystr(y, v[0], "title");
		s->publisher = ystr(y, v[1], "publisher");
		yint(y, v[2], "year", &s->year);
		s->url = ystr(y, v[3], "url");
	}
}

static void parse_question(struct ydoc *y, struct adpa_question *q, yaml_node_t *n)
{
	static const struct ykey keys[] = {
	    {"question", true}, {"choices", true}, {"explanation", true}};
	static const struct ykey ckeys[] = {{"text", true}, {"correct", true}};
	yaml_node_t *v[3];
	q->line = ynode_line(y, n);
	if (!ymap(y, n, "a quiz question", keys, 3, v))
		return;
	q->question = ystr(y, v[0], "question");
	q->explanation = ystr(y, v[2], "explanation");
	yaml_node_item_t *items;
	size_t len = yseq(y, v[1], "choices", &items);
	q->choices = len ? xcalloc(len, sizeof *q->choices) : NULL;
	size_t nerr = y->nerr;
	for (size_t i = 0; i < len; i++) {
		yaml_node_t *c[2];
		if (!ymap(y, yitem(y, items[i]), "a choice", ckeys, 2, c))
			continue;
		struct adpa_choice *ch = &q->choices[q->nchoices++];
		ch->text = ystr(y, c[0], "text");
		ybool(y, c[1], "correct", &ch->correct);
		if (ch->correct)
			q->ncorrect++;
	}
	if (!v[1] || y->nerr != nerr) /* counts mean nothing after a choice error */
		return;
	if (q->nchoices < 2)
		yerr(y, v[1], "a question needs at least 2 choices (it has %zu)", q->nchoices);
	else if (q->nchoices > ADPA_MAX_CHOICES)
		yerr(y, v[1], "a question has at most %d choices (it has %zu)", ADPA_MAX_CHOICES,
		     q->nchoices);
	else if (q->ncorrect == 0)
		yerr(y, v[1], "no choice is marked correct: true");
}

static void parse_quiz(struct ydoc *y, struct adpa_fiche *f, yaml_node_t *n)
{
	yaml_node_item_t *items;
	size_t len = yseq(y, n, "quiz", &items);
	f->quiz = len ? xcalloc(len, sizeof *f->quiz) : NULL;
	for (size_t i = 0; i < len; i++)
		parse_question(y, &f->quiz[f->nquiz++], yitem(y, items[i]));
}

static void parse_level(struct ydoc *y, struct adpa_fiche *f, yaml_node_t *n)
{
	char *s = ystr(y, n, "level");
	if (!s)
		return;
	for (int l = ADPA_LEVEL_DEBUTANT; l <= ADPA_LEVEL_AVANCE; l++)
		if (!strcmp(s, adpa_level_id((enum adpa_level)l))) {
			f->level = (enum adpa_level)l;
			free(s);
			return;
		}
	yerr(y, n, "level must be debutant, intermediaire or avance, not \"%s\"", s);
	free(s);
}

static void parse_front(struct ydoc *y, struct adpa_fiche *f)
{
	enum {
		ID,
		TITLE,
		RUBRIC,
		ORDER,
		SUMMARY,
		KEYWORDS,
		DURATION,
		LEVEL,
		REQUIRES,
		SOURCES,
		QUIZ,
		NKEYS
	};
	static const struct ykey keys[NKEYS] = {
	    {"id", true},        {"title", true},    {"rubric", true},   {"order", true},
	    {"summary", true},   {"keywords", true}, {"duration", true}, {"level", true},
	    {"requires", false}, {"sources", false}, {"quiz", false}};
	yaml_node_t *v[NKEYS];
	if (!ymap(y, ydoc_root(y), "the front matter", keys, NKEYS, v))
		return;
	f->id = ystr(y, v[ID], "id");
	f->id_line = ynode_line(y, v[ID]);
	f->id_col = ynode_col(y, v[ID]);
	if (f->id && !valid_id(f->id))
		yerr(y, v[ID], "id \"%s\" may only use a-z, 0-9 and -", f->id);
	f->title = ystr(y, v[TITLE], "title");
	f->rubric = ystr(y, v[RUBRIC], "rubric");
	f->rubric_line = ynode_line(y, v[RUBRIC]);
	f->rubric_col = ynode_col(y, v[RUBRIC]);
	yint(y, v[ORDER], "order", &f->order);
	f->summary = ystr(y, v[SUMMARY], "summary");
	if (v[KEYWORDS] && v[KEYWORDS]->type != YAML_SEQUENCE_NODE)
		yerr(y, v[KEYWORDS], "\"keywords\" must be a list");
	else
		f->keywords = yrefs(y, v[KEYWORDS], "keywords", &f->nkeywords);
	if (yint(y, v[DURATION], "duration", &f->duration) && f->duration <= 0)
		yerr(y, v[DURATION], "duration must be a positive number of minutes");
	parse_level(y, f, v[LEVEL]);
	f->requires = yrefs(y, v[REQUIRES], "requires", &f->nrequires);
	parse_sources(y, f, v[SOURCES]);
	parse_quiz(y, f, v[QUIZ]);
}

struct adpa_fiche *fiche_load(const char *path, bool strict, struct adpa_diags *d, char **data,
                              size_t *len)
{
	*data = NULL;
	*len = 0;
	size_t n = 0;
	char *text;
	if (strict) {
		struct adpa_error e;
		text = file_read(path, &n, &e);
		if (!text) {
			adpa_diags_add(d, ADPA_SEV_ERROR, path, e.line ? e.line : 1,
			               e.col ? e.col : 1, "%s", e.msg);
			return NULL;
		}
		if (!bytes_check(path, text, n, 1, d)) {
			free(text);
			return NULL;
		}
	} else if (!(text = read_head(path, &n, d))) {
		return NULL;
	}

	size_t fm_off, fm_len, body_off;
	int body_line;
	if (!split_front(path, text, n, &fm_off, &fm_len, &body_off, &body_line, d)) {
		free(text);
		return NULL;
	}
	struct ydoc y;
	if (ydoc_load(&y, text + fm_off, fm_len, path, 1, d) < 0) {
		free(text);
		return NULL;
	}
	y.strict = strict;
	struct adpa_fiche *f = xcalloc(1, sizeof *f);
	f->path = xstrdup(path);
	f->body_offset = (long)body_off;
	f->body_line = body_line;
	parse_front(&y, f);
	size_t nerr = y.nerr;
	ydoc_free(&y);
	if (nerr) {
		fiche_free(f);
		free(text);
		return NULL;
	}
	if (strict) {
		*data = text;
		*len = n;
	} else {
		free(text);
	}
	return f;
}

char *adpa_fiche_read_body(const struct adpa_fiche *f, size_t *len, struct adpa_error *err)
{
	size_t n;
	char *data = file_read(f->path, &n, err);
	if (!data)
		return NULL;
	/* Split again rather than trust the offset: the file may have been
	 * edited since the course was loaded. */
	size_t fm_off, fm_len, off;
	int body_line;
	if (!split_front(f->path, data, n, &fm_off, &fm_len, &off, &body_line, NULL))
		off = (size_t)f->body_offset <= n ? (size_t)f->body_offset : n;
	memmove(data, data + off, n - off + 1);
	*len = n - off;
	return data;
}

const char *adpa_level_label(enum adpa_level level)
{
	switch (level) {
	case ADPA_LEVEL_INTERMEDIAIRE:
		return "intermédiaire";
	case ADPA_LEVEL_AVANCE:
		return "avancé";
	default:
		return "débutant";
	}
}

const char *adpa_level_id(enum adpa_level level)
{
	switch (level) {
	case ADPA_LEVEL_INTERMEDIAIRE:
		return "intermediaire";
	case ADPA_LEVEL_AVANCE:
		return "avance";
	default:
		return "debutant";
	}
}
