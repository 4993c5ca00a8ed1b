/*
 * lexicon.c: the extractor's rules as data (STYLE rule 25): the words it
 * knows, each with its classes (a month, a number word, a metric word,
 * an attribution verb, ...), and the qualifier phrases. Words are lower
 * case ASCII, or Persian and Arabic as they are written (folded once, as
 * the tokenizer folds the text: tok_fold); a word listed twice gets the
 * classes of both lines (the first line's value and metric win). Looked
 * up through a hash table built once.
 */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "extract/scan.h"
#include "util/hash.h"
#include "util/xmalloc.h"

#define W(word, classes, value)                      \
    {                                                \
        word, classes, value, EX_OTHER, 0, ROLE_NOUN \
    }
#define M(word, metric, strength, role)            \
    {                                              \
        word, LX_METRIC, 0, metric, strength, role \
    }
#define MP(word, metric, strength)                                  \
    {                                                               \
        word, LX_METRIC | LX_PERSON, 0, metric, strength, ROLE_NOUN \
    }

static const struct lex_entry words[] = {
    /* ==== Calendar ==== */
    W("january", LX_MONTH, 1),
    W("february", LX_MONTH, 2),
    W("march", LX_MONTH | LX_AMBIG, 3),
    W("april", LX_MONTH, 4),
    W("may", LX_MONTH | LX_AMBIG, 5),
    W("june", LX_MONTH, 6),
    W("july", LX_MONTH, 7),
    W("august", LX_MONTH, 8),
    W("september", LX_MONTH, 9),
    W("october", LX_MONTH, 10),
    W("november", LX_MONTH, 11),
    W("december", LX_MONTH, 12),
    W("jan", LX_MONTH | LX_ABBREV, 1),
    W("feb", LX_MONTH | LX_ABBREV, 2),
    W("apr", LX_MONTH | LX_ABBREV, 4),
    W("jun", LX_MONTH | LX_ABBREV, 6),
    W("jul", LX_MONTH | LX_ABBREV, 7),
    W("aug", LX_MONTH | LX_ABBREV, 8),
    W("sep", LX_MONTH | LX_ABBREV, 9),
    W("sept", LX_MONTH | LX_ABBREV, 9),
    W("oct", LX_MONTH | LX_ABBREV, 10),
    W("nov", LX_MONTH | LX_ABBREV, 11),
    W("dec", LX_MONTH | LX_ABBREV, 12),
    W("monday", LX_WEEKDAY, 0),
    W("tuesday", LX_WEEKDAY, 1),
    W("wednesday", LX_WEEKDAY, 2),
    W("thursday", LX_WEEKDAY, 3),
    W("friday", LX_WEEKDAY, 4),
    W("saturday", LX_WEEKDAY, 5),
    W("sunday", LX_WEEKDAY, 6),

    /* ==== Numbers ==== */
    W("one", LX_NUMBER, 1),
    W("two", LX_NUMBER, 2),
    W("three", LX_NUMBER, 3),
    W("four", LX_NUMBER, 4),
    W("five", LX_NUMBER, 5),
    W("six", LX_NUMBER, 6),
    W("seven", LX_NUMBER, 7),
    W("eight", LX_NUMBER, 8),
    W("nine", LX_NUMBER, 9),
    W("ten", LX_NUMBER, 10),
    W("eleven", LX_NUMBER, 11),
    W("twelve", LX_NUMBER, 12),
    W("thirteen", LX_NUMBER, 13),
    W("fourteen", LX_NUMBER, 14),
    W("fifteen", LX_NUMBER, 15),
    W("sixteen", LX_NUMBER, 16),
    W("seventeen", LX_NUMBER, 17),
    W("eighteen", LX_NUMBER, 18),
    W("nineteen", LX_NUMBER, 19),
    W("twenty", LX_NUMBER, 20),
    W("thirty", LX_NUMBER, 30),
    W("forty", LX_NUMBER, 40),
    W("fifty", LX_NUMBER, 50),
    W("sixty", LX_NUMBER, 60),
    W("seventy", LX_NUMBER, 70),
    W("eighty", LX_NUMBER, 80),
    W("ninety", LX_NUMBER, 90),
    W("dozen", LX_NUMBER, 12),
    W("hundred", LX_SCALE, 100),
    W("thousand", LX_SCALE, 1000),
    W("million", LX_SCALE, 1000000),
    W("billion", LX_SCALE, 1000000000),
    W("first", LX_ORDINAL, 1),
    W("second", LX_ORDINAL, 2),
    W("third", LX_ORDINAL, 3),
    W("fourth", LX_ORDINAL, 4),
    W("fifth", LX_ORDINAL, 5),
    W("sixth", LX_ORDINAL, 6),
    W("seventh", LX_ORDINAL, 7),
    W("eighth", LX_ORDINAL, 8),
    W("ninth", LX_ORDINAL, 9),
    W("tenth", LX_ORDINAL, 10),
    W("eleventh", LX_ORDINAL, 11),
    W("twelfth", LX_ORDINAL, 12),
    W("thirteenth", LX_ORDINAL, 13),
    W("fourteenth", LX_ORDINAL, 14),
    W("fifteenth", LX_ORDINAL, 15),
    W("sixteenth", LX_ORDINAL, 16),
    W("seventeenth", LX_ORDINAL, 17),
    W("eighteenth", LX_ORDINAL, 18),
    W("nineteenth", LX_ORDINAL, 19),
    W("twentieth", LX_ORDINAL, 20),
    W("thirtieth", LX_ORDINAL, 30),
    W("fortieth", LX_ORDINAL, 40),
    W("fiftieth", LX_ORDINAL, 50),
    W("sixtieth", LX_ORDINAL, 60),
    W("seventieth", LX_ORDINAL, 70),
    W("eightieth", LX_ORDINAL, 80),
    W("ninetieth", LX_ORDINAL, 90),
    W("hundredth", LX_ORDINAL, 100),
    /* Vague amounts: the value indexes vague_ranges below. */
    W("dozens", LX_VAGUE, 0),
    W("hundreds", LX_VAGUE, 1),
    W("thousands", LX_VAGUE, 2),
    W("many", LX_AMOUNT, 0),
    W("tens", LX_AMOUNT, 0),
    /* Words inside places' names: "Place de Trocadero", "Bandar al ..." */
    W("de", LX_LINK, 0),
    W("du", LX_LINK, 0),
    W("des", LX_LINK, 0),
    W("al", LX_LINK, 0),
    W("el", LX_LINK, 0),
    W("la", LX_LINK, 0),
    W("le", LX_LINK, 0),
    W("e", LX_LINK, 0),
    W("d", LX_LINK, 0),

    /* ==== Metrics ==== */
    M("killed", EX_KILLED, 3, ROLE_OUTCOME),
    M("killing", EX_KILLED, 3, ROLE_OUTCOME),
    M("kills", EX_KILLED, 3, ROLE_OUTCOME),
    M("dead", EX_KILLED, 3, ROLE_OUTCOME),
    M("died", EX_KILLED, 3, ROLE_OUTCOME),
    M("slain", EX_KILLED, 3, ROLE_OUTCOME),
    M("murdered", EX_KILLED, 3, ROLE_OUTCOME),
    M("martyred", EX_KILLED, 3, ROLE_OUTCOME),
    M("lives", EX_KILLED, 2, ROLE_OUTCOME),
    M("deaths", EX_KILLED, 3, ROLE_NOUN),
    M("death", EX_KILLED, 3, ROLE_NOUN),
    M("toll", EX_KILLED, 3, ROLE_NOUN),
    M("fatally", EX_KILLED, 3, ROLE_OUTCOME), /* "fatally shot five" */
    M("fatalities", EX_KILLED, 3, ROLE_NOUN),
    M("bodies", EX_KILLED, 2, ROLE_NOUN),
    MP("martyrs", EX_KILLED, 3),
    MP("victims", EX_KILLED, 2),
    M("injured", EX_INJURED, 3, ROLE_OUTCOME),
    M("injuring", EX_INJURED, 3, ROLE_OUTCOME),
    M("wounded", EX_INJURED, 3, ROLE_OUTCOME),
    M("wounding", EX_INJURED, 3, ROLE_OUTCOME),
    M("hurt", EX_INJURED, 3, ROLE_OUTCOME),
    M("beaten", EX_INJURED, 2, ROLE_OUTCOME),
    M("treated", EX_INJURED, 1, ROLE_OUTCOME), /* weak: "treated badly" */
    M("wounds", EX_INJURED, 2, ROLE_NOUN),
    M("injuries", EX_INJURED, 3, ROLE_NOUN),
    M("arrested", EX_DETAINED, 3, ROLE_OUTCOME),
    M("arresting", EX_DETAINED, 3, ROLE_OUTCOME),
    M("detained", EX_DETAINED, 3, ROLE_OUTCOME),
    M("detaining", EX_DETAINED, 3, ROLE_OUTCOME),
    M("jailed", EX_DETAINED, 3, ROLE_OUTCOME),
    M("imprisoned", EX_DETAINED, 3, ROLE_OUTCOME),
    M("custody", EX_DETAINED, 3, ROLE_OUTCOME),
    M("arrests", EX_DETAINED, 3, ROLE_NOUN),
    M("detentions", EX_DETAINED, 3, ROLE_NOUN),
    MP("detainees", EX_DETAINED, 3),
    MP("prisoners", EX_DETAINED, 2),
    M("cities", EX_LOCALITIES, 2, ROLE_NOUN),
    M("towns", EX_LOCALITIES, 2, ROLE_NOUN),
    M("localities", EX_LOCALITIES, 2, ROLE_NOUN),
    M("counties", EX_LOCALITIES, 2, ROLE_NOUN),
    M("provinces", EX_LOCALITIES, 2, ROLE_NOUN),
    M("identified", EX_IDENTIFIED, 3, ROLE_OUTCOME),
    M("hospitalised", EX_INJURED, 3, ROLE_OUTCOME),
    M("hospitalized", EX_INJURED, 3, ROLE_OUTCOME),
    /* "27 demonstrators had been treated in hospital": people counted
     * there are hurt, whatever noun counts them. */
    M("hospital", EX_INJURED, 2, ROLE_OUTCOME),
    /* "hundreds were rounded up" */
    M("rounded", EX_DETAINED, 3, ROLE_OUTCOME),
    M("deprived", EX_DETAINED, 2, ROLE_OUTCOME),
    MP("protester", EX_PARTICIPANTS, 1),
    MP("protestor", EX_PARTICIPANTS, 1),
    MP("demonstrator", EX_PARTICIPANTS, 1),
    MP("protesters", EX_PARTICIPANTS, 1),
    MP("protestors", EX_PARTICIPANTS, 1),
    MP("demonstrators", EX_PARTICIPANTS, 1),
    MP("marchers", EX_PARTICIPANTS, 1),
    MP("participants", EX_PARTICIPANTS, 1),
    MP("rioters", EX_PARTICIPANTS, 1),

    /* ==== People and things counted ==== */
    W("man", LX_PERSON, 0),
    W("woman", LX_PERSON, 0),
    W("boy", LX_PERSON, 0),
    W("girl", LX_PERSON, 0),
    W("boys", LX_PERSON, 0),
    W("girls", LX_PERSON, 0),
    W("child", LX_PERSON, 0),
    W("person", LX_PERSON, 0),
    W("student", LX_PERSON, 0),
    W("adults", LX_PERSON, 0),
    W("adolescents", LX_PERSON, 0),
    W("people", LX_PERSON, 0),
    W("persons", LX_PERSON, 0),
    W("individuals", LX_PERSON, 0),
    W("civilians", LX_PERSON, 0),
    W("students", LX_PERSON, 0),
    W("children", LX_PERSON, 0),
    W("women", LX_PERSON, 0),
    W("men", LX_PERSON, 0),
    W("youths", LX_PERSON, 0),
    W("supporters", LX_PERSON, 0),
    W("citizens", LX_PERSON, 0),
    W("residents", LX_PERSON, 0),
    W("workers", LX_PERSON, 0),
    W("journalists", LX_PERSON, 0),
    W("activists", LX_PERSON, 0),
    W("officers", LX_PERSON, 0),
    W("policemen", LX_PERSON, 0),
    W("soldiers", LX_PERSON, 0),
    W("members", LX_PERSON, 0),
    W("others", LX_PERSON, 0),
    W("minors", LX_PERSON, 0),
    W("teenagers", LX_PERSON, 0),
    W("lawyers", LX_PERSON, 0),
    W("opponents", LX_PERSON, 0),
    /* as the police count them: "A few dozens of offenders and
     * troublemakers were detained" */
    W("offenders", LX_PERSON, 0),
    W("troublemakers", LX_PERSON, 0),
    W("hooligans", LX_PERSON, 0),
    W("looters", LX_PERSON, 0),
    W("suspects", LX_PERSON, 0),
    W("prisoners", LX_PERSON, 0),
    W("mourners", LX_PERSON, 0),
    W("farmers", LX_PERSON, 0),
    W("teachers", LX_PERSON, 0),
    W("doctors", LX_PERSON, 0),
    W("nurses", LX_PERSON, 0),
    /* A people counted: "Thousands of Mozambicans marched". */
    W("afghans", LX_PERSON, 0),
    W("algerians", LX_PERSON, 0),
    W("americans", LX_PERSON, 0),
    W("armenians", LX_PERSON, 0),
    W("bangladeshis", LX_PERSON, 0),
    W("belarusians", LX_PERSON, 0),
    W("bolivians", LX_PERSON, 0),
    W("brazilians", LX_PERSON, 0),
    W("burmese", LX_PERSON, 0),
    W("cameroonians", LX_PERSON, 0),
    W("chileans", LX_PERSON, 0),
    W("colombians", LX_PERSON, 0),
    W("cubans", LX_PERSON, 0),
    W("ecuadorians", LX_PERSON, 0),
    W("egyptians", LX_PERSON, 0),
    W("ethiopians", LX_PERSON, 0),
    W("georgians", LX_PERSON, 0),
    W("guineans", LX_PERSON, 0),
    W("haitians", LX_PERSON, 0),
    W("indians", LX_PERSON, 0),
    W("indonesians", LX_PERSON, 0),
    W("iranians", LX_PERSON, 0),
    W("iraqis", LX_PERSON, 0),
    W("israelis", LX_PERSON, 0),
    W("jordanians", LX_PERSON, 0),
    W("kazakhs", LX_PERSON, 0),
    W("kenyans", LX_PERSON, 0),
    W("kurds", LX_PERSON, 0),
    W("lebanese", LX_PERSON, 0),
    W("libyans", LX_PERSON, 0),
    W("malians", LX_PERSON, 0),
    W("mozambicans", LX_PERSON, 0),
    W("nicaraguans", LX_PERSON, 0),
    W("nigerians", LX_PERSON, 0),
    W("pakistanis", LX_PERSON, 0),
    W("palestinians", LX_PERSON, 0),
    W("peruvians", LX_PERSON, 0),
    W("russians", LX_PERSON, 0),
    W("serbians", LX_PERSON, 0),
    W("serbs", LX_PERSON, 0),
    W("somalis", LX_PERSON, 0),
    W("sudanese", LX_PERSON, 0),
    W("syrians", LX_PERSON, 0),
    W("thais", LX_PERSON, 0),
    W("tunisians", LX_PERSON, 0),
    W("turks", LX_PERSON, 0),
    W("ugandans", LX_PERSON, 0),
    W("ukrainians", LX_PERSON, 0),
    W("venezuelans", LX_PERSON, 0),
    W("yemenis", LX_PERSON, 0),
    W("zimbabweans", LX_PERSON, 0),
    W("banks", LX_THING, 0),
    W("buildings", LX_THING, 0),
    W("vehicles", LX_THING, 0),
    W("cars", LX_THING, 0),
    W("schools", LX_THING, 0),
    W("mosques", LX_THING, 0),
    W("stations", LX_THING, 0),
    W("shops", LX_THING, 0),
    W("offices", LX_THING, 0),
    W("branches", LX_THING, 0),
    W("seminaries", LX_THING, 0),
    W("bases", LX_THING, 0),
    W("universities", LX_THING, 0),
    W("hospitals", LX_THING, 0),
    W("missing", LX_THING, 0),
    /* "627 instances of arrests": what follows "of" is counted. */
    W("cases", LX_THING | LX_OF, 0),
    W("instances", LX_THING | LX_OF, 0),
    W("incidents", LX_THING | LX_OF, 0),

    /* ==== Verbs ==== */
    W("rallied", LX_GATHER, 0),
    W("marched", LX_GATHER, 0),
    W("gathered", LX_GATHER, 0),
    W("protested", LX_GATHER, 0),
    W("demonstrated", LX_GATHER, 0),
    W("joined", LX_GATHER, 0),
    W("attended", LX_GATHER, 0),
    W("took", LX_GATHER, 0),
    W("turned", LX_GATHER, 0),
    W("assembled", LX_GATHER, 0),
    W("participated", LX_GATHER, 0),
    W("converged", LX_GATHER, 0),
    W("poured", LX_GATHER, 0),
    W("flooded", LX_GATHER, 0),
    W("rally", LX_GATHER, 0),
    W("rallies", LX_GATHER, 0),
    W("march", LX_GATHER, 0),
    W("marches", LX_GATHER, 0),
    W("protest", LX_GATHER, 0),
    W("demonstration", LX_GATHER, 0),
    W("demonstrations", LX_GATHER, 0),
    W("streets", LX_GATHER, 0),
    W("said", LX_SAY | LX_ACTOR, 0),
    W("says", LX_SAY | LX_ACTOR, 0),
    W("reported", LX_SAY, 0),
    W("reports", LX_SAY, 0),
    W("stated", LX_SAY, 0),
    W("announced", LX_SAY | LX_ACTOR, 0),
    W("estimated", LX_SAY, 0),
    W("estimates", LX_SAY, 0),
    W("confirmed", LX_SAY, 0),
    W("documented", LX_SAY, 0),
    W("recorded", LX_SAY, 0),
    W("counted", LX_SAY, 0),
    W("identified", LX_SAY, 0),
    W("verified", LX_SAY, 0),
    W("claimed", LX_SAY, 0),
    W("claims", LX_SAY, 0),
    W("told", LX_SAY, 0),
    W("saying", LX_SAY, 0),
    W("adding", LX_SAY, 0),
    W("revises", LX_SAY, 0),
    W("revised", LX_SAY, 0),
    W("put", LX_SAY, 0), /* only "put the toll at": attribution.c */
    W("puts", LX_SAY, 0),
    W("condemned", LX_ACTOR, 0),
    W("called", LX_ACTOR, 0),
    W("urged", LX_ACTOR, 0),
    W("imposed", LX_ACTOR, 0),
    W("accused", LX_ACTOR, 0),
    W("denied", LX_ACTOR, 0),
    W("warned", LX_ACTOR, 0),
    W("blamed", LX_ACTOR, 0),
    W("demanded", LX_ACTOR, 0),
    W("criticised", LX_ACTOR, 0),
    W("criticized", LX_ACTOR, 0),
    W("rejected", LX_ACTOR, 0),
    W("welcomed", LX_ACTOR, 0),
    W("expressed", LX_ACTOR, 0),
    W("summoned", LX_ACTOR, 0),
    W("expelled", LX_ACTOR, 0),
    W("sanctioned", LX_ACTOR, 0),
    W("backed", LX_ACTOR, 0),
    W("voted", LX_ACTOR, 0),
    W("sent", LX_ACTOR, 0),
    W("spokesperson", LX_ROLE, 0),
    W("spokesman", LX_ROLE, 0),
    W("spokeswoman", LX_ROLE, 0),
    W("official", LX_ROLE, 0),
    W("chief", LX_ROLE, 0),
    W("director", LX_ROLE, 0),
    W("chairman", LX_ROLE, 0),
    W("head", LX_ROLE, 0),
    W("will", LX_FUTURE, 0),
    W("next", LX_FUTURE, 0),
    W("planned", LX_FUTURE, 0),
    W("plans", LX_FUTURE, 0),
    W("scheduled", LX_FUTURE, 0),
    W("upcoming", LX_FUTURE, 0),
    W("tomorrow", LX_FUTURE | LX_DATEWORD | LX_RELDAY, 1),
    W("yesterday", LX_DATEWORD | LX_RELDAY, -1),
    W("today", LX_DATEWORD | LX_RELDAY, 0),
    W("last", LX_DATEWORD, 0),
    W("this", LX_DATEWORD, 0),
    W("next", LX_DATEWORD, 0),
    W("from", LX_DATEWORD, 0),
    W("between", LX_DATEWORD, 0),

    /* ==== Units: a number before them is no tally ==== */
    W("year", LX_UNIT, 0),
    W("years", LX_UNIT, 0),
    W("month", LX_UNIT, 0),
    W("months", LX_UNIT, 0),
    W("week", LX_UNIT, 0),
    W("weeks", LX_UNIT, 0),
    W("day", LX_UNIT | LX_DAYNOUN, 0),
    W("days", LX_UNIT, 0),
    W("hour", LX_UNIT, 0),
    W("hours", LX_UNIT, 0),
    W("minute", LX_UNIT, 0),
    W("minutes", LX_UNIT, 0),
    W("seconds", LX_UNIT, 0),
    W("percent", LX_UNIT, 0),
    W("per", LX_UNIT, 0),
    W("km", LX_UNIT, 0),
    W("kilometres", LX_UNIT, 0),
    W("kilometers", LX_UNIT, 0),
    W("miles", LX_UNIT, 0),
    W("metres", LX_UNIT, 0),
    W("meters", LX_UNIT, 0),
    W("dollars", LX_UNIT, 0),
    W("euros", LX_UNIT, 0),
    W("pounds", LX_UNIT, 0),
    W("rials", LX_UNIT, 0),
    W("am", LX_UNIT, 0),
    W("pm", LX_UNIT, 0),
    W("gmt", LX_UNIT, 0),
    W("utc", LX_UNIT, 0),
    W("times", LX_UNIT, 0),
    W("nights", LX_UNIT, 0),
    W("night", LX_UNIT, 0),
    W("year-old", LX_UNIT, 0),
    W("years-old", LX_UNIT, 0),

    /* ==== Abbreviations: "Mrs." ends no sentence ==== */
    W("mr", LX_ABBREV | LX_STOP, 0),
    W("mrs", LX_ABBREV | LX_STOP, 0),
    W("ms", LX_ABBREV | LX_STOP, 0),
    W("dr", LX_ABBREV | LX_STOP, 0),
    W("st", LX_ABBREV, 0),
    W("gen", LX_ABBREV | LX_STOP, 0),
    W("col", LX_ABBREV | LX_STOP, 0),
    W("lt", LX_ABBREV | LX_STOP, 0),
    W("sgt", LX_ABBREV | LX_STOP, 0),
    W("rev", LX_ABBREV | LX_STOP, 0),
    W("no", LX_ABBREV | LX_STOP, 0),
    W("vs", LX_ABBREV | LX_STOP, 0),
    W("etc", LX_ABBREV | LX_STOP, 0),
    W("inc", LX_ABBREV | LX_STOP, 0),
    W("jr", LX_ABBREV | LX_STOP, 0),
    W("prof", LX_ABBREV | LX_STOP, 0),
    W("gov", LX_ABBREV | LX_STOP, 0),
    W("sen", LX_ABBREV | LX_STOP, 0),
    W("approx", LX_ABBREV | LX_STOP, 0),
    W("est", LX_ABBREV | LX_STOP, 0),

    /* ==== "X's government": a country as an actor ==== */
    W("government", LX_ORGAN | LX_STOP, 0),
    W("authorities", LX_ORGAN | LX_STOP, 0),
    W("ministry", LX_ORGAN | LX_STOP, 0),
    W("regime", LX_ORGAN | LX_STOP, 0),
    W("embassy", LX_ORGAN | LX_STOP, 0),
    W("officials", LX_ORGAN | LX_STOP, 0),
    W("president", LX_ORGAN | LX_STOP, 0),
    W("leader", LX_ORGAN | LX_STOP, 0),
    W("foreign", LX_ORGAN | LX_STOP, 0),
    W("supreme", LX_ORGAN | LX_STOP, 0),
    W("parliament", LX_ORGAN | LX_STOP, 0),
    W("judiciary", LX_ORGAN | LX_STOP, 0),
    W("militia", LX_ORGAN, 0),
    W("army", LX_ORGAN, 0),
    W("military", LX_ORGAN, 0),
    W("junta", LX_ORGAN, 0),

    /* ==== Never the start of a place's name ==== */
    W("the", LX_STOP | LX_FUNC, 0),
    W("a", LX_STOP | LX_FUNC, 0),
    W("an", LX_STOP | LX_FUNC, 0),
    W("in", LX_STOP | LX_FUNC, 0),
    W("on", LX_STOP | LX_FUNC, 0),
    W("at", LX_STOP | LX_FUNC, 0),
    W("of", LX_STOP | LX_FUNC, 0),
    W("and", LX_STOP | LX_FUNC | LX_AND, 0),
    W("but", LX_STOP | LX_FUNC, 0),
    W("this", LX_STOP | LX_FUNC, 0),
    W("that", LX_STOP | LX_FUNC, 0),
    W("these", LX_STOP | LX_FUNC, 0),
    W("he", LX_STOP | LX_FUNC, 0),
    W("she", LX_STOP | LX_FUNC, 0),
    W("it", LX_STOP | LX_FUNC, 0),
    W("they", LX_STOP | LX_FUNC, 0),
    W("we", LX_STOP | LX_FUNC, 0),
    W("his", LX_STOP | LX_FUNC, 0),
    W("her", LX_STOP | LX_FUNC, 0),
    W("their", LX_STOP | LX_FUNC, 0),
    W("its", LX_STOP | LX_FUNC, 0),
    W("according", LX_STOP | LX_SAY, 0),
    W("number", LX_STOP, 0),
    W("update", LX_STOP, 0),
    W("former", LX_STOP, 0),
    W("police", LX_STOP | LX_BODY, 0),
    W("organisers", LX_BODY, 0),
    W("organiser", LX_BODY, 0),
    W("organizer", LX_BODY, 0),
    W("organizers", LX_BODY, 0),
    W("minister", LX_STOP, 0),
    W("many", LX_STOP, 0),
    W("some", LX_STOP, 0),
    W("more", LX_STOP, 0),
    W("over", LX_STOP, 0),
    W("since", LX_STOP, 0),
    W("after", LX_STOP, 0),
    W("before", LX_STOP, 0),
    W("during", LX_STOP, 0),
    W("while", LX_STOP, 0),
    W("as", LX_STOP, 0),
    W("for", LX_STOP, 0),
    W("from", LX_STOP, 0),
    W("to", LX_STOP, 0),
    W("with", LX_STOP, 0),
    W("by", LX_STOP, 0),
    W("about", LX_STOP, 0),
    W("also", LX_STOP, 0),
    W("however", LX_STOP, 0),
    W("meanwhile", LX_STOP, 0),
    W("yesterday", LX_STOP, 0),
    W("today", LX_STOP, 0),
    W("human", LX_STOP, 0),
    W("rights", LX_STOP, 0),
    W("united", LX_STOP, 0),
    W("national", LX_STOP, 0),
    W("council", LX_STOP, 0),
    W("resistance", LX_STOP, 0),
    W("amnesty", LX_STOP, 0),
    W("international", LX_STOP, 0),
    W("security", LX_STOP, 0),
    W("forces", LX_STOP, 0),
    W("highlights", LX_STOP, 0),
    W("news", LX_STOP, 0),
    W("written", LX_STOP, 0),
    W("protest", LX_STOP, 0),
    W("protests", LX_STOP, 0),
    W("stop", LX_STOP, 0),
    W("support", LX_STOP, 0),
    W("solidarity", LX_STOP, 0),
    W("statement", LX_STOP, 0),
    W("center", LX_STOP, 0),
    W("centre", LX_STOP, 0),
    W("university", LX_STOP, 0),
    W("square", LX_STOP, 0),
    W("street", LX_STOP, 0),
    W("province", LX_STOP, 0),
    W("city", LX_STOP, 0),
    W("victory", LX_STOP, 0),
    W("liberty", LX_STOP, 0),
    W("freedom", LX_STOP, 0),
    W("independence", LX_STOP, 0),
    W("union", LX_STOP, 0),
    W("republic", LX_STOP, 0),
    W("islamic", LX_STOP, 0),
    W("progress", LX_STOP, 0),
    W("hope", LX_STOP, 0),
    W("why", LX_STOP, 0),
    W("what", LX_STOP, 0),
    W("when", LX_STOP, 0),
    W("where", LX_STOP, 0),
    W("who", LX_STOP, 0),

    /* ==== Persian ==== */
    /* Solar Hijri months (dates.c converts them), Gregorian months as
     * Persian writes them, weekdays (0 Monday). "تیر", "مهر" and "دی" are
     * also "bullet", "seal" and a surname: months only beside a day or a
     * year. */
    W("فروردین", LX_MONTH | LX_SOLAR, 1),
    W("اردیبهشت", LX_MONTH | LX_SOLAR, 2),
    W("خرداد", LX_MONTH | LX_SOLAR, 3),
    W("تیر", LX_MONTH | LX_SOLAR | LX_AMBIG, 4),
    W("مرداد", LX_MONTH | LX_SOLAR, 5),
    W("امرداد", LX_MONTH | LX_SOLAR, 5),
    W("شهریور", LX_MONTH | LX_SOLAR, 6),
    W("مهر", LX_MONTH | LX_SOLAR | LX_AMBIG, 7),
    W("آبان", LX_MONTH | LX_SOLAR, 8),
    W("آذر", LX_MONTH | LX_SOLAR, 9),
    W("دی", LX_MONTH | LX_SOLAR | LX_AMBIG, 10),
    W("بهمن", LX_MONTH | LX_SOLAR, 11),
    W("اسفند", LX_MONTH | LX_SOLAR, 12),
    /* "آبان‌ماه": the month and its "ماه" as one word */
    W("فروردین‌ماه", LX_MONTH | LX_SOLAR, 1),
    W("اردیبهشت‌ماه", LX_MONTH | LX_SOLAR, 2),
    W("خردادماه", LX_MONTH | LX_SOLAR, 3),
    W("تیرماه", LX_MONTH | LX_SOLAR, 4),
    W("مردادماه", LX_MONTH | LX_SOLAR, 5),
    W("شهریورماه", LX_MONTH | LX_SOLAR, 6),
    W("مهرماه", LX_MONTH | LX_SOLAR, 7),
    W("آبان‌ماه", LX_MONTH | LX_SOLAR, 8),
    W("آذرماه", LX_MONTH | LX_SOLAR, 9),
    W("دی‌ماه", LX_MONTH | LX_SOLAR, 10),
    W("بهمن‌ماه", LX_MONTH | LX_SOLAR, 11),
    W("اسفندماه", LX_MONTH | LX_SOLAR, 12),
    W("ژانویه", LX_MONTH, 1),
    W("فوریه", LX_MONTH, 2),
    W("مارس", LX_MONTH, 3),
    W("آوریل", LX_MONTH, 4),
    W("مه", LX_MONTH | LX_AMBIG, 5),
    W("ژوئن", LX_MONTH, 6),
    W("ژوئیه", LX_MONTH, 7),
    W("جولای", LX_MONTH, 7),
    W("اوت", LX_MONTH, 8),
    W("آگوست", LX_MONTH, 8),
    W("سپتامبر", LX_MONTH, 9),
    W("اکتبر", LX_MONTH, 10),
    W("نوامبر", LX_MONTH, 11),
    W("دسامبر", LX_MONTH, 12),
    W("دوشنبه", LX_WEEKDAY, 0),
    W("سه‌شنبه", LX_WEEKDAY, 1),
    W("چهارشنبه", LX_WEEKDAY, 2),
    W("پنجشنبه", LX_WEEKDAY, 3),
    W("جمعه", LX_WEEKDAY, 4),
    W("شنبه", LX_WEEKDAY, 5),
    W("یکشنبه", LX_WEEKDAY, 6),
    W("دیروز", LX_DATEWORD | LX_RELDAY, -1),
    W("امروز", LX_DATEWORD | LX_RELDAY, 0),
    /* No "فردا" (tomorrow): in news it is mostly Radio Farda's name. */
    W("گذشته", LX_DATEWORD | LX_PASTAFTER, 0),
    /* "هفته گذشته", "الشهر الماضي": value the period's days (dates.c) */
    W("هفته", LX_DATEWORD, 7),
    W("ماه", LX_DATEWORD, 30),
    W("روز", LX_DAYNOUN | LX_UNIT, 1), /* "روز گذشته": yesterday */
    W("روزها", LX_UNIT, 0),
    W("سال", LX_UNIT, 0),
    W("ساله", LX_UNIT, 0),
    W("ساعت", LX_UNIT, 0),
    W("درصد", LX_UNIT, 0),
    /* Numbers: "سیصد و شصت و یک" adds its parts, joined by "و". */
    W("یک", LX_NUMBER, 1),
    W("دو", LX_NUMBER, 2),
    W("سه", LX_NUMBER, 3),
    W("چهار", LX_NUMBER, 4),
    W("پنج", LX_NUMBER, 5),
    W("شش", LX_NUMBER, 6),
    W("هفت", LX_NUMBER, 7),
    W("هشت", LX_NUMBER, 8),
    W("نه", LX_NUMBER, 9),
    W("ده", LX_NUMBER, 10),
    W("یازده", LX_NUMBER, 11),
    W("دوازده", LX_NUMBER, 12),
    W("سیزده", LX_NUMBER, 13),
    W("چهارده", LX_NUMBER, 14),
    W("پانزده", LX_NUMBER, 15),
    W("شانزده", LX_NUMBER, 16),
    W("هفده", LX_NUMBER, 17),
    W("هجده", LX_NUMBER, 18),
    W("هیجده", LX_NUMBER, 18),
    W("نوزده", LX_NUMBER, 19),
    W("بیست", LX_NUMBER, 20),
    W("سی", LX_NUMBER, 30),
    W("چهل", LX_NUMBER, 40),
    W("پنجاه", LX_NUMBER, 50),
    W("شصت", LX_NUMBER, 60),
    W("هفتاد", LX_NUMBER, 70),
    W("هشتاد", LX_NUMBER, 80),
    W("نود", LX_NUMBER, 90),
    W("صد", LX_NUMBER | LX_SCALE, 100),
    W("یکصد", LX_NUMBER, 100),
    W("دویست", LX_NUMBER, 200),
    W("سیصد", LX_NUMBER, 300),
    W("چهارصد", LX_NUMBER, 400),
    W("پانصد", LX_NUMBER, 500),
    W("ششصد", LX_NUMBER, 600),
    W("هفتصد", LX_NUMBER, 700),
    W("هشتصد", LX_NUMBER, 800),
    W("نهصد", LX_NUMBER, 900),
    W("هزار", LX_SCALE, 1000),
    W("میلیون", LX_SCALE, 1000000),
    W("میلیارد", LX_SCALE, 1000000000),
    W("و", LX_AND | LX_STOP | LX_FUNC, 0),
    W("اول", LX_ORDINAL, 1),
    W("یکم", LX_ORDINAL, 1),
    W("دوم", LX_ORDINAL, 2),
    W("سوم", LX_ORDINAL, 3),
    W("چهارم", LX_ORDINAL, 4),
    W("پنجم", LX_ORDINAL, 5),
    W("ششم", LX_ORDINAL, 6),
    W("هفتم", LX_ORDINAL, 7),
    W("هشتم", LX_ORDINAL, 8),
    W("نهم", LX_ORDINAL, 9),
    W("دهم", LX_ORDINAL, 10),
    W("بیستم", LX_ORDINAL, 20),
    W("سی‌ام", LX_ORDINAL, 30),
    W("چهلم", LX_ORDINAL, 40),
    W("پنجاهم", LX_ORDINAL, 50),
    W("صدم", LX_ORDINAL, 100),
    /* Before the noun: "پنجمین روز" (the fifth day) */
    W("نخستین", LX_ORDINAL, 1),
    W("دومین", LX_ORDINAL, 2),
    W("سومین", LX_ORDINAL, 3),
    W("چهارمین", LX_ORDINAL, 4),
    W("پنجمین", LX_ORDINAL, 5),
    W("ششمین", LX_ORDINAL, 6),
    W("هفتمین", LX_ORDINAL, 7),
    W("هشتمین", LX_ORDINAL, 8),
    W("نهمین", LX_ORDINAL, 9),
    W("دهمین", LX_ORDINAL, 10),
    /* "ده‌ها" ("tens") reads as "dozens"; صدها, هزاران
     * as hundreds, thousands. */
    W("ده‌ها", LX_VAGUE, 0),
    W("صدها", LX_VAGUE, 1),
    W("هزاران", LX_VAGUE, 2),
    /* Metrics: "۳۰۴ نفر کشته شدند", "بازداشت ۲۰۰ نفر". */
    M("کشته", EX_KILLED, 3, ROLE_OUTCOME),
    M("کشته‌شدگان", EX_KILLED, 3, ROLE_NOUN),
    M("کشته‌ها", EX_KILLED, 3, ROLE_NOUN),
    M("کشته‌شدن", EX_KILLED, 3, ROLE_OUTCOME),
    M("کشته‌های", EX_KILLED, 3, ROLE_NOUN),
    M("جان‌باخته", EX_KILLED, 3, ROLE_OUTCOME),
    M("جان‌باختگان", EX_KILLED, 3, ROLE_NOUN),
    M("باخته", EX_KILLED, 2, ROLE_OUTCOME),
    M("باختند", EX_KILLED, 2, ROLE_OUTCOME),
    M("قربانی", EX_KILLED, 2, ROLE_NOUN),
    M("مرگ", EX_KILLED, 3, ROLE_NOUN),
    M("جان", EX_KILLED, 2, ROLE_OUTCOME), /* "جان خود را از دست دادند" */
    M("زخمی", EX_INJURED, 3, ROLE_OUTCOME),
    M("مجروح", EX_INJURED, 3, ROLE_OUTCOME),
    M("مجروحان", EX_INJURED, 3, ROLE_NOUN),
    M("مصدوم", EX_INJURED, 3, ROLE_OUTCOME),
    M("بازداشت", EX_DETAINED, 3, ROLE_OUTCOME),
    M("بازداشتی", EX_DETAINED, 3, ROLE_NOUN),
    M("بازداشت‌شدگان", EX_DETAINED, 3, ROLE_NOUN),
    M("دستگیر", EX_DETAINED, 3, ROLE_OUTCOME),
    M("دستگیری", EX_DETAINED, 3, ROLE_OUTCOME),
    M("زندانی", EX_DETAINED, 2, ROLE_NOUN),
    /* Strength 1: before a figure ("فرمانده انتظامی استان ... از ۷۰
     * شهروند") they name a place, not what is counted. */
    M("شهر", EX_LOCALITIES, 1, ROLE_NOUN),
    M("شهرها", EX_LOCALITIES, 1, ROLE_NOUN),
    M("شهرستان", EX_LOCALITIES, 1, ROLE_NOUN),
    M("استان", EX_LOCALITIES, 1, ROLE_NOUN),
    MP("معترض", EX_PARTICIPANTS, 1),
    MP("معترضان", EX_PARTICIPANTS, 1),
    MP("تظاهرکننده", EX_PARTICIPANTS, 1),
    W("تظاهرات", LX_GATHER, 0),
    W("تجمع", LX_GATHER, 0),
    W("راهپیمایی", LX_GATHER, 0),
    W("نفر", LX_PERSON, 0),
    W("دانشجو", LX_PERSON, 0),
    W("دانشگاه", LX_THING, 0),
    W("تن", LX_PERSON, 0),
    W("شهروند", LX_PERSON, 0),
    W("کودک", LX_PERSON, 0),
    W("زن", LX_PERSON, 0),
    W("مرد", LX_PERSON, 0),
    /* Attributions: "به گزارش X", "به گفته X", "X اعلام کرد", "X گفت". */
    W("گزارش", LX_SAY | LX_SOURCE, 2), /* value 2: after "به" only */
    W("گفته", LX_SAY | LX_SOURCE, 2),
    W("گفت", LX_SAY, 0),
    W("می‌گوید", LX_SAY, 0),
    W("اعلام", LX_SAY, 0),
    /* Function words: never part of a source's name. */
    W("که", LX_FUNC | LX_STOP, 0),
    W("کرد", LX_FUNC | LX_STOP, 0),
    W("کرده", LX_FUNC | LX_STOP, 0),
    W("است", LX_FUNC | LX_STOP, 0),
    W("شد", LX_FUNC | LX_STOP, 0),
    W("شدند", LX_FUNC | LX_STOP, 0),
    W("شده", LX_FUNC | LX_STOP, 0),
    W("اند", LX_FUNC | LX_STOP, 0),
    W("در", LX_FUNC | LX_STOP, 0),
    W("از", LX_FUNC | LX_STOP, 0),
    W("به", LX_FUNC | LX_STOP, 0),
    W("با", LX_FUNC | LX_STOP, 0),
    W("این", LX_FUNC | LX_STOP, 0),
    W("آن", LX_FUNC | LX_STOP, 0),
    W("را", LX_FUNC | LX_STOP, 0),
    W("برای", LX_FUNC | LX_STOP, 0),
    W("تعداد", LX_FUNC | LX_STOP, 0),
    W("شمار", LX_FUNC | LX_STOP, 0),

    /* ==== Arabic ==== */
    /* Months: Egyptian and Gulf names, and the Levantine ones ("كانون
     * الثاني" is January, "تشرين الأول" October); weekdays with their
     * article ("الأحد", not "أحد": one). A word is also found without an
     * attached و ب ل ف ال (tokens.c). */
    W("يناير", LX_MONTH, 1),
    W("فبراير", LX_MONTH, 2),
    W("أبريل", LX_MONTH, 4),
    W("إبريل", LX_MONTH, 4),
    W("مايو", LX_MONTH, 5),
    W("يونيو", LX_MONTH, 6),
    W("يونيه", LX_MONTH, 6),
    W("يوليو", LX_MONTH, 7),
    W("يوليه", LX_MONTH, 7),
    W("أغسطس", LX_MONTH, 8),
    W("سبتمبر", LX_MONTH, 9),
    W("أكتوبر", LX_MONTH, 10),
    W("نوفمبر", LX_MONTH, 11),
    W("ديسمبر", LX_MONTH, 12),
    W("كانون", LX_MONTH | LX_PAIRED, 12),
    W("شباط", LX_MONTH, 2),
    W("آذار", LX_MONTH, 3),
    W("نيسان", LX_MONTH, 4),
    W("أيار", LX_MONTH, 5),
    W("حزيران", LX_MONTH, 6),
    W("تموز", LX_MONTH, 7),
    W("آب", LX_MONTH | LX_AMBIG, 8),
    W("أيلول", LX_MONTH, 9),
    W("تشرين", LX_MONTH | LX_PAIRED, 10),
    W("الاثنين", LX_WEEKDAY, 0),
    /* "and Monday": without "وال" it would read as "اثنين" (two) */
    W("والاثنين", LX_WEEKDAY, 0),
    W("الثلاثاء", LX_WEEKDAY, 1),
    W("الأربعاء", LX_WEEKDAY, 2),
    W("الخميس", LX_WEEKDAY, 3),
    W("الجمعة", LX_WEEKDAY, 4),
    W("السبت", LX_WEEKDAY, 5),
    W("الأحد", LX_WEEKDAY, 6),
    W("أمس", LX_DATEWORD | LX_RELDAY, -1),
    W("اليوم", LX_DATEWORD | LX_RELDAY | LX_DAYNOUN, 0),
    W("غدا", LX_DATEWORD | LX_RELDAY | LX_FUTURE, 1),
    W("الماضي", LX_DATEWORD | LX_PASTAFTER, 0),
    W("الماضية", LX_DATEWORD | LX_PASTAFTER, 0),
    W("أسبوع", LX_DATEWORD, 7),
    W("الشهر", LX_DATEWORD, 30), /* "شهر" alone is Persian "city" */
    W("يوم", LX_DAYNOUN | LX_UNIT, 0),
    W("أيام", LX_UNIT, 0),
    W("عاما", LX_UNIT, 0),
    W("عام", LX_UNIT, 0),
    W("سنة", LX_UNIT, 0),
    W("ساعة", LX_UNIT, 0),
    W("بالمئة", LX_UNIT, 0),
    W("بالمائة", LX_UNIT, 0),
    /* Numbers: "ثلاثة عشر", "خمسة وعشرون" add their parts. */
    W("واحد", LX_NUMBER, 1),
    W("أحد", LX_NUMBER, 1),
    W("اثنان", LX_NUMBER, 2),
    W("اثنين", LX_NUMBER, 2),
    W("ثلاثة", LX_NUMBER, 3),
    W("ثلاث", LX_NUMBER, 3),
    W("أربعة", LX_NUMBER, 4),
    W("أربع", LX_NUMBER, 4),
    W("خمسة", LX_NUMBER, 5),
    W("خمس", LX_NUMBER, 5),
    W("ستة", LX_NUMBER, 6),
    W("ست", LX_NUMBER, 6),
    W("سبعة", LX_NUMBER, 7),
    W("سبع", LX_NUMBER, 7),
    W("ثمانية", LX_NUMBER, 8),
    W("ثماني", LX_NUMBER, 8),
    W("تسعة", LX_NUMBER, 9),
    W("تسع", LX_NUMBER, 9),
    W("عشرة", LX_NUMBER, 10),
    W("عشر", LX_NUMBER, 10),
    W("عشرون", LX_NUMBER, 20),
    W("عشرين", LX_NUMBER, 20),
    W("ثلاثون", LX_NUMBER, 30),
    W("ثلاثين", LX_NUMBER, 30),
    W("أربعون", LX_NUMBER, 40),
    W("أربعين", LX_NUMBER, 40),
    W("خمسون", LX_NUMBER, 50),
    W("خمسين", LX_NUMBER, 50),
    W("ستون", LX_NUMBER, 60),
    W("ستين", LX_NUMBER, 60),
    W("سبعون", LX_NUMBER, 70),
    W("سبعين", LX_NUMBER, 70),
    W("ثمانون", LX_NUMBER, 80),
    W("ثمانين", LX_NUMBER, 80),
    W("تسعون", LX_NUMBER, 90),
    W("تسعين", LX_NUMBER, 90),
    W("مئة", LX_NUMBER | LX_SCALE, 100),
    W("مائة", LX_NUMBER | LX_SCALE, 100),
    W("مئتان", LX_NUMBER, 200),
    W("مئتين", LX_NUMBER, 200),
    W("ألف", LX_SCALE, 1000),
    W("مليون", LX_SCALE, 1000000),
    W("مليار", LX_SCALE, 1000000000),
    W("الأول", LX_ORDINAL, 1),
    W("الثاني", LX_ORDINAL, 2),
    W("الثالث", LX_ORDINAL, 3),
    W("الرابع", LX_ORDINAL, 4),
    W("الخامس", LX_ORDINAL, 5),
    W("السادس", LX_ORDINAL, 6),
    W("السابع", LX_ORDINAL, 7),
    W("الثامن", LX_ORDINAL, 8),
    W("التاسع", LX_ORDINAL, 9),
    W("العاشر", LX_ORDINAL, 10),
    /* "آلاف": "ثلاثة آلاف" is 3,000, "آلاف المتظاهرين" thousands (a
     * vague scale word: tallies.c reads it as vague amount 2). */
    W("عشرات", LX_VAGUE, 0),
    W("مئات", LX_VAGUE, 1),
    W("آلاف", LX_VAGUE | LX_SCALE, 1000),
    /* Metrics; nouns also in the accusative after 11-99 ("قتيلا"). */
    MP("قتيل", EX_KILLED, 3),
    MP("قتيلا", EX_KILLED, 3),
    MP("قتلى", EX_KILLED, 3),
    MP("شهيد", EX_KILLED, 3),
    MP("شهيدا", EX_KILLED, 3),
    MP("شهداء", EX_KILLED, 3),
    M("مقتل", EX_KILLED, 3, ROLE_OUTCOME),
    M("قتل", EX_KILLED, 3, ROLE_OUTCOME),
    M("قتلوا", EX_KILLED, 3, ROLE_OUTCOME),
    M("حتفهم", EX_KILLED, 3, ROLE_OUTCOME), /* "لقوا حتفهم": died */
    M("حصيلة", EX_KILLED, 3, ROLE_NOUN),
    M("جثة", EX_KILLED, 2, ROLE_NOUN),
    M("جثث", EX_KILLED, 2, ROLE_NOUN),
    MP("جريح", EX_INJURED, 3),
    MP("جريحا", EX_INJURED, 3),
    MP("جرحى", EX_INJURED, 3),
    MP("مصاب", EX_INJURED, 3),
    MP("مصابا", EX_INJURED, 3),
    MP("مصابين", EX_INJURED, 3),
    M("إصابة", EX_INJURED, 3, ROLE_OUTCOME),
    M("أصيب", EX_INJURED, 3, ROLE_OUTCOME),
    M("أصيبوا", EX_INJURED, 3, ROLE_OUTCOME),
    M("أصابت", EX_INJURED, 3, ROLE_OUTCOME),
    M("جرح", EX_INJURED, 3, ROLE_OUTCOME),
    M("جرحوا", EX_INJURED, 3, ROLE_OUTCOME),
    M("إصابات", EX_INJURED, 3, ROLE_NOUN),
    MP("معتقل", EX_DETAINED, 3),
    MP("معتقلا", EX_DETAINED, 3),
    MP("معتقلين", EX_DETAINED, 3),
    M("اعتقال", EX_DETAINED, 3, ROLE_OUTCOME),
    M("اعتقالات", EX_DETAINED, 3, ROLE_NOUN),
    M("اعتقل", EX_DETAINED, 3, ROLE_OUTCOME),
    M("اعتقلوا", EX_DETAINED, 3, ROLE_OUTCOME),
    MP("محتجز", EX_DETAINED, 3),
    MP("محتجزين", EX_DETAINED, 3),
    M("مدينة", EX_LOCALITIES, 2, ROLE_NOUN),
    M("مدن", EX_LOCALITIES, 2, ROLE_NOUN),
    MP("متظاهر", EX_PARTICIPANTS, 1),
    MP("متظاهرا", EX_PARTICIPANTS, 1),
    MP("متظاهرين", EX_PARTICIPANTS, 1),
    MP("محتجين", EX_PARTICIPANTS, 1),
    W("تظاهر", LX_GATHER, 0),
    W("تظاهروا", LX_GATHER, 0),
    W("احتشد", LX_GATHER, 0),
    W("احتشاد", LX_GATHER, 0),
    W("يعتصمون", LX_GATHER, 0),
    W("تجمع", LX_GATHER, 0),
    W("خرج", LX_GATHER, 0), /* "خرج مئات الآلاف إلى الشوارع" */
    W("ردد", LX_GATHER, 0), /* chanted */
    /* Duals count two: "وفاة شخصين" is two deaths. */
    W("شخصين", LX_NUMBER | LX_PERSON, 2),
    W("شخصان", LX_NUMBER | LX_PERSON, 2),
    W("متظاهران", LX_NUMBER | LX_PERSON, 2), /* not "متظاهرين": a plural too */
    {"شهيدين", LX_NUMBER | LX_PERSON | LX_METRIC, 2, EX_KILLED, 3, ROLE_NOUN},
    {"قتيلين", LX_NUMBER | LX_PERSON | LX_METRIC, 2, EX_KILLED, 3, ROLE_NOUN},
    M("وفاة", EX_KILLED, 3, ROLE_NOUN),
    W("شخص", LX_PERSON, 0),
    W("شخصا", LX_PERSON, 0),
    W("أشخاص", LX_PERSON, 0),
    W("مدنيين", LX_PERSON, 0),
    W("مدنيا", LX_PERSON, 0),
    W("طفلا", LX_PERSON, 0),
    /* Peoples and citizens counted ("آلاف العراقيين", "مئات السودانيين"). */
    W("السودانيين", LX_PERSON, 0),
    W("العراقيين", LX_PERSON, 0),
    W("الإيرانيين", LX_PERSON, 0),
    W("السوريين", LX_PERSON, 0),
    W("اللبنانيين", LX_PERSON, 0),
    W("المصريين", LX_PERSON, 0),
    W("المواطنين", LX_PERSON, 0),
    W("أطفال", LX_PERSON, 0),
    /* Attributions: "وفقا لـ X", "بحسب X", "قال X", "أعلنت X". */
    W("وفقا", LX_SAY | LX_SOURCE, 0),
    W("بحسب", LX_SAY | LX_SOURCE, 0),
    W("حسب", LX_SAY | LX_SOURCE, 0),
    W("قال", LX_SAY, 1), /* value 1: the speaker follows the verb */
    W("قالت", LX_SAY, 1),
    W("أعلن", LX_SAY, 1),
    W("أعلنت", LX_SAY, 1),
    W("في", LX_FUNC | LX_STOP, 0),
    W("من", LX_FUNC | LX_STOP, 0),
    W("على", LX_FUNC | LX_STOP, 0),
    W("إلى", LX_FUNC | LX_STOP, 0),
    W("عن", LX_FUNC | LX_STOP, 0),
    W("أن", LX_FUNC | LX_STOP, 0),
    W("إن", LX_FUNC | LX_STOP, 0),
    W("التي", LX_FUNC | LX_STOP, 0),
    W("الذي", LX_FUNC | LX_STOP, 0),
    W("ل", LX_FUNC | LX_STOP, 0),
    W("فيه", LX_FUNC | LX_STOP, 0),
    W("كذلك", LX_FUNC | LX_STOP, 0),
    W("عدد", LX_FUNC | LX_STOP, 0),
    W("ارتفاع", LX_FUNC | LX_STOP, 0),
};

