/* desk_updates.c: the desk's pages of updates. */
#include "core/platforms.h"
#include "render/embed.h"
#include "render/desk_updates.h"

#include <string.h>

#include "core/day.h"
#include "model/enums.h"
#include "core/updates.h"
#include "render/html.h"
#include "util/i18n.h"

/* ==== Form pieces ==== */

/* render_desk_form for a form whose text the desk's script keeps as it
 * is typed, at `autosave` (NULL: a plain form). */
static void keeping_form(struct buf *b, const struct desk *d,
                         const char *action, const char *autosave)
{
    HTML_LIT(b, "<form method=\"post\"");
    html_attr(b, "action", action);
    if (autosave)
        html_attr(b, "data-autosave", autosave);
    HTML_LIT(b, "><input type=\"hidden\" name=\"csrf\"");
    html_attr(b, "value", d->csrf);
    HTML_LIT(b, ">\n");
}

/* A time as the tracker's clock shows it: "2019-12-28 15:30 Asia/Tehran". */
static void local_time_text(struct buf *b, const struct tracker *t, int64_t at)
{
    char iso[TIMESTAMP_LEN + 1], hhmm[6];
    timestamp_format(at, iso);
    struct vg_date day = tracker_local_clock(t, at, hhmm);
    HTML_LIT(b, "<time");
    html_attr(b, "datetime", iso);
    HTML_LIT(b, ">");
    html_date_long(b, day);
    HTML_LIT(b, " ");
    html_clock(b, hhmm);
    HTML_LIT(b, "</time> <bdi dir=\"ltr\">");
    html_text(b, t->timezone);
    HTML_LIT(b, "</bdi>");
}

/* An update's status as people read it: "scheduled for ...". */
static void status_text(struct buf *b, const struct tracker *t,
                        const struct update *u)
{
    const char *label = _(enum_label(&update_status_names, (int)u->status));
    if (u->status != UPDATE_SCHEDULED) {
        html_text(b, label);
        return;
    }
    struct buf when = BUF_INIT(HTML_SCRATCH_MAX);
    local_time_text(&when, t, u->published_at);
    html_msg(b, _("scheduled for %s"),
             &(struct html_frag){buf_cstr(&when), when.len}, 1);
    buf_release(&when);
}

/* ==== The post and edit forms ==== */

/* The buttons of an edit whose text someone else changed meanwhile. */
static void conflict_buttons(struct buf *b)
{
    HTML_LIT(b, "<button name=\"save\" value=\"mine\">");
    html_text(b, _("Keep mine"));
    HTML_LIT(
        b,
        "</button> <button name=\"resolve\" value=\"merge\" formnovalidate>");
    html_text(b, _("Merge by hand"));
    HTML_LIT(
        b,
        "</button> <button name=\"resolve\" value=\"discard\" formnovalidate>");
    html_text(b, _("Take theirs"));
    HTML_LIT(b, "</button>\n");
}

/* The buttons of an update's form: preview and save, and for a kept
 * copy of unsaved text a way to drop it. */
static void form_buttons(struct buf *b, const struct post_form *f,
                         bool new_post, bool editor)
{
    if (f->theirs) {
        conflict_buttons(b);
        return;
    }
    HTML_LIT(b, "<button name=\"preview\" value=\"1\">");
    html_text(b, _("Preview"));
    HTML_LIT(b, "</button> <button name=\"save\" value=\"1\">");
    if (!new_post)
        html_text(b, _("Save the edit"));
    else if (editor)
        html_text(b, _("Publish"));
    else
        html_text(b, _("Save the draft for an editor"));
    HTML_LIT(b, "</button>\n");
    if (f->kept) {
        HTML_LIT(b,
                 "<button name=\"resolve\" value=\"discard\" formnovalidate>");
        html_text(b, _("Discard this unsaved text"));
        HTML_LIT(b, "</button>\n");
    }
}

