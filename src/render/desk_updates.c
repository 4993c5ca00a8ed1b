/* desk_updates.c: the desk's pages of updates. */
#include "core/platforms.h"
#include "render/embed.h"
#include "render/desk_updates.h"

#include <string.h>

#include "core/day.h"
#include "render/html.h"

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
    char iso[TIMESTAMP_LEN + 1], date[DATE_LEN + 1], hhmm[6];
    timestamp_format(at, iso);
    date_format(tracker_local_clock(t, at, hhmm), date);
    HTML_LIT(b, "<time");
    html_attr(b, "datetime", iso);
    HTML_LIT(b, ">");
    html_textf(b, "%s %s", date, hhmm);
    HTML_LIT(b, "</time> ");
    html_text(b, t->timezone);
}

/* ==== The post and edit forms ==== */

/* The buttons of an edit whose text someone else changed meanwhile. */
static void conflict_buttons(struct buf *b)
{
    HTML_LIT(b, "<button name=\"save\" value=\"mine\">Keep mine</button> "
                "<button name=\"resolve\" value=\"merge\" formnovalidate>"
                "Merge by hand</button> "
                "<button name=\"resolve\" value=\"discard\" formnovalidate>"
                "Take theirs</button>\n");
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
    HTML_LIT(b, "<button name=\"preview\" value=\"1\">Preview</button> "
                "<button name=\"save\" value=\"1\">");
    if (!new_post)
        HTML_LIT(b, "Save the edit");
    else if (editor)
        HTML_LIT(b, "Publish");
    else
        HTML_LIT(b, "Save the draft for an editor");
    HTML_LIT(b, "</button>\n");
    if (f->kept)
        HTML_LIT(b, "<button name=\"resolve\" value=\"discard\" "
                    "formnovalidate>Discard this unsaved text</button>\n");
}

/* The fields of a post from elsewhere or a video: the link, and what the
 * editor types or confirms, since Vigil fetches nothing from it. */
