/* Unit tests: Markdown layout (wrapping, blocks, links, headings, positions). */
#include <stdlib.h>

#include "adpa/render.h"
#include "adpa/text.h"
#include "harness.h"
#include <adpa/util.h>

/* Renders md and joins the lines with \n; caller frees. */
static char *render(const char *md, int width, struct adpa_doc **keep)
{
	struct adpa_render_opts o = {.width = width};
	struct adpa_doc *d = adpa_render(md, strlen(md), &o);
	size_t n = 1;
	for (size_t i = 0; i < d->nlines; i++)
		n += d->lines[i].len + 1;
	char *s = malloc(n), *p = s;
	for (size_t i = 0; i < d->nlines; i++) {
		memcpy(p, d->lines[i].text, d->lines[i].len);
		p += d->lines[i].len;
		*p++ = '\n';
	}
	*p = '\0';
	if (keep)
		*keep = d;
	else
		adpa_doc_free(d);
	return s;
}

static void expect(const char *md, int width, const char *want, const char *name)
{
	char *got = render(md, width, NULL);
	STR_EQ(got, want, name);
	free(got);
}

static void test_wrapping(void)
{
	expect("un deux trois quatre cinq six", 12, "un deux\ntrois quatre\ncinq six\n",
	       "wrap between words");
	/* « and » hold to their word through U+00A0; ; holds through U+202F */
	expect("aaaa bbbb «\xc2\xa0mot\xc2\xa0» fin\xe2\x80\xaf; suite", 14,
	       "aaaa bbbb\n«\xc2\xa0mot\xc2\xa0» fin\xe2\x80\xaf;\nsuite\n",
	       "never break at a no-break space");
	expect("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghij\nklmnopqrst\nuvwxyz\n",
	       "a word wider than the line is cut");
	expect("日本語の文章です", 10, "日本語の文\n章です\n", "wide characters fill cells");
	expect("un  deux\n trois", 40, "un deux trois\n", "spaces collapse, soft break is a space");
	expect("un\\\ndeux", 40, "un\ndeux\n", "hard break");
}

static void test_blocks(void)
{
	expect("# Titre\n\nTexte.", 40, "Titre\n═════\n\nTexte.\n", "h1 underlined");
	expect("### Petit\nTexte.", 40, "Petit\n\nTexte.\n", "h3 not underlined");
	expect("- un\n- deux trois quatre\n", 12, "• un\n• deux trois\n  quatre\n",
	       "bullet list with hanging indent");
	expect("1. un\n2. deux\n\n   suite\n", 40, "1. un\n\n2. deux\n\n   suite\n",
	       "loose ordered list");
	expect("9. a\n10. b\n", 40, " 9. a\n10. b\n", "numbers right-aligned");
	expect("- a\n  - b\n    - c\n", 40, "• a\n  ◦ b\n    ▪ c\n", "nested bullets");
	expect("> cité ici\n> encore\n", 40, "│ cité ici encore\n", "block quote bar");
	expect("> un\n>\n> deux\n", 40, "│ un\n│\n│ deux\n", "quote keeps its bar on blank lines");
	expect("```\nint x;\n\tret;\n```\n", 40, "  int x;\n      ret;\n",
	       "code kept, tabs expanded");
	expect("```\n0123456789abcdef\n```\n", 12, "  012345678…\n",
	       "long code line cut and marked");
	expect("a\n\n***\n\nb", 10, "a\n\n──────────\n\nb\n", "thematic break");
	expect("![un chat](chat.png)", 40, "[image\xc2\xa0: un chat]\n", "image alt text");
	expect("<div>brut</div>\n", 40, "  <div>brut</div>\n", "html block shown as text");
	expect("a <b>gras</b> c", 40, "a <b>gras</b> c\n", "inline html shown as text");
	expect("caf\xe9 \x1b[2J", 40, "caf\xef\xbf\xbd ^[[2J\n", "body text cleaned");
}