/* Vague amounts (DESIGN §7): dozens, hundreds, thousands. "Tens of
 * thousands" and "hundreds of thousands" scale these by 1,000 / 10. */
static const long long vague_ranges[][2] = {
    {24, 99},
    {200, 999},
    {2000, 9999},
};

/* Qualifier phrases, matched backwards from the number; longest first.
 * Persian and Arabic as written (folded at build, like words[]). */
static const struct {
    const char *words[4];
    enum ex_qualifier q;
} qualifiers[] = {
    {{"ما", "لا", "يقل", "عن"}, EX_AT_LEAST},
    {{"ما", "يزيد", "عن"}, EX_MORE_THAN},
    {{"ما", "يزيد", "على"}, EX_MORE_THAN},
    {{"لا", "يقل", "عن"}, EX_AT_LEAST},
    {{"لا", "يتجاوز"}, EX_UP_TO},
    {{"no", "less", "than"}, EX_AT_LEAST},
    {{"not", "less", "than"}, EX_AT_LEAST},
    {{"a", "minimum", "of"}, EX_AT_LEAST},
    {{"in", "excess", "of"}, EX_MORE_THAN},
    {{"no", "more", "than"}, EX_UP_TO},
    {{"not", "more", "than"}, EX_UP_TO},
    {{"as", "many", "as"}, EX_UP_TO},
    {{"a", "maximum", "of"}, EX_UP_TO},
    {{"at", "least"}, EX_AT_LEAST},
    {{"more", "than"}, EX_MORE_THAN},
    {{"upwards", "of"}, EX_MORE_THAN},
    {{"well", "over"}, EX_MORE_THAN},
    {{"up", "to"}, EX_UP_TO},
    {{"at", "most"}, EX_UP_TO},
    {{"an", "estimated"}, EX_ABOUT},
    {{"close", "to"}, EX_ABOUT},
    {{"closer", "to"}, EX_ABOUT},
    {{"stands", "at"}, EX_EXACT},
    {{"stood", "at"}, EX_EXACT},
    {{"over"}, EX_MORE_THAN},
    {{"exceeded"}, EX_MORE_THAN},
    {{"exceeding"}, EX_MORE_THAN},
    {{"exceeds"}, EX_MORE_THAN},
    {{"surpassed"}, EX_MORE_THAN},
    {{"surpasses"}, EX_MORE_THAN},
    {{"topped"}, EX_MORE_THAN},
    {{"about"}, EX_ABOUT},
    {{"around"}, EX_ABOUT},
    {{"approximately"}, EX_ABOUT},
    /* "nearly 12,000", "almost 500": under the number, so up to it, as a
     * coder reads them (tests/extract/README.md). */
    {{"nearly"}, EX_UP_TO},
    {{"almost"}, EX_UP_TO},
    {{"roughly"}, EX_ABOUT},
    {{"estimated"}, EX_ABOUT},
    {{"some"}, EX_ABOUT},
    {{"circa"}, EX_ABOUT},
    {{"~"}, EX_ABOUT},
    /* "بالغ بر" ("amounting to over") reads as more than. */
    {{"دست", "کم"}, EX_AT_LEAST},
    {{"بیش", "از"}, EX_MORE_THAN},
    {{"بیشتر", "از"}, EX_MORE_THAN},
    {{"بالغ", "بر"}, EX_MORE_THAN},
    {{"نزدیک", "به"}, EX_ABOUT},
    {{"قریب", "به"}, EX_ABOUT},
    {{"در", "حدود"}, EX_ABOUT},
    {{"على", "الأقل"}, EX_AT_LEAST},
    {{"أكثر", "من"}, EX_MORE_THAN},
    {{"ما", "يقارب"}, EX_ABOUT},
    {{"ما", "يناهز"}, EX_ABOUT},
    {{"دست‌کم"}, EX_AT_LEAST},
    {{"حداقل"}, EX_AT_LEAST},
    {{"حداکثر"}, EX_UP_TO},
    {{"حدود"}, EX_ABOUT},
    {{"تقریبا"}, EX_ABOUT},
    {{"تا"}, EX_UP_TO},
    {{"نحو"}, EX_ABOUT},
    {{"حوالي"}, EX_ABOUT},
    {{"قرابة"}, EX_ABOUT},
    {{"زهاء"}, EX_ABOUT},
};