/* The fields of a post from elsewhere or a video: the link, and what the
 * editor types or confirms, since Vigil fetches nothing from it. */
static void embed_fields(struct buf *b, const struct embed_input *e)
{
    HTML_LIT(b, "<fieldset class=\"embed-fields\"><legend>");
    html_text(b, _("A post from elsewhere, or a video (optional)"));
    HTML_LIT(b, "</legend>\n<p class=\"muted\">");
    html_text(
        b,
        _("Paste the link to a post on X, Telegram, Instagram, YouTube, "
          "Facebook, TikTok, Mastodon or Bluesky, or to a video. Vigil fetches "
          "nothing from it: type or confirm who posted it, when, and its text. "
          "Readers see them as a quote, and load nothing from the platform "
          "until they ask. Preview to see which platform Vigil recognises."));
    HTML_LIT(b, "</p>\n");
    render_desk_input(b, "Link", "embed", e->url, "url", false);
    render_desk_input(b, "Posted by", "embed_author", e->author, "text", false);
    HTML_LIT(b, "<label>");
    html_text(b, _("Its text, as you read it"));
    HTML_LIT(b, " <textarea name=\"embed_text\" rows=\"4\" dir=\"auto\">");
    html_text(b, e->text);
    HTML_LIT(b, "</textarea></label>\n");
    render_desk_input(b, "Posted on", "embed_date", e->date, "date", false);
    render_desk_input(b, "A video's length (such as 1:35)", "embed_duration",
                      e->duration, "text", false);
    render_desk_input(b, "A video's source", "embed_source", e->source, "text",
                      false);
    render_desk_input(b, "A still from the media store (its SHA-256)",
                      "embed_still", e->still, "text", false);
    HTML_LIT(b, "</fieldset>\n");
}

/* The embed as readers will see it, with the platform recognised. */
static void embed_preview(struct buf *b, const struct embed *e)
{
    HTML_LIT(b, "<section class=\"preview\"><h2>");
    html_text(b, _("The post, as readers will see it"));
    HTML_LIT(b, "</h2>\n<p>");
    html_text(b, _("Recognised:"));
    HTML_LIT(b, " ");
    html_text(b, platform_label(platform_by_key(e->platform)));
    if (e->handle) {
        HTML_LIT(b, ", ");
        html_text(b, e->handle);
    }
    HTML_LIT(b, ". ");
    struct buf code = BUF_INIT(HTML_SCRATCH_MAX);
    HTML_LIT(&code, "<code dir=\"ltr\">");
    html_text(&code, e->url);
    HTML_LIT(&code, "</code>");
    html_msg(b, _("The record keeps the link as %s."),
             &(struct html_frag){buf_cstr(&code), code.len}, 1);
    buf_release(&code);
    HTML_LIT(b, "</p>\n");
    render_embed_facade(b, e);
    HTML_LIT(b, "</section>\n");
}

