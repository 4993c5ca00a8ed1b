/*
 * test_updates.c: core/updates.h's rules on revisions that need no
 * database: what counts as an edit on public pages, and whose text a
 * stale edit would replace.
 */
#include "core/updates.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

/* Revision rev_no of an update, published or not, with this text. */
static struct update rev(int64_t rev_no, enum update_status status,
                         const char *title, const char *body, bool pinned)
{
    return (struct update){.number = 6,
                           .rev_no = rev_no,
                           .status = status,
                           .pinned = pinned,
                           .title = title,
                           .body_md = body,
                           .author = "amina",
                           .revised_at = 1000 + rev_no};
}

static void only_text_seen_by_readers_is_edited(void **state)
{
    (void)state;
    struct update draft = rev(1, UPDATE_DRAFT, "T", "draft", false);
    struct update better = rev(2, UPDATE_DRAFT, "T", "better draft", false);
    update_note_edit(&draft, &better);
    CHECK_INT("a draft's text changed", better.edited_at, 0);
    struct update published =
        rev(3, UPDATE_PUBLISHED, "T", "better draft", false);
    update_note_edit(&better, &published);
    CHECK_INT("publishing a draft", published.edited_at, 0);
    struct update pinned = rev(4, UPDATE_PUBLISHED, "T", "better draft", true);
    update_note_edit(&published, &pinned);
    CHECK_INT("pinning", pinned.edited_at, 0);
    struct update retitled =
        rev(5, UPDATE_PUBLISHED, "T2", "better draft", true);
    update_note_edit(&pinned, &retitled);
    CHECK_INT("a new title", retitled.edited_at, 1005);
    struct update unpinned =
        rev(6, UPDATE_PUBLISHED, "T2", "better draft", false);
    update_note_edit(&retitled, &unpinned);
    CHECK_INT("an edit stays an edit", unpinned.edited_at, 1005);
    struct update rewritten = rev(7, UPDATE_PUBLISHED, "T2", "new", false);
    update_note_edit(&unpinned, &rewritten);
    CHECK_INT("a new body", rewritten.edited_at, 1007);
}

static void text_author_skips_changes_of_state(void **state)
{
    (void)state;
    struct update revs[] = {
        rev(1, UPDATE_DRAFT, "T", "a", false),
        rev(2, UPDATE_PUBLISHED, "T", "a", false),
        rev(3, UPDATE_PUBLISHED, "T", "b", false),
        rev(4, UPDATE_PUBLISHED, "T", "b", true),
    };
    revs[2].author = "omid";
    CHECK_INT("the edit, not the pin after it",
              update_text_author(revs, 4)->rev_no, 3);
    CHECK_STR(NULL, update_text_author(revs, 4)->author, "omid");
    CHECK_INT("no edit: the first", update_text_author(revs, 2)->rev_no, 1);
    CHECK_INT("none", update_text_author(revs, 0) == NULL, 1);
    CHECK_INT("kind counts", update_text_same(&revs[0], &revs[1]), 1);
    revs[1].kind = UPDATE_STATEMENT;
    CHECK_INT("kind counts", update_text_same(&revs[0], &revs[1]), 0);
    revs[1].kind = revs[0].kind;
    revs[1].lang = "fa";
    CHECK_INT("language counts", update_text_same(&revs[0], &revs[1]), 0);
}

int test_core_updates(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_text_seen_by_readers_is_edited),
        cmocka_unit_test(text_author_skips_changes_of_state),
    };
    return cmocka_run_group_tests_name("core/updates", tests, NULL, NULL);
}