/* Qualifier phrases after the figure and its noun: "143 متظاهرا على
 * الأقل". */
static const struct {
    const char *words[2];
    enum ex_qualifier q;
} qualifiers_after[] = {
    {{"على", "الأقل"}, EX_AT_LEAST},
};

enum { NQUALIFIERS = sizeof qualifiers / sizeof *qualifiers };
enum { NAFTER = sizeof qualifiers_after / sizeof *qualifiers_after };

/* ==== The table ==== */

enum { SLOTS = 4096 }; /* a power of two, over four times the words */
enum { NWORDS = sizeof words / sizeof *words };

/* A slot's fields side by side: a probe reads one cache line. */
static struct slot {
    uint32_t hash;    /* the word's hash: most misses end here */
    uint32_t classes; /* the entry's, read without following it */
    uint8_t len;      /* the word's bytes */
    uint64_t lo, hi;  /* its first sixteen, as hash_load16 gives them */
    const char *key;  /* the word, folded */
    const struct lex_entry *entry; /* NULL: an empty slot */
} slots[SLOTS];
/* Each slot's tag, beside the slots: (hash >> 16) | 1, or 0 when the
 * slot is empty. A probe reads 8 KB that stay in the first-level cache
 * and turns most words away there; only a word whose tag matches reads
 * its 40-byte slot, where probing the slots themselves (160 KB) missed
 * the cache for most words of a text (benchmark P5). */
