/* desk_audit.c: the audit log on the desk. */
#include "render/desk_audit.h"

#include <string.h>

#include "render/html.h"
#include "util/i18n.h"

void render_desk_audit(struct buf *b, const struct desk *d,
                       const struct audit_entry *e, size_t n)
{
    render_desk_begin(b, d, "Audit log");
    HTML_LIT(b, "<table class=\"audit\"><thead><tr><th>#</th><th>");
    html_text(b, _("When"));
    HTML_LIT(b, "</th><th>");
    html_text(b, _("Who"));
    HTML_LIT(b, "</th><th>");
    html_text(b, _("What"));
    HTML_LIT(b, "</th><th>");
    html_text(b, _("Entity"));
    HTML_LIT(b, "</th></tr></thead><tbody>\n");
    for (size_t i = n; i-- > 0;) {
        HTML_LIT(b, "<tr><td>");
        html_number(b, e[i].seq);
        HTML_LIT(b, "</td><td>");
        render_desk_time(b, e[i].at);
        /* Who, the action and what it touched are the record's own
         * identifiers (a login, "claim.add", "claim/12"): code. */
        HTML_LIT(b, "</td><td><bdi>");
        html_text(b, e[i].actor);
        HTML_LIT(b, "</bdi></td><td><code>");
        html_text(b, e[i].action);
        HTML_LIT(b, "</code></td><td><code>");
        html_text(b, e[i].entity);
        HTML_LIT(b, "</code></td></tr>\n");
    }
    HTML_LIT(b, "</tbody></table>\n");
    render_desk_end(b, d);
}
