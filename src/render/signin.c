/* signin.c: the sign-in page, which carries a desk form's text through a new
 * sign-in. */
#include "render/signin.h"

#include <string.h>

#include "render/html.h"
#include "util/i18n.h"

/* ==== Sign-in ==== */

/* A hidden field keep_NAME holding value, when there is one. */
static void kept_field(struct buf *b, const char *name, const char *value)
{
    if (value == NULL)
        return;
    HTML_LIT(b, "<input type=\"hidden\"");
    html_attrf(b, "name", "keep_%s", name);
    html_attr(b, "value", value);
    HTML_LIT(b, ">\n");
}

/* The text a sign-in carries back to its desk form, shown and kept. */
static void kept_text(struct buf *b, const struct login_keep *k)
{
    kept_field(b, "slug", k->slug);
    kept_field(b, "number", k->number);
    kept_field(b, "title", k->title);
    kept_field(b, "body", k->body);
    kept_field(b, "kind", k->kind);
    kept_field(b, "rev", k->rev);
    HTML_LIT(b, "<details><summary>");
    html_text(b, _("The text you sent"));
    HTML_LIT(b, "</summary>\n");
    if (k->title && *k->title) {
        HTML_LIT(b, "<p dir=\"auto\"><strong>");
        html_text(b, k->title);
        HTML_LIT(b, "</strong></p>\n");
    }
    HTML_LIT(b, "<pre class=\"kept\" dir=\"auto\">");
    html_text(b, k->body ? k->body : "");
    HTML_LIT(b, "</pre></details>\n");
}

void render_login_page(struct buf *b, const struct site *s, const char *csrf,
                       const char *message, bool demo,
                       const struct login_keep *keep)
{
    struct layout l = {
        _("Sign in — Vigil"), i18n_current()->tag, NULL, NULL, NULL, 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>");
    html_text(b, _("Sign in"));
    HTML_LIT(b, "</h1>\n");
    if (demo) {
        HTML_LIT(b, "<p class=\"notice\">");
        html_msg(b,
                 _("This is a demonstration server: the second factor is not "
                   "required here. A real site must not run with %s."),
                 &HTML_FRAG_LIT("<code>--demo</code>"), 1);
        HTML_LIT(b, "</p>\n");
    }
    if (message) {
        HTML_LIT(b, "<p class=\"notice\" role=\"alert\">");
        html_text(b, message);
        HTML_LIT(b, "</p>\n");
    }
    struct desk d = {.site = s, .login = "", .csrf = csrf};
    render_desk_form(b, &d, "/login");
    HTML_LIT(b, "<label>");
    html_text(b, _("Login"));
    HTML_LIT(b, " <input name=\"login\" required autocomplete=\"username\" "
                "autocapitalize=\"none\"></label>\n<label>");
    html_text(b, _("Password"));
    HTML_LIT(b, " <input type=\"password\" name=\"password\" required "
                "autocomplete=\"current-password\"></label>\n<label>");
    html_text(b, _("Code from your authenticator app"));
    HTML_LIT(b, " <input name=\"code\" inputmode=\"numeric\" "
                "pattern=\"[0-9]{6}\" autocomplete=\"one-time-code\"");
    if (!demo)
        HTML_LIT(b, " required");
    HTML_LIT(b, "></label>\n");
    if (keep)
        kept_text(b, keep);
    HTML_LIT(b, "<button>");
    html_text(b, _("Sign in"));
    HTML_LIT(b, "</button>\n</form>\n");
    layout_end(b, s, &l);
}