/* The fields of an update's form; zone: the tracker's time zone. */
static void update_fields(struct buf *b, const struct post_form *f,
                          bool new_post, bool editor, const char *zone)
{
    struct buf label = BUF_INIT(HTML_SCRATCH_MAX);
    if (f->rev) {
        HTML_LIT(b, "<input type=\"hidden\" name=\"rev\"");
        html_attr(b, "value", f->rev);
        HTML_LIT(b, ">\n");
    }
    render_desk_input(b, "Title (optional)", "title", f->title, "text", false);
    HTML_LIT(b, "<label>");
    html_text(b, _("Text (Markdown)"));
    HTML_LIT(b, " <textarea name=\"body\" rows=\"8\" required dir=\"auto\">");
    html_text(b, f->body);
    HTML_LIT(b, "</textarea></label>\n");
    render_desk_select(b, "Kind", "kind", &update_kind_names,
                       f->kind ? f->kind : "update");
    render_desk_input(b,
                      "For a correction: the number of the update it "
                      "corrects",
                      "corrects", f->corrects, "number", false);
    embed_fields(b, &f->embed);
    if (new_post) {
        render_desk_checkbox(b, "Key event", "key_event", f->key_event);
        if (editor) {
            render_desk_checkbox(b, "Pin on top", "pinned", f->pinned);
            render_desk_checkbox(b, "Save as a draft", "draft", f->draft);
            render_desk_input(
                b,
                render_desk_scratchf(
                    &label, _("Publish later, at (%s time; empty: now)"), zone),
                "publish_at", f->publish_at, "datetime-local", false);
        }
    }
    if (f->preview_html) {
        HTML_LIT(b, "<section class=\"preview\"><h2>");
        html_text(b, _("Preview"));
        HTML_LIT(b, "</h2>\n<div class=\"body\" dir=\"auto\">");
        html_frag(b,
                  (struct html_frag){f->preview_html, strlen(f->preview_html)});
        HTML_LIT(b, "</div></section>\n");
    }
    if (f->embed_preview)
        embed_preview(b, f->embed_preview);
    form_buttons(b, f, new_post, editor);
    HTML_LIT(b, "<p class=\"autosave muted\" aria-live=\"polite\"></p>\n"
                "</form>\n");
    buf_release(&label);
}

/* ==== The pages ==== */

static void update_row(struct buf *b, const struct tracker *t,
                       const struct update *u)
{
    HTML_LIT(b, "<li><a");
    html_attrf(b, "href", "/admin/t/%s/u/%lld", t->slug, (long long)u->number);
    HTML_LIT(b, ">#");
    html_textf(b, "%lld", (long long)u->number);
    HTML_LIT(b, "</a> <span class=\"status\">");
    status_text(b, t, u);
    if (u->pinned)
        html_text(b, _(", pinned"));
    if (u->key_event)
        html_text(b, _(", key event"));
    HTML_LIT(b, "</span> <span dir=\"auto\">");
    if (u->title && *u->title)
        html_text(b, u->title);
    else
        html_textn(b, u->body_md, strnlen(u->body_md, 80));
    HTML_LIT(b, "</span> <span class=\"muted\">");
    html_text(b, u->author);
    HTML_LIT(b, ", ");
    render_desk_time(b, u->revised_at);
    HTML_LIT(b, "</span></li>\n");
}

void render_desk_tracker(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct post_form *f,
                         const struct update *u, size_t n)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin_script(b, d, t->title, LAYOUT_DESK);
    render_desk_archived(b, t);
    bool editor = d->roles & ROLE_EDITOR;
    if (d->roles & (ROLE_EDITOR | ROLE_CUSTODIAN)) {
        HTML_LIT(b, "<p><a");
        html_attrf(b, "href", "/admin/t/%s/victims", t->slug);
        HTML_LIT(b, ">");
        html_text(b, _("The victims registry"));
        HTML_LIT(b, "</a></p>\n");
    }
    if (editor) {
        struct buf link = BUF_INIT(HTML_SCRATCH_MAX);
        HTML_LIT(&link, "<a");
        html_attrf(&link, "href", "/admin/t/%s/media", t->slug);
        HTML_LIT(&link, ">");
        html_text(&link, _("Add an image"));
        HTML_LIT(&link, "</a>");
        HTML_LIT(b, "<p>");
        html_msg(b, _("%s, with faces hidden, to put in an update"),
                 &(struct html_frag){buf_cstr(&link), link.len}, 1);
        HTML_LIT(b, "</p>\n");
        buf_release(&link);
    }
    HTML_LIT(b, "<h2>");
    html_text(b, _("New update"));
    HTML_LIT(b, "</h2>\n");
    if (!editor) {
        HTML_LIT(b, "<p class=\"muted\">");
        html_text(b,
                  _("Your posts are drafts until an editor publishes them."));
        HTML_LIT(b, "</p>\n");
    }
    keeping_form(b, d,
                 render_desk_scratchf(&path, "/admin/t/%s/updates", t->slug),
                 f->autosave);
    update_fields(b, f, true, editor, t->timezone);
    HTML_LIT(b, "<h2>");
    html_text(b, _("Drafts and scheduled"));
    HTML_LIT(b, "</h2>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++)
        if (u[i].status == UPDATE_DRAFT || u[i].status == UPDATE_SCHEDULED)
            update_row(b, t, &u[i]);
    HTML_LIT(b, "</ul>\n<h2>");
    html_text(b, _("Published"));
    HTML_LIT(b, "</h2>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++)
        if (u[i].status == UPDATE_PUBLISHED || u[i].status == UPDATE_RETRACTED)
            update_row(b, t, &u[i]);
    HTML_LIT(b, "</ul>\n");
    render_desk_end(b, d);
    buf_release(&path);
}

/* The update's one-button changes (core's update_acts) that apply to it
 * now, for editors. */
static void update_actions(struct buf *b, const struct desk *d,
                           const struct update *u, const char *base)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    HTML_LIT(b, "<div class=\"actions\">\n");
    for (size_t i = 0; i < UPDATE_ACT_COUNT; i++) {
        const struct update_act_row *act = &update_acts[i];
        if (act->offered && act->offered(u))
            render_desk_button(
                b, d, render_desk_scratchf(&path, "%s/%s", base, act->name),
                act->label);
    }
    HTML_LIT(b, "</div>\n");
    buf_release(&path);
}

