/*
 * How one screen opens another: the entry points of the views (one file
 * each) and the few actions views share.
 */
#ifndef ADPA_TUI_VIEWS_H
#define ADPA_TUI_VIEWS_H

#include "tui_session.h"

struct place;
struct pager;

void view_home_open(struct tui *t);
void view_rubric_open(struct tui *t, size_t rubric);
/* Opens the reader on fiche index i of course->fiches, at place pl (or the
 * top when pl is NULL). */
void view_reader_open(struct tui *t, size_t i, const struct place *pl);
/* The reader on fiche i, in place of the reader on top (if that is one). */
void view_reader_goto(struct tui *t, size_t i);
/* The same, from a path (its fiche ids[0..n), copied): ] and [ follow it
 * and the header counts in it. */
void view_reader_open_path(struct tui *t, size_t i, const struct place *pl, const char *const *ids,
                           size_t n);
/* Opens the reader on fiche i from its top, with the in-fiche search set to
 * query (or to its first word found when the whole query is not) and the
 * first match on screen. */
void view_reader_open_search(struct tui *t, size_t i, const char *query);
void view_about_open(struct tui *t);
void view_toc_open(struct tui *t, struct pager *p);
void view_help_open(struct tui *t, const struct view *of);
/* The quiz of fiche i, one question per screen; a quiz of i left unfinished
 * in this session resumes at the question left. */
void view_quiz_open(struct tui *t, size_t i);
/* Frees the quiz left unfinished, if any (at the end, or another learner). */
void quiz_paused_free(struct tui *t);
/* A review session: the questions due, one per screen, as in a quiz. */
void view_review_open(struct tui *t);
void view_progress_open(struct tui *t);
/* « Apprenants »: the learners, with the name prompt open (L on Home). */
void view_learners_open(struct tui *t);
/* « Signets et notes »: the learner's bookmarks and notes in the course. */
void view_marks_open(struct tui *t);
/* From the reader (view_marks.c): a bookmark of fiche i at source line
 * line, and its note set (text "" deletes) or edited, in $VISUAL/$EDITOR
 * when set, else in the prompt (done gets the text, with st). */
void marks_bookmark(struct tui *t, size_t fiche, int line, const char *label);
void marks_note_set(struct tui *t, size_t fiche, const char *text);
void marks_note_edit(struct tui *t, size_t fiche, prompt_fn done, void *st);
/* The learner's paths and the course's suggested ones (view_paths.c). */
void view_paths_open(struct tui *t);
/* A suggested path of the course, shown as it is until its first change. */
void view_path_suggested(struct tui *t, const struct adpa_path *cp);
/* The first launch's page (view_welcome.c), above Home, when t->welcome
 * says so; login: the name to suggest when the progress file holds nobody. */
void view_welcome_open(struct tui *t, const char *login);
/* The learner's paths in this course from the store (caller frees with
 * adpa_store_paths_free); false, after a message, when there are none to have. */
bool paths_load(struct tui *t, struct adpa_store_path **p, size_t *n);
/* Adds fiche i to one of the learner's paths: asks which (or a name for a
 * new one), then offers to add its missing prerequisites before it. */
void paths_add_fiche(struct tui *t, size_t i);
/* The course search (Home and rubric: /): a prompt, then the results view. */
void view_search_prompt(struct tui *t);
/* Frees the session's search (index, history) at the end (tui.c). */
void view_search_free(struct tui *t);
/* The glossary (view_glossary.c): every term, or (from the reader) the
 * glossary entries of fiche i's keywords. */
void view_glossary_open(struct tui *t);
void view_glossary_keywords(struct tui *t, size_t i);

/* The link's fiche, after a message when it is unknown (reader and about). */
const struct adpa_fiche *follow_fiche_link(struct tui *t, const struct adpa_link *l);

#endif