static uint16_t tags[SLOTS];

static inline uint16_t tag_of(uint32_t hash)
{
    return (uint16_t)((hash >> 16) | 1);
}
static uint32_t extra[SLOTS];        /* classes of a word's later lines */
static char folded[NWORDS][LOW_MAX]; /* words[], folded */
static char qual_folded[NQUALIFIERS][4][LOW_MAX]; /* qualifiers[] */
static size_t qual_len[NQUALIFIERS];              /* words in each */
static uint32_t qual_last[NQUALIFIERS]; /* lexicon_hash of the last word */
/* The phrases by their last word's hash, as lexicon_qualifier asks for
 * them (for the word before every figure): QUAL_SLOTS slots of the first
 * phrase (1 + its index, 0: empty) with a hash, and from each phrase the
 * next with the same last word, in the table's order. */
enum { QUAL_SLOTS = 256 };
static uint32_t qual_slot_hash[QUAL_SLOTS];
static uint8_t qual_slot[QUAL_SLOTS];
static uint8_t qual_next[NQUALIFIERS];        /* 1 + index, 0: none */
static char after_folded[NAFTER][2][LOW_MAX]; /* qualifiers_after[] */
static pthread_once_t built = PTHREAD_ONCE_INIT;

uint32_t lexicon_hash(const char *s)
{
    return hash_bytes(s, strlen(s));
}

