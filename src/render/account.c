/* account.c: the desk's own-account page (see account.h). */
#include "render/account.h"

#include <stdio.h>

#include "core/users.h"
#include "render/html.h"
#include "util/i18n.h"

/* The languages the desk speaks, each named in itself, `lang` chosen. */
static void lang_select(struct buf *b, const char *lang)
{
    const struct i18n_lang *now = i18n_lang_find(lang);
    HTML_LIT(b, "<label>");
    html_text(b, _("Language"));
    HTML_LIT(b, " <select name=\"lang\">");
    for (size_t i = 0; i < i18n_lang_count; i++) {
        const struct i18n_lang *l = &i18n_langs[i];
        HTML_LIT(b, "<option");
        html_attr(b, "value", l->tag);
        html_attr(b, "lang", l->tag);
        if (l == now || (now == NULL && i == 0))
            HTML_LIT(b, " selected");
        HTML_LIT(b, ">");
        html_text(b, l->name);
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label>\n");
}

void render_desk_password(struct buf *b, const struct desk *d,
                          const char *display_name, const char *lang)
{
    render_desk_begin(b, d, "Your account");
    HTML_LIT(b, "<h2>");
    html_text(b, _("Your name on bylines"));
    HTML_LIT(b, "</h2>\n<p>");
    html_text(b, _("Trackers that show bylines print it on what you write. A "
                   "pseudonym will do; empty: none."));
    HTML_LIT(b, "</p>\n");
    render_desk_form(b, d, "/admin/name");
    render_desk_input(b, "Display name", "display_name", display_name, "text",
                      false);
    HTML_LIT(b, "<button>");
    html_text(b, _("Save the name"));
    HTML_LIT(b, "</button>\n</form>\n<h2>");
    html_text(b, _("The desk's language"));
    HTML_LIT(b, "</h2>\n");
    render_desk_form(b, d, "/admin/lang");
    lang_select(b, lang);
    HTML_LIT(b, "<button>");
    html_text(b, _("Save the language"));
    HTML_LIT(b, "</button>\n</form>\n<h2>");
    html_text(b, _("Your password"));
    HTML_LIT(b, "</h2>\n");
    HTML_LIT(b, "<p>");
    html_msg(b,
             _("A new password ends every other session of yours: browsers "
               "signed in elsewhere must sign in again. It also revokes your "
               "API tokens: issue new ones for your scripts (%s)."),
             &HTML_FRAG_LIT("<code>vigil user token</code>"), 1);
    HTML_LIT(b, "</p>\n");
    render_desk_form(b, d, "/admin/password");
    HTML_LIT(b, "<input type=\"hidden\" name=\"login\" "
                "autocomplete=\"username\"");
    html_attr(b, "value", d->login);
    HTML_LIT(b, ">\n<label>");
    html_text(b, _("Current password"));
    HTML_LIT(b, " <input type=\"password\" name=\"current_password\" required "
                "autocomplete=\"current-password\"></label>\n<label>");
    html_text(b, _("New password"));
    HTML_LIT(b, " <input type=\"password\" name=\"password\" required "
                "autocomplete=\"new-password\"");
    char n[16];
    snprintf(n, sizeof n, "%d", PASSWORD_MIN);
    html_attr(b, "minlength", n);
    snprintf(n, sizeof n, "%d", PASSWORD_MAX);
    html_attr(b, "maxlength", n);
    HTML_LIT(b, "></label>\n<label>");
    html_text(b, _("New password again"));
    HTML_LIT(b, " <input type=\"password\" name=\"password_again\" required "
                "autocomplete=\"new-password\"></label>\n<button>");
    html_text(b, _("Change the password"));
    HTML_LIT(b, "</button>\n</form>\n");
    render_desk_end(b, d);
}
