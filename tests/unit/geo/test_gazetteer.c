/*
 * test_gazetteer.c: geo/gazetteer.h on the checked-in subset
 * (data/gazetteer/test.tsv with places.tsv and aliases.tsv), driven by
 * the table tests/geo/places.tsv (STYLE 28: cases as data files).
 */
#include "geo/gazetteer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

static int setup(void **state)
{
    struct gazetteer *g;
    struct vg_err err = VG_ERR_INIT;
    if (gazetteer_load("data/gazetteer", "test.tsv", &g, &err) != 0) {
        fprintf(stderr, "gazetteer: %s\n", err.msg);
        return -1;
    }
    *state = g;
    return 0;
}

static int teardown(void **state)
{
    gazetteer_free(*state);
    return 0;
}

/* Each case of tests/geo/places.tsv finds the right place first. */
static void article_places_resolve(void **state)
{
    struct gazetteer *g = *state;
    FILE *f = fopen("tests/geo/places.tsv", "r");
    assert_non_null(f);
    char line[512];
    int cases = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = '\0';
        char *field[7], *p = line;
        for (int i = 0; i < 7; i++) {
            field[i] = p;
            p += strcspn(p, "\t");
            if (*p)
                *p++ = '\0';
        }
        const struct place *hit[4];
        const char *hint = strcmp(field[1], "-") == 0 ? NULL : field[1];
        size_t n = gazetteer_find(g, field[0], hint, hit, 4);
        CHECK_INT(field[0], n >= 1, 1);
        CHECK_STR(field[0], hit[0]->name, field[2]);
        CHECK_STR(field[0], hit[0]->country, field[3]);
        CHECK_STR(field[0], hit[0]->admin1, field[4]);
        CHECK_INT(field[0], fabs(hit[0]->lat - atof(field[5])) < 1e-4, 1);
        CHECK_INT(field[0], fabs(hit[0]->lon - atof(field[6])) < 1e-4, 1);
        cases++;
    }
    fclose(f);
    CHECK_INT("cases", cases >= 20, 1);
}

static void folding(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"Orūmīyeh", "orumiyeh"},
        {"Miando’ab", "miandoab"},
        {"Bandar-e  Māhshahr", "bandar e mahshahr"},
        {"Şūfīān", "sufian"},
        {"Place du Trocadéro", "place du trocadero"},
        {"  (Tehran) ", "tehran"},
        {"ŁÓDŹ", "łodz"},
        /* Persian and Arabic spellings of one name fold alike, to the
         * Persian letters. */
        {"كرمانشاه", "کرمانشاه"},           /* Arabic kaf */
        {"شيراز", "شیراز"},                 /* Arabic yeh */
        {"دبى", "دبی"},                     /* alef maksura */
        {"البصرة", "البصره"},               /* teh marbuta */
        {"أصفهان", "اصفهان"},               /* hamza above */
        {"إيران", "ایران"},                 /* hamza below */
        {"آبادان", "ابادان"},               /* madda */
        {"ٱلقاهرة", "القاهره"},             /* alef wasla */
        {"بَيْرُوت", "بیروت"},                 /* harakat */
        {"اَلدَّوْحَة", "الدوحه"},               /* harakat and shadda */
        {"دریاچۀ ارومیه", "دریاچه ارومیه"}, /* heh with yeh above */
        {"ھرمزگان", "هرمزگان"},             /* heh doachashmee */
        {"ہرات", "هرات"},                   /* heh goal (search's table) */
        {"کرمان\u200dشاه", "کرمانشاه"},     /* zero-width joiner */
        {"بغـــداد", "بغداد"},              /* tatweel */
        {"کرمان\u200cشاه", "کرمانشاه"},     /* zero-width non-joiner */
        {"خراسان  رضوی،", "خراسان رضوی"},   /* Arabic comma */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[FOLD_MAX];
        CHECK_INT(
            cases[i].in,
            geo_fold(cases[i].in, strlen(cases[i].in), out, sizeof out) > 0, 1);
        CHECK_STR(cases[i].in, out, cases[i].out);
    }
    char small[4];
    CHECK_INT("too long", geo_fold("Tehran", 6, small, sizeof small), -1);
    CHECK_INT("not UTF-8", geo_fold("\xff", 1, small, sizeof small), -1);
}

/* A hinted country wins over a namesake elsewhere; unknown names find
 * nothing. */
static void ranking(void **state)
{
    struct gazetteer *g = *state;
    const struct place *hit[16];
    size_t n = gazetteer_find(g, "Paris", "US", hit, 16);
    CHECK_INT("Paris in the US", n > 5, 1);
    CHECK_STR("Paris in the US", hit[0]->country, "US");
    /* After the hinted country's, the alias's Paris, then the rest. */
    size_t i = 0;
    while (i < n && strcmp(hit[i]->country, "US") == 0)
        i++;
    CHECK_INT("the alias next", i < n, 1);
    CHECK_STR("the alias next", hit[i]->country, "FR");
    CHECK_INT("nowhere", gazetteer_find(g, "Atlantis", NULL, hit, 16), 0);
    CHECK_INT("empty", gazetteer_find(g, "", NULL, hit, 16), 0);
    CHECK_INT("punctuation", gazetteer_find(g, "'--'", NULL, hit, 16), 0);
}

int test_geo_gazetteer(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folding),
        cmocka_unit_test_setup_teardown(article_places_resolve, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(ranking, setup, teardown),
    };
    return cmocka_run_group_tests_name("geo_gazetteer", tests, NULL, NULL);
}