static void embed_fields(struct buf *b, const struct embed_input *e)
{
    HTML_LIT(b, "<fieldset class=\"embed-fields\"><legend>A post from "
                "elsewhere, or a video (optional)</legend>\n<p "
                "class=\"muted\">Paste the link to a post on X, Telegram, "
                "Instagram, YouTube, Facebook, TikTok, Mastodon or Bluesky, "
                "or to a video. Vigil fetches nothing from it: type or "
                "confirm who posted it, when, and its text. Readers see "
                "them as a quote, and load nothing from the platform until "
                "they ask. Preview to see which platform Vigil "
                "recognises.</p>\n");
    render_desk_input(b, "Link", "embed", e->url, "url", false);
    render_desk_input(b, "Posted by", "embed_author", e->author, "text", false);
    HTML_LIT(b, "<label>Its text, as you read it <textarea "
                "name=\"embed_text\" rows=\"4\" dir=\"auto\">");
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
    HTML_LIT(b, "<section class=\"preview\"><h2>The post, as readers will "
                "see it</h2>\n<p>Recognised: ");
    html_text(b, platform_label(platform_by_key(e->platform)));
    if (e->handle) {
        HTML_LIT(b, ", ");
        html_text(b, e->handle);
    }
    HTML_LIT(b, ". The record keeps the link as <code>");
    html_text(b, e->url);
    HTML_LIT(b, "</code>.</p>\n");
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
    HTML_LIT(b, "<label>Text (Markdown) <textarea name=\"body\" rows=\"8\" "
                "required dir=\"auto\">");
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
                    &label, "Publish later, at (%s time; empty: now)", zone),
                "publish_at", f->publish_at, "datetime-local", false);
        }
    }
    if (f->preview_html) {
        HTML_LIT(b, "<section class=\"preview\"><h2>Preview</h2>\n"
                    "<div class=\"body\" dir=\"auto\">");
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
    html_text(b, enum_name(&update_status_names, (int)u->status));
    if (u->status == UPDATE_SCHEDULED) {
        HTML_LIT(b, " for ");
        local_time_text(b, t, u->published_at);
    }
    if (u->pinned)
        HTML_LIT(b, ", pinned");
    if (u->key_event)
        HTML_LIT(b, ", key event");
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
        HTML_LIT(b, ">The victims registry</a></p>\n");
    }
    if (editor) {
        HTML_LIT(b, "<p><a");
        html_attrf(b, "href", "/admin/t/%s/media", t->slug);
        HTML_LIT(b, ">Add an image</a>, with faces hidden, to put in an "
                    "update</p>\n");
    }
    HTML_LIT(b, "<h2>New update</h2>\n");
    if (!editor)
        HTML_LIT(b, "<p class=\"muted\">Your posts are drafts until an "
                    "editor publishes them.</p>\n");
    keeping_form(b, d,
                 render_desk_scratchf(&path, "/admin/t/%s/updates", t->slug),
                 f->autosave);
    update_fields(b, f, true, editor, t->timezone);
    HTML_LIT(b, "<h2>Drafts and scheduled</h2>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++)
        if (u[i].status == UPDATE_DRAFT || u[i].status == UPDATE_SCHEDULED)
            update_row(b, t, &u[i]);
    HTML_LIT(b, "</ul>\n<h2>Published</h2>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++)
        if (u[i].status == UPDATE_PUBLISHED || u[i].status == UPDATE_RETRACTED)
            update_row(b, t, &u[i]);
    HTML_LIT(b, "</ul>\n");
    render_desk_end(b, d);
    buf_release(&path);
}

/* The update's actions (publish, retract, pin, key), for editors. */
static void update_actions(struct buf *b, const struct desk *d,
                           const struct update *u, const char *base)
{
    static const struct {
        const char *path, *label;
        int when; /* which state shows it: see `show` below */
    } acts[] = {
        {"/publish", "Publish", 0},
        {"/retract", "Retract", 1},
        {"/pin", "Pin", 2},
        {"/unpin", "Unpin", 3},
        {"/key", "Mark as key event", 4},
        {"/unkey", "Unmark key event", 5},
    };
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    bool draft = u->status == UPDATE_DRAFT || u->status == UPDATE_SCHEDULED;
    bool live = u->status == UPDATE_PUBLISHED;
    HTML_LIT(b, "<div class=\"actions\">\n");
    for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
        bool show = (acts[i].when == 0 && draft) ||
                    (acts[i].when == 1 && live) ||
                    (acts[i].when == 2 && live && !u->pinned) ||
                    (acts[i].when == 3 && u->pinned) ||
                    (acts[i].when == 4 && !u->key_event && !draft) ||
                    (acts[i].when == 5 && u->key_event);
        if (show)
            render_desk_button(
                b, d, render_desk_scratchf(&path, "%s%s", base, acts[i].path),
                acts[i].label);
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
        else
            HTML_LIT(b, "Also open now: ");
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
    html_textf(b, "Theirs: revision %lld, by %s, ", (long long)by->rev_no,
               by->author);
    local_time_text(b, t, by->revised_at);
    HTML_LIT(b, "</h3>\n<label>Their title <input readonly");
    html_attr(b, "value", now->title);
    HTML_LIT(b, " dir=\"auto\"></label>\n<label>Their text <textarea "
                "readonly rows=\"8\" dir=\"auto\">");
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
    HTML_LIT(b, "<h2>Edit</h2>\n");
    presence_line(b, t, f);
    if (f->theirs) {
        HTML_LIT(b, "<section class=\"conflict\"><p>Someone else changed "
                    "this update after you started. Nothing is lost: your "
                    "text is on the left, theirs on the right. <strong>Keep "
                    "mine</strong> saves yours as the next revision (theirs "
                    "stays in the history); <strong>Merge by hand</strong> "
                    "puts both texts in your box to edit into one; "
                    "<strong>Take theirs</strong> drops yours.</p>\n"
                    "<div class=\"sidebyside\"><div class=\"mine\">"
                    "<h3>Yours</h3>\n");
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
        b, d, render_desk_scratchf(&path, "Update #%lld", (long long)u->number),
        LAYOUT_DESK);
    buf_printf(&base, "/admin/t/%s/u/%lld", t->slug, (long long)u->number);
    HTML_LIT(b, "<p class=\"status\">");
    html_text(b, enum_name(&update_status_names, (int)u->status));
    if (u->status == UPDATE_SCHEDULED) {
        HTML_LIT(b, " for ");
        local_time_text(b, t, u->published_at);
    }
    if (u->pinned)
        HTML_LIT(b, ", pinned");
    if (u->key_event)
        HTML_LIT(b, ", key event");
    html_textf(b, "; revision %lld", (long long)u->rev_no);
    HTML_LIT(b, "</p>\n");
    if (d->roles & ROLE_EDITOR)
        update_actions(b, d, u, buf_cstr(&base));
    if (u->status != UPDATE_RETRACTED)
        edit_section(b, d, t, f, buf_cstr(&base));
    HTML_LIT(b, "<h2>Revisions</h2>\n<ol class=\"revisions\">\n");
    for (size_t i = 0; i < nrev; i++) {
        HTML_LIT(b, "<li><span class=\"muted\">");
        html_text(b, revs[i].reason);
        HTML_LIT(b, " by ");
        html_text(b, revs[i].author);
        HTML_LIT(b, ", ");
        render_desk_time(b, revs[i].revised_at);
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
