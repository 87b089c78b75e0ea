/*
 * Courses and fiches.
 *
 * A course is a directory: course.yaml, glossary.yaml, about.md and one
 * Markdown file per fiche, with YAML front matter (see adpa-course(5)).
 * Loading reads course.yaml and the front matter of every fiche, never the
 * bodies: a body is read when it is shown (adpa_fiche_read_body).
 *
 * All strings are UTF-8 and already cleaned by adpa_text_clean(): front ends
 * can print them as they are. The structures are read-only for callers and
 * owned by the struct adpa_course; adpa_course_free() releases everything.
 */
#ifndef ADPA_COURSE_H
#define ADPA_COURSE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define ADPA_MAX_FILE_SIZE (1024L * 1024L) /* course files above this are refused */
#define ADPA_MAX_CHOICES 9
/* Limits on YAML (course.yaml, glossary.yaml, front matter), so that no
 * document costs more than its size to load (see adpa-course(5)). */
#define ADPA_MAX_FRONT_MATTER (64L * 1024L) /* bytes between the --- lines */
#define ADPA_MAX_YAML_DEPTH 32              /* nested lists and mappings */
#define ADPA_MAX_YAML_TEXT (1024L * 1024L)  /* scalar bytes, aliases expanded */
#define ADPA_MAX_YAML_VALUES 250000         /* values, aliases expanded */

enum adpa_level { ADPA_LEVEL_DEBUTANT, ADPA_LEVEL_INTERMEDIAIRE, ADPA_LEVEL_AVANCE };

/* A string with the place it was written, for diagnostics. */
struct adpa_ref {
	char *s;
	int line, col;
};

struct adpa_choice {
	char *text;
	bool correct;
};

struct adpa_question {
	char *question;
	struct adpa_choice *choices;
	size_t nchoices;
	size_t ncorrect; /* 1: single answer; more: multiple answers */
	char *explanation;
	int line;
};

struct adpa_source {
	char *title;
	char *publisher; /* NULL when absent */
	char *url;       /* NULL when absent */
	int year;        /* 0 when absent */
};

struct adpa_fiche {
	char *id;
	char *title;
	char *rubric; /* a rubric id of the course */
	int order;
	char *summary;
	struct adpa_ref *keywords;
	size_t nkeywords;
	int duration; /* minutes */
	enum adpa_level level;
	struct adpa_ref *requires;
	size_t nrequires;
	struct adpa_source *sources;
	size_t nsources;
	struct adpa_question *quiz;
	size_t nquiz;

	char *path;                  /* the file, as found under the course directory */
	int id_line, id_col;         /* where id and rubric are written, */
	int rubric_line, rubric_col; /* for diagnostics */
	size_t index;                /* its place in course->fiches */
	long body_offset;            /* byte offset of the body in the file */
	int body_line;               /* file line of the body's first line (1-based) */
	size_t rubric_index;
};

struct adpa_rubric {
	char *id;
	char *title;
	char *summary;
	size_t first;   /* index of its first fiche in course->fiches */
	size_t nfiches; /* its fiches are contiguous, in order */
};

struct adpa_path {
	char *id;
	char *title;
	char *description;
	struct adpa_ref *fiches;
	size_t nfiches;
};

struct adpa_term {
	char *term;       /* never NULL: an entry without a string term */
	char *definition; /* or definition is reported and left out */
	char **aliases;
	size_t naliases;
	struct adpa_ref *see;
	size_t nsee;
};

struct adpa_index; /* private lookup tables */

struct adpa_course {
	char *dir;
	char *id;
	char *title;
	char *lang;
	char *version;
	char *description;
	char *about; /* file name relative to dir, default "about.md" */
	int mastery; /* percent */

	struct adpa_rubric *rubrics;
	size_t nrubrics;
	struct adpa_path *paths;
	size_t npaths;

	struct adpa_fiche **fiches; /* sorted by rubric, then order, then id */
	size_t nfiches;

	struct adpa_term *terms; /* loaded by adpa_course_load_glossary() */
	size_t nterms;
	bool glossary_loaded;

	struct adpa_index *index; /* ids and glossary keys, for lookups */
};

enum adpa_load_flags {
	/* Validate everything adpa check reports: bodies (UTF-8, NUL bytes,
	 * fiche: links, pipe tables), the glossary, keywords, paths, cycles. Every
	 * problem goes to diags. Without it, a broken fiche is skipped and
	 * reported with one warning. */
	ADPA_LOAD_STRICT = 1 << 0,
	/* Also load glossary.yaml (implied by ADPA_LOAD_STRICT). */
	ADPA_LOAD_GLOSSARY = 1 << 1
};

/* Loads the course in dir. Problems with individual files go to diags (may be
 * NULL). Returns NULL, with err filled, when the course cannot be used at all
 * (no readable course.yaml, or a broken one). Free with adpa_course_free(). */
struct adpa_course *adpa_course_load(const char *dir, unsigned flags, struct adpa_diags *diags,
                                     struct adpa_error *err);

void adpa_course_free(struct adpa_course *c);

/* Loads glossary.yaml once; later calls return 0 at once. Problems go to diags.
 * A missing glossary is not an error (an empty glossary). */
int adpa_course_load_glossary(struct adpa_course *c, struct adpa_diags *diags,
                              struct adpa_error *err);

/* Borrowed pointers; NULL when not found. */
const struct adpa_fiche *adpa_course_find(const struct adpa_course *c, const char *id);
const struct adpa_rubric *adpa_course_rubric(const struct adpa_course *c, const char *id);
/* A glossary entry whose term or alias equals word (case-insensitive), or NULL. */
const struct adpa_term *adpa_course_term(const struct adpa_course *c, const char *word);

/* Reads the fiche's body (the Markdown after the front matter), NUL-terminated,
 * not yet cleaned (the renderer cleans what it shows). *len gets its length.
 * The caller frees it. NULL with err filled on failure. */
char *adpa_fiche_read_body(const struct adpa_fiche *f, size_t *len, struct adpa_error *err);

/* Reads the course's about file; same contract. */
char *adpa_course_read_about(const struct adpa_course *c, size_t *len, struct adpa_error *err);

/* "débutant", "intermédiaire", "avancé". */
const char *adpa_level_label(enum adpa_level level);
/* "debutant", "intermediaire", "avance" (the values of the format). */
const char *adpa_level_id(enum adpa_level level);

#endif
