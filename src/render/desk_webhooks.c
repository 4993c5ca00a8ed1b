/* desk_webhooks.c: a tracker's webhooks on the desk (desk_webhooks.h). */
#include "render/desk_webhooks.h"

#include "core/webhooks.h"
#include "render/html.h"
#include "util/i18n.h"

/* The secret of the webhook just added, which no page shows again. */
static void added_secret(struct buf *b, const struct webhook_added *added)
{
    HTML_LIT(b, "<div class=\"notice\" role=\"status\"><p>");
    html_textf(b,
               _("Webhook %lld added. Its secret, shown this once: give "
                 "it to the receiver, which checks each signature "
                 "with it."),
               (long long)added->id);
    HTML_LIT(b, "</p>\n<p><code class=\"secret\">");
    html_text(b, added->secret);
    HTML_LIT(b, "</code></p></div>\n");
}

/* One webhook: its URL, kinds, counts, and the button that removes it. */
static void webhook_item(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct webhook *w,
                         struct buf *path)
{
    HTML_LIT(b, "<li><span dir=\"ltr\">");
    html_text(b, w->url);
    HTML_LIT(b, "</span> <span class=\"muted\">");
    html_text(b, w->kinds);
    HTML_LIT(b, " — ");
    html_textf(b, _("%lld pending, %lld delivered"), (long long)w->pending,
               (long long)w->delivered);
    HTML_LIT(b, "</span>\n");
    render_desk_form(b, d,
                     render_desk_scratchf(path,
                                          "/admin/t/%s/webhooks/%lld/"
                                          "remove",
                                          t->slug, (long long)w->id));
    HTML_LIT(b, "<button>");
    html_textf(b, _("Remove webhook %lld"), (long long)w->id);
    HTML_LIT(b, "</button>\n</form></li>\n");
}

/* The form that adds a webhook: its URL and a checkbox per kind, each
 * ticked (every kind, unless the admin says otherwise). */
static void add_form(struct buf *b, const struct desk *d,
                     const struct tracker *t, struct buf *path)
{
    struct arena names = {0};
    HTML_LIT(b, "<h2>");
    html_text(b, _("Add a webhook"));
    HTML_LIT(b, "</h2>\n");
    render_desk_form(
        b, d, render_desk_scratchf(path, "/admin/t/%s/webhooks", t->slug));
    render_desk_input(b, "Address (http:// or https://)", "url", NULL, "url",
                      true);
    HTML_LIT(b, "<fieldset><legend>");
    html_text(b, _("Send"));
    HTML_LIT(b, "</legend>\n");
    for (int k = 0; k < HOOK_KIND_COUNT; k++)
        render_desk_checkbox(b, webhook_kinds[k].summary,
                             webhook_kind_field(&names, (enum webhook_kind)k),
                             true);
    HTML_LIT(b, "</fieldset>\n<button>");
    html_text(b, _("Add"));
    HTML_LIT(b, "</button>\n</form>\n");
    arena_release(&names);
}

void render_desk_webhooks(struct buf *b, const struct desk *d,
                          const struct tracker *t, const struct webhook *w,
                          size_t n, const struct webhook_added *added)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin(
        b, d, render_desk_scratchf(&path, _("Webhooks — %s"), t->title));
    if (added)
        added_secret(b, added);
    HTML_LIT(b, "<p>");
    html_text(b, _("Each change of the kinds a webhook names is sent to its "
                   "address as JSON, signed with HMAC-SHA256, and sent again "
                   "until the receiver answers 2xx."));
    HTML_LIT(b, "</p>\n");
    if (n == 0) {
        HTML_LIT(b, "<p class=\"muted\">");
        html_text(b, _("No webhooks yet."));
        HTML_LIT(b, "</p>\n");
    } else {
        HTML_LIT(b, "<ul class=\"desk-list\">\n");
        for (size_t i = 0; i < n; i++)
            webhook_item(b, d, t, &w[i], &path);
        HTML_LIT(b, "</ul>\n");
    }
    add_form(b, d, t, &path);
    render_desk_end(b, d);
    buf_release(&path);
}
