/*
 * test_i18n.c: util/i18n.h, messages in the thread's language.
 *
 * Reads the catalogs the build compiled from po/ (build/locale), through
 * the locales install-deps.sh generates: a missing locale fails here
 * rather than leaving a Persian tracker's pages English unnoticed. Two
 * threads write in two languages at once.
 */
#include "util/i18n.h"

#include <pthread.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

static void finds_languages(void **state)
{
    (void)state;
    CHECK_STR("fa", i18n_lang_find("fa")->tag, "fa");
    CHECK_STR("fa-IR", i18n_lang_find("fa-IR")->tag, "fa");
    CHECK_STR("AR", i18n_lang_find("AR")->tag, "ar");
    CHECK_STR("a list: its first", i18n_lang_find("fa,en")->tag, "fa");
    CHECK_INT("fa is right to left", i18n_lang_find("fa")->rtl, 1);
    CHECK_INT("en is not", i18n_lang_find("en")->rtl, 0);
    CHECK_INT("Persian readers' calendar", i18n_lang_find("fa")->calendar,
              CAL_PERSIAN);
    CHECK_INT("no such language", i18n_lang_find("xx") == NULL, 1);
    CHECK_INT("nor a prefix of one", i18n_lang_find("f") == NULL, 1);
    CHECK_INT("NULL", i18n_lang_find(NULL) == NULL, 1);
}

static void init_once(void)
{
    struct vg_err err = VG_ERR_INIT;
    int rc = i18n_init(VIGIL_LOCALEDIR, &err);
    CHECK_CODE(err.msg, rc, 0);
}

static const char *in(const char *tag, const char *msgid)
{
    struct i18n_scope s = i18n_begin(i18n_lang_find(tag), NULL);
    const char *t = _(msgid);
    i18n_end(s);
    return t;
}

static void translates(void **state)
{
    (void)state;
    init_once();
    CHECK_STR("fa", in("fa", "Key event"), "رویداد کلیدی");
    CHECK_STR("ar", in("ar", "Key event"), "حدث رئيسي");
    CHECK_STR("en", in("en", "Key event"), "Key event");
    CHECK_STR("a language without a catalog: English", in("xx", "Key event"),
              "Key event");
    CHECK_STR("after a scope ends: English again", _("Key event"), "Key event");
}

struct job {
    const char *tag, *want;
    int wrong;
};

static void *speak(void *p)
{
    struct job *j = p;
    for (int i = 0; i < 2000; i++)
        if (strcmp(in(j->tag, "Pinned"), j->want) != 0)
            j->wrong++;
    return NULL;
}

static void one_language_per_thread(void **state)
{
    (void)state;
    init_once();
    struct job jobs[] = {{"fa", "سنجاق‌شده", 0},
                         {"en", "Pinned", 0},
                         {"ar", "مثبّت", 0}};
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, speak, &jobs[i]);
    for (int i = 0; i < 3; i++) {
        pthread_join(t[i], NULL);
        CHECK_INT(jobs[i].tag, jobs[i].wrong, 0);
    }
}

static void styles_nest(void **state)
{
    (void)state;
    init_once();
    CHECK_STR("outside: English", i18n_style()->lang, "en");
    const struct cal_style latin = {"ar", CAL_GREGORIAN, CAL_DIGITS_LATIN,
                                    false};
    struct i18n_scope fa = i18n_begin(i18n_lang_find("fa"), NULL);
    CHECK_INT("fa: Solar Hijri", i18n_style()->calendar, CAL_PERSIAN);
    struct i18n_scope ar = i18n_begin(i18n_lang_find("ar"), &latin);
    CHECK_INT("ar with Latin digits", i18n_style()->digits, CAL_DIGITS_LATIN);
    CHECK_STR("ar's messages", _("Key event"), "حدث رئيسي");
    i18n_end(ar);
    CHECK_STR("fa again", i18n_style()->lang, "fa");
    CHECK_STR("fa's messages again", _("Key event"), "رویداد کلیدی");
    i18n_end(fa);
    CHECK_STR("English again", i18n_style()->lang, "en");
    CHECK_STR("English messages again", _("Key event"), "Key event");
}

static void styles_of_tags(void **state)
{
    (void)state;
    static const struct {
        const char *tags;
        const char *lang;
        enum cal_calendar calendar;
        enum cal_digits digits;
    } cases[] = {
        {"fa", "fa", CAL_PERSIAN, CAL_DIGITS_NATIVE},
        {"fa,en", "fa", CAL_PERSIAN, CAL_DIGITS_NATIVE},
        {"fa-IR", "fa", CAL_PERSIAN, CAL_DIGITS_NATIVE},
        {"fa-u-ca-gregory", "fa", CAL_GREGORIAN, CAL_DIGITS_NATIVE},
        {"fa-u-nu-latn,en", "fa", CAL_PERSIAN, CAL_DIGITS_LATIN},
        {"ar", "ar", CAL_GREGORIAN, CAL_DIGITS_NATIVE},
        {"ar-u-nu-latn", "ar", CAL_GREGORIAN, CAL_DIGITS_LATIN},
        {"ar-SD-u-ca-persian", "ar", CAL_PERSIAN, CAL_DIGITS_NATIVE},
        {"en", "en", CAL_GREGORIAN, CAL_DIGITS_NATIVE},
        {"de", "en", CAL_GREGORIAN, CAL_DIGITS_NATIVE},
        {"ar-u-nu-arab", "ar", CAL_GREGORIAN, CAL_DIGITS_NATIVE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct cal_style s;
        i18n_style_of(cases[i].tags, &s);
        CHECK_STR(cases[i].tags, s.lang, cases[i].lang);
        CHECK_INT(cases[i].tags, s.calendar, cases[i].calendar);
        CHECK_INT(cases[i].tags, s.digits, cases[i].digits);
    }
}

int test_util_i18n(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_languages),
        cmocka_unit_test(translates),
        cmocka_unit_test(one_language_per_thread),
        cmocka_unit_test(styles_nest),
        cmocka_unit_test(styles_of_tags),
    };
    return cmocka_run_group_tests_name("util_i18n", tests, NULL, NULL);
}
