/*
 * test_fold.c: util/fold.h: what text folds to (the words search indexes
 * and matches on both stores) and the keys names match by.
 */
#include "util/fold.h"

#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

static const struct {
    const char *in, *out;
} text_cases[] = {
    {"Tear gas at the STATION.", "tear gas at the station"},
    {"Mīāndoāb, Miando'ab", "miandoab miandoab"},
    {"Ça coûte 3.5 €", "ca coute 3 5"},
    {"Straße", "strasse"},
    /* Arabic yeh and kaf are the Persian ones; ZWNJ joins, tashkeel and
     * tatweel go. */
    {"\xd9\x8a\xd9\x83", "\xdb\x8c\xda\xa9"},                /* يك */
    {"\xdb\x8c\xda\xa9", "\xdb\x8c\xda\xa9"},                /* یک */
    {"\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb1\xd9\x88\xd9\x85", /* می‌روم */
     "\xd9\x85\xdb\x8c\xd8\xb1\xd9\x88\xd9\x85"},            /* میروم */
    {"\xd9\x85\xd9\x8f\xd8\xad\xd9\x8e\xd9\x85\xd9\x91\xd9\x8e\xd8\xaf",
     "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf"},                 /* مُحَمَّد */
    {"\xd9\x83\xd9\x80\xd8\xaa\xd8\xa7\xd8\xa8",          /* كـتاب */
     "\xda\xa9\xd8\xaa\xd8\xa7\xd8\xa8"},                 /* کتاب */
    {"\xd8\xa2\xd8\xa8", "\xd8\xa7\xd8\xa8"},             /* آب: ا + madda */
    {"\xdb\xb1\xdb\xb3\xdb\xb9\xdb\xb8 \xd9\xa2\xd9\xa0", /* ۱۳۹۸ ٢٠ */
     "1398 20"},
    /* Letters Persian and Arabic spell one word with. */
    {"ي ى ی ے", "ی ی ی ی"},     /* yeh, alef maksura, barree */
    {"كتاب کتاب", "کتاب کتاب"}, /* kaf, keheh */
    {"مدرسة مدرسه البصرة", "مدرسه مدرسه البصره"}, /* teh marbuta */
    {"أحمد إيران آب ٱلله", "احمد ایران اب الله"}, /* alef forms */
    {"مسؤول رئيس", "مسوول رییس"},                 /* hamza on waw, yeh */
    {"دریاچۀ خانهٔ", "دریاچه خانه"},               /* heh and hamza */
    {"ھرمزگان ہرات", "هرمزگان هرات"},             /* heh variants */
    {"كِتَابٌ هٰذا شَدّ", "کتاب هذا شد"},               /* harakat, shadda, alef */
    {"بـــغداد", "بغداد"},                        /* tatweel */
    {"می‌روند می‍روند", "میروند میروند"}, /* ZWNJ, ZWJ */
    {"۱۲۳۴۵۶۷۸۹۰ ٠١٢٣٤٥٦٧٨٩", "1234567890 0123456789"},
    {"۲۸ آبان ۱۳۹۸، ٢٠١٩م", "28 ابان 1398 2019م"},
    {"२०१९", "2019"},        /* any script's decimal digits */
    {"ﻻ ﺑﻴﺮﻭﺕ", "لا بیروت"}, /* presentation forms */
    {"<script>alert('x')</script>", "script alert x script"},
    {"a\xff"
     "b",
     "a b"}, /* an invalid byte separates words */
    {"  ... -- ", ""},
};

static void text_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof text_cases / sizeof *text_cases; i++) {
        struct buf b = BUF_INIT(1 << 16);
        fold_text(&b, text_cases[i].in, strlen(text_cases[i].in));
        if (strcmp(buf_cstr(&b), text_cases[i].out) != 0)
            fail_msg("case %zu: \"%s\" folded to \"%s\", want \"%s\"", i,
                     text_cases[i].in, buf_cstr(&b), text_cases[i].out);
        buf_release(&b);
    }
}

/* Fields folded one after the other stay apart. */
static void fields_apart(void **state)
{
    (void)state;
    struct buf b = BUF_INIT(1 << 16);
    fold_text(&b, "Tehran", 6);
    fold_text(&b, "", 0);
    fold_text(&b, "Shiraz!", 7);
    assert_string_equal(buf_cstr(&b), "tehran shiraz");
    buf_release(&b);
}

