/*
 * Key tables shared by several views, the lookup every key goes through, and
 * the names the help screen gives keys. Dispatch and help read the same
 * tables, so the help can never drift from what the keys do.
 *
 * Habits followed: arrows and vi's j/k/g/G; less's Space, b, d/u, Ctrl-F/B,
 * Ctrl-E/Y, / and n/N; info's Tab and ] / [; q goes back, Q quits anywhere.
 */
#include <stdio.h>
#include <string.h>

#include "tui_session.h"

static const struct key_hint global_hints[] = {{'?', false, "aide"}};
static const struct key_def global_defs[] = {
    {'Q', false, CMD_QUIT, "quitter adpa, depuis n’importe quel écran"},
    {'?', false, CMD_HELP, "afficher ou fermer cette aide"},
    {KEY_F(1), true, CMD_HELP, NULL},
    {CTRL_KEY('L'), false, CMD_REDRAW, "redessiner l’écran"},
};
const struct key_table keys_global = KEY_TABLE_HINTS("Partout", global_defs, global_hints);

static const struct key_hint list_hints[] = {{'\n', false, "ouvrir"}};
static const struct key_def list_defs[] = {
    {KEY_DOWN, true, CMD_DOWN, "élément suivant"},
    {'j', false, CMD_DOWN, NULL},
    {CTRL_KEY('N'), false, CMD_DOWN, NULL},
    {KEY_UP, true, CMD_UP, "élément précédent"},
    {'k', false, CMD_UP, NULL},
    {CTRL_KEY('P'), false, CMD_UP, NULL},
    {KEY_NPAGE, true, CMD_PAGE_DOWN, "page suivante"},
    {' ', false, CMD_PAGE_DOWN, NULL},
    {KEY_PPAGE, true, CMD_PAGE_UP, "page précédente"},
    {KEY_HOME, true, CMD_TOP, "premier élément"},
    {'g', false, CMD_TOP, NULL},
    {KEY_END, true, CMD_BOTTOM, "dernier élément"},
    {'G', false, CMD_BOTTOM, NULL},
    {'\n', false, CMD_OPEN, "ouvrir l’élément choisi (ou un clic)"},
    {'\r', false, CMD_OPEN, NULL},
    {KEY_ENTER, true, CMD_OPEN, NULL},
    {KEY_RIGHT, true, CMD_OPEN, NULL},
    {'l', false, CMD_OPEN, NULL},
};
const struct key_table keys_list =
    KEY_TABLE_HINTS("Se déplacer dans la liste", list_defs, list_hints);

/* Pages that list fiches among other lines (progress, a glossary entry). */
static const struct key_hint page_hints[] = {{'\n', false, "lire"}};
static const struct key_def page_defs[] = {
    {KEY_DOWN, true, CMD_DOWN, "fiche suivante"},
    {'j', false, CMD_DOWN, NULL},
    {KEY_UP, true, CMD_UP, "fiche précédente"},
    {'k', false, CMD_UP, NULL},
    {KEY_NPAGE, true, CMD_PAGE_DOWN, "page suivante"},
    {' ', false, CMD_PAGE_DOWN, NULL},
    {KEY_PPAGE, true, CMD_PAGE_UP, "page précédente"},
    {KEY_HOME, true, CMD_TOP, "début"},
    {'g', false, CMD_TOP, NULL},
    {KEY_END, true, CMD_BOTTOM, "fin"},
    {'G', false, CMD_BOTTOM, NULL},
    {'\n', false, CMD_OPEN, "lire la fiche choisie, là où elle a été laissée"},
    {'\r', false, CMD_OPEN, NULL},
    {KEY_ENTER, true, CMD_OPEN, NULL},
    {KEY_RIGHT, true, CMD_OPEN, NULL},
};
const struct key_table keys_page = KEY_TABLE_HINTS("Parcourir la page", page_defs, page_hints);