/* Folds a word of the tables; they are checked in, so one that does not
 * fit is a bug. */
static void fold(const char *word, char out[LOW_MAX])
{
    bool fits = tok_fold_word(word, out);
    assert(fits && "a lexicon word longer than LOW_MAX");
    (void)fits;
}

static size_t phrase_len(size_t k)
{
    size_t n = 0;
    while (n < 4 && qualifiers[k].words[n])
        n++;
    return n;
}

static void build(void)
{
    _Static_assert(NWORDS < SLOTS / 4, "grow SLOTS"); /* short probes */
    for (size_t i = 0; i < NWORDS; i++) {
        fold(words[i].word, folded[i]);
        uint32_t full = lexicon_hash(folded[i]), h = full & (SLOTS - 1);
        while (slots[h].entry && strcmp(slots[h].key, folded[i]) != 0)
            h = (h + 1) & (SLOTS - 1);
        if (slots[h].entry == NULL) {
            size_t len = strlen(folded[i]);
            uint64_t lo, hi;
            hash_load16((const unsigned char *)folded[i], len < 16 ? len : 16,
                        &lo, &hi);
            slots[h] = (struct slot){full, 0,         (uint8_t)len, lo,
                                     hi,   folded[i], &words[i]};
            tags[h] = tag_of(full);
        } else
            extra[h] |= words[i].classes;
    }
    for (size_t k = 0; k < NQUALIFIERS; k++) {
        for (size_t j = 0; j < 4 && qualifiers[k].words[j]; j++)
            fold(qualifiers[k].words[j], qual_folded[k][j]);
        qual_len[k] = phrase_len(k);
        qual_last[k] = lexicon_hash(qual_folded[k][qual_len[k] - 1]);
    }
    _Static_assert(NQUALIFIERS < QUAL_SLOTS / 2 && NQUALIFIERS < 255,
                   "grow QUAL_SLOTS");
    for (size_t k = NQUALIFIERS; k-- > 0;) { /* last first: chains in order */
        uint32_t s = qual_last[k] & (QUAL_SLOTS - 1);
        while (qual_slot[s] && qual_slot_hash[s] != qual_last[k])
            s = (s + 1) & (QUAL_SLOTS - 1);
        qual_next[k] = qual_slot[s];
        qual_slot[s] = (uint8_t)(k + 1);
        qual_slot_hash[s] = qual_last[k];
    }
    for (size_t k = 0; k < NAFTER; k++)
        for (size_t j = 0; j < 2; j++)
            fold(qualifiers_after[k].words[j], after_folded[k][j]);
}