/* Who else has the update open (the desk's script keeps it current). */
static void presence_line(struct buf *b, const struct tracker *t,
                          const struct post_form *f)
{
    HTML_LIT(b, "<p class=\"presence muted\" id=\"presence\">");
    for (size_t i = 0; i < f->nothers; i++) {
        char hhmm[6];
        tracker_local_clock(t, f->others[i].seen_at, hhmm);
        if (i)
            HTML_LIT(b, ", ");
        else {
            html_text(b, _("Also open now:"));
            HTML_LIT(b, " ");
        }
        html_text(b, f->others[i].login);
        html_textf(b, " (%s)", hhmm);
    }
    HTML_LIT(b, "</p>\n");
}

/* Beside an edit refused as stale: the text saved meanwhile. */
static void theirs_column(struct buf *b, const struct tracker *t,
                          const struct post_form *f)
{
    const struct update *now = f->theirs, *by = f->theirs_by;
    HTML_LIT(b, "<div class=\"theirs\"><h3>");
    struct buf rev = BUF_INIT(HTML_SCRATCH_MAX);
    struct buf who = BUF_INIT(HTML_SCRATCH_MAX);
    struct buf when = BUF_INIT(HTML_SCRATCH_MAX);
    html_number(&rev, by->rev_no);
    local_time_text(&when, t, by->revised_at);
    html_msg(b, _("Theirs: revision %1$s, by %2$s, %3$s"),
             (struct html_frag[]){{buf_cstr(&rev), rev.len},
                                  html_frag_bdi(&who, by->author),
                                  {buf_cstr(&when), when.len}},
             3);
    buf_release(&rev);
    buf_release(&who);
    buf_release(&when);
    HTML_LIT(b, "</h3>\n<label>");
    html_text(b, _("Their title"));
    HTML_LIT(b, " <input readonly");
    html_attr(b, "value", now->title);
    HTML_LIT(b, " dir=\"auto\"></label>\n<label>");
    html_text(b, _("Their text"));
    HTML_LIT(b, " <textarea readonly rows=\"8\" dir=\"auto\">");
    html_text(b, now->body_md);
    HTML_LIT(b, "</textarea></label>\n<div class=\"body\" dir=\"auto\">");
    html_frag(b, (struct html_frag){now->body_html, strlen(now->body_html)});
    HTML_LIT(b, "</div></div>\n");
}