static const struct key_hint back_hints[] = {{'q', false, "retour"}};
static const struct key_def back_defs[] = {
    {KEY_LEFT, true, CMD_BACK, "revenir à l’écran précédent"},
    {'h', false, CMD_BACK, NULL},
    {KEY_BACKSPACE, true, CMD_BACK, NULL},
    {127, false, CMD_BACK, NULL},
    {8, false, CMD_BACK, NULL},
    {'q', false, CMD_BACK, NULL},
    {27, false, CMD_BACK, NULL},
};
const struct key_table keys_back = KEY_TABLE_HINTS("Revenir", back_defs, back_hints);

static const struct key_def scroll_defs[] = {
    {KEY_DOWN, true, CMD_DOWN, "descendre d’une ligne (ou la molette)"},
    {'j', false, CMD_DOWN, NULL},
    {CTRL_KEY('N'), false, CMD_DOWN, NULL},
    {CTRL_KEY('E'), false, CMD_DOWN, NULL},
    {KEY_UP, true, CMD_UP, "monter d’une ligne"},
    {'k', false, CMD_UP, NULL},
    {CTRL_KEY('P'), false, CMD_UP, NULL},
    {CTRL_KEY('Y'), false, CMD_UP, NULL},
    {'d', false, CMD_HALF_DOWN, "descendre d’une demi-page"},
    {CTRL_KEY('D'), false, CMD_HALF_DOWN, NULL},
    {'u', false, CMD_HALF_UP, "monter d’une demi-page"},
    {CTRL_KEY('U'), false, CMD_HALF_UP, NULL},
    {KEY_NPAGE, true, CMD_PAGE_DOWN, "page suivante"},
    {' ', false, CMD_PAGE_DOWN, NULL},
    {'f', false, CMD_PAGE_DOWN, NULL},
    {CTRL_KEY('F'), false, CMD_PAGE_DOWN, NULL},
    {KEY_PPAGE, true, CMD_PAGE_UP, "page précédente"},
    {'b', false, CMD_PAGE_UP, NULL},
    {CTRL_KEY('B'), false, CMD_PAGE_UP, NULL},
    {KEY_HOME, true, CMD_TOP, "aller au début"},
    {'g', false, CMD_TOP, NULL},
    {'<', false, CMD_TOP, NULL},
    {KEY_END, true, CMD_BOTTOM, "aller à la fin"},
    {'G', false, CMD_BOTTOM, NULL},
    {'>', false, CMD_BOTTOM, NULL},
};
const struct key_table keys_scroll = KEY_TABLE("Défiler", scroll_defs);

static const struct key_def pager_defs[] = {
    {'\t', false, CMD_LINK_NEXT, "choisir le lien suivant"},
    {KEY_BTAB, true, CMD_LINK_PREV, "choisir le lien précédent"},
    {'\n', false, CMD_OPEN, "suivre le lien choisi (ou un clic sur le lien)"},
    {'\r', false, CMD_OPEN, NULL},
    {KEY_ENTER, true, CMD_OPEN, NULL},
    {KEY_RIGHT, true, CMD_OPEN, NULL},
    {'/', false, CMD_SEARCH, "chercher dans le texte (sans tenir compte des accents)"},
    {'n', false, CMD_MATCH_NEXT, "occurrence suivante"},
    {'N', false, CMD_MATCH_PREV, "occurrence précédente"},
    {'t', false, CMD_TOC, "sommaire : aller à un intertitre"},
    {27, false, CMD_ESCAPE, "effacer la recherche et le lien choisi, sinon revenir"},
};
const struct key_table keys_pager = KEY_TABLE("Liens, recherche, sommaire", pager_defs);

enum cmd keys_lookup(const struct key_table *const *tables, int key, bool fn)
{
	for (size_t t = 0; tables && tables[t]; t++)
		for (size_t i = 0; i < tables[t]->n; i++)
			if (tables[t]->defs[i].key == key && tables[t]->defs[i].fn == fn)
				return tables[t]->defs[i].cmd;
	for (size_t i = 0; i < keys_global.n; i++)
		if (keys_global.defs[i].key == key && keys_global.defs[i].fn == fn)
			return keys_global.defs[i].cmd;
	return CMD_NONE;
}

/* The command key has in table tb, or CMD_NONE. */
static enum cmd bound_in(const struct key_table *tb, int key, bool fn)
{
	for (size_t i = 0; i < tb->n; i++)
		if (tb->defs[i].key == key && tb->defs[i].fn == fn)
			return tb->defs[i].cmd;
	return CMD_NONE;
}