/* Later lines' classes are folded in at lookup: entries stay const. */
static struct lex_entry merged[SLOTS];

static atomic_bool ready; /* merge has run */

static void merge(void)
{
    build();
    for (size_t h = 0; h < SLOTS; h++)
        if (slots[h].entry && extra[h]) {
            merged[h] = *slots[h].entry;
            merged[h].classes |= extra[h];
            slots[h].entry = &merged[h];
        }
    for (size_t h = 0; h < SLOTS; h++)
        if (slots[h].entry)
            slots[h].classes = slots[h].entry->classes;
    atomic_store_explicit(&ready, true, memory_order_release);
}

/* Whether a[0..n) and b[0..n) are the same bytes: a loop the compiler
 * keeps inline, where strcmp's call was a third of a lookup. */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

const struct lex_entry *lexicon_lookup(const char *low, uint32_t full)
{
    /* The tokenizer asks for every word: once the tables are built, an
     * acquire load instead of pthread_once's call. */
    if (!atomic_load_explicit(&ready, memory_order_acquire))
        pthread_once(&built, merge);
    for (uint32_t h = full & (SLOTS - 1); slots[h].entry;
         h = (h + 1) & (SLOTS - 1))
        if (slots[h].hash == full && strcmp(slots[h].key, low) == 0)
            return slots[h].entry;
    return NULL;
}