/* The edit form; for a stale edit, the editor's text and theirs side by
 * side with the choice. */
static void edit_section(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct post_form *f,
                         const char *base)
{
    HTML_LIT(b, "<h2>");
    html_text(b, _("Edit"));
    HTML_LIT(b, "</h2>\n");
    presence_line(b, t, f);
    if (f->theirs) {
        HTML_LIT(b, "<section class=\"conflict\"><p>");
        html_text(b, _("Someone else changed this update after you started. "
                       "Nothing is lost: your text is on one side, theirs on "
                       "the other. \u201cKeep mine\u201d saves yours as the "
                       "next revision (theirs stays in the history); "
                       "\u201cMerge by hand\u201d puts both texts in your "
                       "box to edit into one; \u201cTake theirs\u201d drops "
                       "yours."));
        HTML_LIT(b, "</p>\n<div class=\"sidebyside\"><div class=\"mine\"><h3>");
        html_text(b, _("Yours"));
        HTML_LIT(b, "</h3>\n");
    }
    keeping_form(b, d, base, f->autosave);
    update_fields(b, f, false, d->roles & ROLE_EDITOR, t->timezone);
    if (f->theirs) {
        HTML_LIT(b, "</div>\n");
        theirs_column(b, t, f);
        HTML_LIT(b, "</div></section>\n");
    }
}

void render_desk_update(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct update *u,
                        const struct post_form *f, const struct update *revs,
                        size_t nrev)
{
    struct buf base = BUF_INIT(HTML_SCRATCH_MAX);
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin_script(
        b, d,
        render_desk_scratchf(&path, _("Update #%lld"), (long long)u->number),
        LAYOUT_DESK);
    buf_printf(&base, "/admin/t/%s/u/%lld", t->slug, (long long)u->number);
    HTML_LIT(b, "<p class=\"status\">");
    status_text(b, t, u);
    if (u->pinned)
        html_text(b, _(", pinned"));
    if (u->key_event)
        html_text(b, _(", key event"));
    HTML_LIT(b, "; ");
    html_msg_num(b, _("revision %s"), u->rev_no);
    HTML_LIT(b, "</p>\n");
    if (d->roles & ROLE_EDITOR)
        update_actions(b, d, u, buf_cstr(&base));
    if (u->status != UPDATE_RETRACTED)
        edit_section(b, d, t, f, buf_cstr(&base));
    HTML_LIT(b, "<h2>");
    html_text(b, _("Revisions"));
    HTML_LIT(b, "</h2>\n<ol class=\"revisions\">\n");
    for (size_t i = 0; i < nrev; i++) {
        struct buf what = BUF_INIT(HTML_SCRATCH_MAX);
        struct buf who = BUF_INIT(HTML_SCRATCH_MAX);
        struct buf when = BUF_INIT(HTML_SCRATCH_MAX);
        html_text(&what,
                  _(enum_label_of(&revision_reason_names, revs[i].reason)));
        render_desk_time(&when, revs[i].revised_at);
        HTML_LIT(b, "<li><span class=\"muted\">");
        /* TRANSLATORS: a revision: "edited by nadia, 28 December 2019
         * 15:30 UTC". */
        html_msg(b, _("%1$s by %2$s, %3$s"),
                 (struct html_frag[]){{buf_cstr(&what), what.len},
                                      html_frag_bdi(&who, revs[i].author),
                                      {buf_cstr(&when), when.len}},
                 3);
        buf_release(&what);
        buf_release(&who);
        buf_release(&when);
        HTML_LIT(b, "</span><div class=\"body\" dir=\"auto\">");
        html_frag(b, (struct html_frag){revs[i].body_html,
                                        strlen(revs[i].body_html)});
        HTML_LIT(b, "</div></li>\n");
    }
    HTML_LIT(b, "</ol>\n");
    render_desk_end(b, d);
    buf_release(&path);
    buf_release(&base);
}