/* Appends the live hints of table tb to out, each when it fits in w cells
 * with keep cells still free after it; *used counts the cells taken. */
static void table_hints(const struct key_table *const *tables, const struct key_table *tb,
                        bool utf8, int w, int keep, char *out, size_t n, int *used)
{
	for (size_t i = 0; i < tb->nhints; i++) {
		const struct key_hint *h = &tb->hints[i];
		enum cmd c = bound_in(tb, h->key, h->fn);
		if (c == CMD_NONE || keys_lookup(tables, h->key, h->fn) != c)
			continue; /* not bound, or an earlier table's key wins */
		char buf[32], hint[96];
		snprintf(hint, sizeof hint, "%s%s %s", *out ? "  " : "",
		         keys_name(h->key, h->fn, utf8, buf, sizeof buf), h->word);
		int cells = adpa_text_width(hint, strlen(hint));
		size_t len = strlen(out);
		if (*used + cells + keep > w || len + strlen(hint) >= n)
			continue;
		snprintf(out + len, n - len, "%s", hint);
		*used += cells;
	}
}

void keys_hints(const struct key_table *const *tables, bool utf8, int w, char *out, size_t n)
{
	char g[96] = "";
	int gw = 0, used = 0;
	table_hints(tables, &keys_global, utf8, w, 0, g, sizeof g, &gw);
	out[0] = '\0';
	for (size_t t = 0; tables && tables[t]; t++)
		table_hints(tables, tables[t], utf8, w, gw + 2, out, n, &used);
	if (*out && *g && gw + 2 + used <= w)
		snprintf(out + strlen(out), n - strlen(out), "  %s", g);
	else if (!*out && gw <= w)
		snprintf(out, n, "%s", g);
}

static const struct {
	int key;
	const char *utf8, *ascii;
} fn_names[] = {
    {KEY_DOWN, "↓", "Bas"},
    {KEY_UP, "↑", "Haut"},
    {KEY_LEFT, "←", "Gauche"},
    {KEY_RIGHT, "→", "Droite"},
    {KEY_NPAGE, "Page suiv.", "Page suiv."},
    {KEY_PPAGE, "Page préc.", "Page prec."},
    {KEY_HOME, "Début", "Debut"},
    {KEY_END, "Fin", "Fin"},
    {KEY_BACKSPACE, "Retour arrière", "Retour arriere"},
    {KEY_BTAB, "Maj-Tab", "Maj-Tab"},
    {KEY_ENTER, "Entrée", "Entree"},
    {KEY_DC, "Suppr", "Suppr"},
    {KEY_IC, "Inser", "Inser"},
    {KEY_F(1), "F1", "F1"},
};

static const char *char_name(int key, bool utf8, char *buf, size_t n)
{
	switch (key) {
	case '\n':
	case '\r':
		return utf8 ? "Entrée" : "Entree";
	case '\t':
		return "Tab";
	case ' ':
		return "Espace";
	case 27:
		return utf8 ? "Échap" : "Echap";
	case 127:
	case 8:
		return utf8 ? "Retour arrière" : "Retour arriere";
	default:
		break;
	}
	if (key < 32)
		snprintf(buf, n, "Ctrl-%c", key + 64);
	else if (key < 128)
		snprintf(buf, n, "%c", key);
	else
		snprintf(buf, n, "U+%04X", (unsigned)key);
	return buf;
}

const char *keys_name(int key, bool fn, bool utf8, char *buf, size_t n)
{
	if (!fn)
		return char_name(key, utf8, buf, n);
	for (size_t i = 0; i < sizeof fn_names / sizeof fn_names[0]; i++)
		if (fn_names[i].key == key)
			return utf8 ? fn_names[i].utf8 : fn_names[i].ascii;
	if (key >= KEY_F(1) && key <= KEY_F(63))
		snprintf(buf, n, "F%d", key - KEY_F0);
	else /* a code ncurses names, never a number alone */
		snprintf(buf, n, "%s", keyname(key) ? keyname(key) : "?");
	return buf;
}