static void test_links(void)
{
	struct adpa_doc *d;
	char *s = render(
	    "Voir [ici](https://a.org) et [là](fiche:bas-rgpd), [encore](https://a.org).", 80, &d);
	STR_EQ(s,
	       "Voir ici[1] et là[2], encore[1].\n\nLiens\n[1] https://a.org\n[2] fiche:bas-rgpd\n",
	       "links numbered, references listed once");
	INT_EQ(d->nlinks, 3, "three link occurrences");
	INT_EQ(d->links[1].kind, ADPA_LINK_FICHE, "fiche link kind");
	STR_EQ(d->links[1].target, "bas-rgpd", "fiche link target");
	INT_EQ(d->links[0].kind, ADPA_LINK_URL, "url link kind");
	INT_EQ(d->links[1].col, 15, "link column in cells");
	int styled = 0;
	for (size_t i = 0; i < d->lines[0].nspans; i++)
		if (d->lines[0].spans[i].link == 1 &&
		    (d->lines[0].spans[i].style & ADPA_STYLE_LINK))
			styled++;
	OK(styled == 1, "link span carries its index and style");
	free(s);
	adpa_doc_free(d);
}

/* cmark keeps an autolink inside a link: the outer link goes on after it. */
static void test_nested_links(void)
{
	struct adpa_doc *d;
	char *s = render("[<https://a.org>renvoi](fiche:autre) fin", 80, &d);
	STR_EQ(s, "https://a.org[2]renvoi[1] fin\n\nLiens\n[1] fiche:autre\n[2] https://a.org\n",
	       "autolink in a link: both numbered");
	int outer = 0;
	for (size_t i = 0; i < d->lines[0].nspans; i++)
		if (d->lines[0].spans[i].link == 0 &&
		    (d->lines[0].spans[i].style & ADPA_STYLE_LINK))
			outer++;
	OK(outer >= 1, "text after the inner link is the outer link's");
	free(s);
	adpa_doc_free(d);
}

static void test_positions(void)
{
	struct adpa_doc *d;
	struct adpa_render_opts o = {.width = 20, .line_offset = 10};
	const char *md = "## Un\n\npremier mot\nsecond mot\n\n## Deux\n\nfin\n";
	d = adpa_render(md, strlen(md), &o);
	INT_EQ(d->nheadings, 2, "two headings");
	STR_EQ(d->headings[1].text, "Deux", "heading text");
	INT_EQ(d->headings[1].src_line, 16, "heading source line with offset");
	INT_EQ(d->lines[d->headings[1].line].src_line, 16, "heading line index");
	INT_EQ(d->lines[3].src_line, 13, "paragraph first line");
	INT_EQ(d->lines[4].src_line, 14, "soft-broken line keeps its source line");
	INT_EQ(adpa_doc_find_src(d, 14), 4, "find_src exact");
	INT_EQ(adpa_doc_find_src(d, 15), d->headings[1].line, "find_src next line");
	INT_EQ(adpa_doc_find_src(d, 999), d->nlines - 1, "find_src past the end");
	adpa_doc_free(d);
}

static void test_widths(void)
{
	const char *md = "# Un très long titre de section qui déborde\n\n"
	                 "> - liste dans une citation avec «\xc2\xa0guillemets\xc2\xa0» et "
	                 "[un lien](https://exemple.org/un/chemin/tres/long/qui/ne/tient/pas)\n"
	                 ">   1. imbriquée 日本語の文章です encore\n\n"
	                 "```\ncode très long qui ne tient pas du tout dans la largeur\n```\n";
	const char *url_line = "[1] https://exemple.org/un/chemin/tres/long/qui/ne/tient/pas";
	int bad = 0, whole = 0;
	for (int w = 10; w <= 100; w++) {
		struct adpa_render_opts o = {.width = w};
		struct adpa_doc *d = adpa_render(md, strlen(md), &o);
		for (size_t i = 0; i < d->nlines; i++) {
			int cells = adpa_text_width(d->lines[i].text, d->lines[i].len);
			bool url = !strcmp(d->lines[i].text, url_line); /* « Liens »: whole */
			whole += url;
			if ((cells > w && !url) || cells != d->lines[i].cells)
				bad++;
		}
		adpa_doc_free(d);
	}
	INT_EQ(bad, 0,
	       "no line wider than the width but a « Liens » URL, cells accurate (10..100)");
	INT_EQ(whole, 91, "the « Liens » URL is whole on one line at every width");
}