const struct lex_entry *lexicon_lookup_n(const char *low, size_t len,
                                         uint32_t full)
{
    if (!atomic_load_explicit(&ready, memory_order_acquire))
        pthread_once(&built, merge);
    uint16_t tag = tag_of(full);
    for (uint32_t h = full & (SLOTS - 1); tags[h]; h = (h + 1) & (SLOTS - 1))
        if (tags[h] == tag && slots[h].hash == full && slots[h].len == len &&
            same_bytes(slots[h].key, low, len))
            return slots[h].entry;
    return NULL;
}

const struct lex_entry *lexicon_lookup_words(uint64_t lo, uint64_t hi,
                                             size_t len, uint32_t full,
                                             uint32_t *classes)
{
    *classes = 0;
    assert(len <= 16);
    if (!atomic_load_explicit(&ready, memory_order_acquire))
        pthread_once(&built, merge);
    uint16_t tag = tag_of(full);
    for (uint32_t h = full & (SLOTS - 1); tags[h]; h = (h + 1) & (SLOTS - 1))
        if (tags[h] == tag && slots[h].lo == lo && slots[h].hi == hi &&
            slots[h].len == len) {
            *classes = slots[h].classes;
            return slots[h].entry;
        }
    return NULL;
}

const struct lex_entry *lexicon_find(const char *low)
{
    return lexicon_lookup(low, lexicon_hash(low));
}