static int collect(size_t off, size_t len, const char *folded, size_t flen,
                   void *ctx)
{
    struct buf *b = ctx;
    buf_printf(b, "%zu+%zu=%.*s;", off, len, (int)flen, folded);
    return 0;
}

/* Each word's place in the original, for highlighting. */
static void word_spans(void **state)
{
    (void)state;
    struct buf b = BUF_INIT(1 << 16);
    const char *s = "Hi, Mīāndoāb's";
    fold_words(s, strlen(s), 0, collect, &b);
    assert_string_equal(buf_cstr(&b), "0+2=hi;4+13=miandoabs;");
    buf_reset(&b);
    fold_words(s, strlen(s), FOLD_POSSESSIVE, collect, &b);
    assert_string_equal(buf_cstr(&b), "0+2=hi;4+11=miandoab;");
    /* A joiner and the marks inside a word are in its span, so a match
     * marks the word as written. */
    buf_reset(&b);
    s = "«می‌روند» كِتَاب";
    fold_words(s, strlen(s), 0, collect, &b);
    assert_string_equal(buf_cstr(&b), "2+15=میروند;20+12=کتاب;");
    buf_release(&b);
}

/* A long word is cut at a character, never inside one. */
static void long_word(void **state)
{
    (void)state;
    char in[400];
    for (size_t i = 0; i + 2 < sizeof in; i += 2)
        memcpy(in + i, "\xd8\xa8", 2); /* ب */
    in[sizeof in - 2] = '\0';
    struct buf b = BUF_INIT(1 << 16);
    fold_text(&b, in, strlen(in));
    assert_int_equal(b.len, FOLD_WORD_MAX);
    buf_release(&b);
}

static const struct {
    const char *a, *b;
} same_names[] = {
    {"Georgia's Public Defender", "Public Defender of Georgia"},
    {"the Public Defender of Georgia", "public defender, georgia"},
    {"Amnesty International", "AMNESTY  international"},
    {"Iran Human Rights", "Iran human rights"},
};

static const struct {
    const char *a, *b;
} other_names[] = {
    {"Public Defender of Georgia", "Public Defender of Armenia"},
    {"Reuters, citing three Interior Ministry officials",
     "Georgia's Public Defender"},
};

static void name_keys(void **state)
{
    (void)state;
    struct buf a = BUF_INIT(1 << 16), b = BUF_INIT(1 << 16);
    for (size_t i = 0; i < sizeof same_names / sizeof *same_names; i++) {
        buf_reset(&a), buf_reset(&b);
        fold_name_key(&a, same_names[i].a);
        fold_name_key(&b, same_names[i].b);
        if (strcmp(buf_cstr(&a), buf_cstr(&b)) != 0)
            fail_msg("\"%s\" and \"%s\": keys \"%s\" and \"%s\"",
                     same_names[i].a, same_names[i].b, buf_cstr(&a),
                     buf_cstr(&b));
    }
    for (size_t i = 0; i < sizeof other_names / sizeof *other_names; i++) {
        buf_reset(&a), buf_reset(&b);
        fold_name_key(&a, other_names[i].a);
        fold_name_key(&b, other_names[i].b);
        if (strcmp(buf_cstr(&a), buf_cstr(&b)) == 0)
            fail_msg("\"%s\" and \"%s\" share key \"%s\"", other_names[i].a,
                     other_names[i].b, buf_cstr(&a));
    }
    buf_reset(&a);
    fold_name_key(&a, "Georgia's Public Defender");
    assert_string_equal(buf_cstr(&a), "defender georgia public");
    assert_true(fold_key_within("defender georgia", buf_cstr(&a)));
    assert_false(fold_key_within("defender armenia", buf_cstr(&a)));
    assert_true(fold_key_within("", buf_cstr(&a)));
    buf_release(&a);
    buf_release(&b);
}

int test_util_fold(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_table), cmocka_unit_test(fields_apart),
        cmocka_unit_test(word_spans), cmocka_unit_test(long_word),
        cmocka_unit_test(name_keys),
    };
    return cmocka_run_group_tests_name("util/fold", tests, NULL, NULL);
}