static void test_text(void)
{
	struct adpa_render_opts o = {.width = 10};
	struct adpa_doc *d = adpa_render_text("*pas* du markdown ici", ADPA_STYLE_H1, &o);
	INT_EQ(d->nlines, 3, "render_text wraps");
	STR_EQ(d->lines[0].text, "*pas* du", "render_text keeps characters");
	OK(d->lines[0].spans[0].style == ADPA_STYLE_H1, "render_text style");
	adpa_doc_free(d);
	adpa_doc_free(NULL); /* a no-op */
	STR_EQ(adpa_style_name(ADPA_STYLE_STRONG), "strong", "style names");
}

/* Regression: 49 nested quotes wrote past the prefix stack; 1M overflowed
 * the C stack. Deeper content is shown flat, never dropped. */
static void test_nesting(void)
{
	struct buf md = {0};
	for (int i = 0; i < 49; i++)
		buf_adds(&md, "> ");
	buf_adds(&md, "profond");
	char *got = render(md.p, 80, NULL);
	struct buf want = {0};
	for (int i = 0; i < ADPA_RENDER_MAX_NEST; i++)
		buf_adds(&want, "│ ");
	buf_adds(&want, "profond\n");
	STR_EQ(got, want.p, "49 nested quotes: 16 bars, then the text flat");
	free(got);
	buf_free(&md);
	buf_free(&want);

	for (int i = 0; i < 80; i++) {
		for (int k = 0; k < i; k++)
			buf_adds(&md, "  ");
		buf_printf(&md, "- n%d\n", i);
	}
	struct adpa_doc *d;
	free(render(md.p, 200, &d));
	INT_EQ(d->nlines, 80, "80 nested items: every item shown");
	STR_EQ(d->lines[79].text, "                                n79",
	       "items past the cap: flat, at the cap's indent");
	STR_EQ(d->lines[1].text, "  ◦ n1", "items under the cap keep markers");
	adpa_doc_free(d);
	buf_free(&md);

	size_t n = 1000000;
	char *deep = malloc(n + 8);
	memset(deep, '>', n);
	memcpy(deep + n, " fond", 6);
	struct adpa_render_opts o = {.width = 80};
	d = adpa_render(deep, n + 5, &o);
	OK(d && d->nlines == 1 && strstr(d->lines[0].text, "fond"),
	   "1M nested quotes: no stack overflow, text kept");
	adpa_doc_free(d);
	free(deep);
}

/* Regression: named and numeric entities decode to controls after the
 * source was found clean; they are cleaned like raw ones. */
static void test_entities(void)
{
	expect("a&Tab;b&NewLine;c&#9;d&#10;e", 40, "a b c d e\n", "TAB/LF entities are spaces");
	expect("x&#27;[2Jy &#x1b;z &#127;", 40, "x^[[2Jy ^[z ^?\n", "ESC/DEL entities visible");
	expect("r&#x202E;l &#8206;", 40, "r<U+202E>l <U+200E>\n", "bidi entities visible");
	expect("`&Tab;` [a&Tab;b](https://x.org/&Tab;)", 40,
	       "&Tab; a b[1]\n\nLiens\n[1] https://x.org/\n",
	       "entities in code, link text and target");
	expect("```\na\u2067b\n```", 40, "  a<U+2067>b\n", "bidi in code blocks visible");
	/* libcmark writes these two as the lone bytes FE and FF */
	expect("a&#65534;b", 40, "a\xEF\xBF\xBD" "b\n", "U+FFFE entity: valid UTF-8 out");
	expect("*&#65535;*", 40, "\xEF\xBF\xBD\n", "U+FFFF entity: valid UTF-8 out");
}

int main(void)
{
	test_nesting();
	test_entities();
	test_wrapping();
	test_blocks();
	test_links();
	test_nested_links();
	test_positions();
	test_widths();
	test_text();
	return done();
}