long lexicon_compound(const char *low, uint32_t second)
{
    const char *dash = strchr(low, '-');
    if (dash == NULL || dash - low >= LOW_MAX)
        return 0;
    char tens[LOW_MAX];
    memcpy(tens, low, (size_t)(dash - low));
    tens[dash - low] = '\0';
    const struct lex_entry *a = lexicon_find(tens), *b = lexicon_find(dash + 1);
    if (a && b && (a->classes & LX_NUMBER) && (b->classes & second) &&
        a->value >= 20 && a->value % 10 == 0 && b->value < 10)
        return a->value + b->value;
    return 0;
}

void lexicon_vague(int v, long long *low, long long *high)
{
    *low = vague_ranges[v][0];
    *high = vague_ranges[v][1];
}

/* Whether "has", "have" or "had" stands one or two words before token j
 * ("had earlier estimated"): j is then a verb in the perfect. */
static bool perfect_before(const struct tokens *ts, size_t j)
{
    for (size_t b = 1; b <= 2 && b <= j; b++)
        if (tok_is(ts, j - b, "had") || tok_is(ts, j - b, "has") ||
            tok_is(ts, j - b, "have"))
            return true;
    return false;
}

size_t lexicon_qualifier(const struct tokens *ts, size_t i,
                         enum ex_qualifier *q)
{
    pthread_once(&built, merge);
    if (i == 0 || i > ts->count)
        return i;
    const struct token *before = &ts->t[i - 1];
    uint32_t last =
        before->kind == TK_WORD ? before->hash : lexicon_hash(before->low);
    /* The phrases whose last word hashes as the word before the figure,
     * in the table's order: most words end none. */
    uint32_t s = last & (QUAL_SLOTS - 1);
    while (qual_slot[s] && qual_slot_hash[s] != last)
        s = (s + 1) & (QUAL_SLOTS - 1);
    for (size_t k1 = qual_slot[s]; k1 != 0; k1 = qual_next[k1 - 1]) {
        size_t k = k1 - 1, n = qual_len[k];
        if (i < n || !tok_is(ts, i - 1, qual_folded[k][n - 1]))
            continue;
        size_t j = 0;
        while (j < n && tok_is(ts, i - n + j, qual_folded[k][j]))
            j++;
        /* "had (earlier) estimated 208 deaths": a verb, not "an
         * estimated". */
        bool verb = j == n && n == 1 &&
                    strcmp(qualifiers[k].words[0], "estimated") == 0 &&
                    perfect_before(ts, i - 1);
        if (j == n && !verb) {
            *q = qualifiers[k].q;
            return i - n;
        }
    }
    return i;
}

size_t lexicon_qualifier_after(const struct tokens *ts, size_t i,
                               enum ex_qualifier *q)
{
    pthread_once(&built, merge);
    for (size_t k = 0; k < NAFTER; k++)
        if (tok_is(ts, i, after_folded[k][0]) &&
            tok_is(ts, i + 1, after_folded[k][1])) {
            *q = qualifiers_after[k].q;
            return 2;
        }
    return 0;
}

/* ==== Common English words ==== */

extern const char english_words[]; /* words_data.S: one word a line */

enum { COMMON_SLOTS = 1 << 17 }; /* over twice the list's 64k words */
static uint32_t *common;         /* lexicon_hash of each, 0: empty */
static pthread_once_t common_once = PTHREAD_ONCE_INIT;

/* Keeps the list's words in lower case only ("date", not "Paris" or
 * "Paris's"): a hash set, built once. */
static void build_common(void)
{
    common = xcalloc(COMMON_SLOTS, sizeof *common);
    char w[LOW_MAX];
    for (const char *p = english_words; *p;) {
        size_t n = strcspn(p, "\n");
        bool lower = n > 0 && n < LOW_MAX;
        for (size_t i = 0; lower && i < n; i++)
            lower = p[i] >= 'a' && p[i] <= 'z';
        if (lower) {
            memcpy(w, p, n);
            w[n] = '\0';
            uint32_t h = lexicon_hash(w) | 1, i = h & (COMMON_SLOTS - 1);
            while (common[i] && common[i] != h)
                i = (i + 1) & (COMMON_SLOTS - 1);
            common[i] = h;
        }
        p += n + (p[n] == '\n');
    }
}

bool lexicon_common_word(const char *low)
{
    pthread_once(&common_once, build_common);
    uint32_t h = lexicon_hash(low) | 1;
    for (uint32_t i = h & (COMMON_SLOTS - 1); common[i];
         i = (i + 1) & (COMMON_SLOTS - 1))
        if (common[i] == h)
            return true;
    return false;
}
