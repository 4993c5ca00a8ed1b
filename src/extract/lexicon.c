/*
 * lexicon.c: the extractor's rules as data (STYLE rule 25): the words it
 * knows, each with its classes (a month, a number word, a metric word,
 * an attribution verb, ...), and the qualifier phrases. Words are lower
 * case ASCII; a word listed twice gets the classes of both lines (the
 * first line's value and metric win). Looked up through a hash table
 * built once.
 */
#include <pthread.h>
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
    W("march", LX_MONTH, 3),
    W("april", LX_MONTH, 4),
    W("may", LX_MONTH, 5),
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
    M("fatalities", EX_KILLED, 3, ROLE_NOUN),
    M("bodies", EX_KILLED, 2, ROLE_NOUN),
    MP("martyrs", EX_KILLED, 3),
    MP("victims", EX_KILLED, 2),
    M("injured", EX_INJURED, 3, ROLE_OUTCOME),
    M("injuring", EX_INJURED, 3, ROLE_OUTCOME),
    M("wounded", EX_INJURED, 3, ROLE_OUTCOME),
    M("wounding", EX_INJURED, 3, ROLE_OUTCOME),
    M("hurt", EX_INJURED, 3, ROLE_OUTCOME),
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
    W("tomorrow", LX_FUTURE | LX_DATEWORD, 0),
    W("yesterday", LX_DATEWORD, 0),
    W("today", LX_DATEWORD, 0),
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
    W("day", LX_UNIT, 0),
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
    W("and", LX_STOP | LX_FUNC, 0),
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
    W("police", LX_STOP, 0),
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
};

/* Vague amounts (DESIGN §7): dozens, hundreds, thousands. "Tens of
 * thousands" and "hundreds of thousands" scale these by 1,000 / 10. */
static const long long vague_ranges[][2] = {
    {24, 99},
    {200, 999},
    {2000, 9999},
};

/* Qualifier phrases, matched backwards from the number; longest first. */
static const struct {
    const char *words[3];
    enum ex_qualifier q;
} qualifiers[] = {
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
    {{"topped"}, EX_MORE_THAN},
    {{"about"}, EX_ABOUT},
    {{"around"}, EX_ABOUT},
    {{"approximately"}, EX_ABOUT},
    {{"nearly"}, EX_ABOUT},
    {{"almost"}, EX_ABOUT},
    {{"roughly"}, EX_ABOUT},
    {{"estimated"}, EX_ABOUT},
    {{"some"}, EX_ABOUT},
    {{"circa"}, EX_ABOUT},
    {{"~"}, EX_ABOUT},
};

/* ==== The table ==== */

enum { SLOTS = 2048 }; /* a power of two, over twice the words */

static const struct lex_entry *slots[SLOTS];
static uint32_t hashes[SLOTS]; /* each slot's hash: most misses end here */
static uint32_t extra[SLOTS];  /* classes of a word's later lines */
static pthread_once_t built = PTHREAD_ONCE_INIT;

uint32_t lexicon_hash(const char *s)
{
    return fnv32(s, strlen(s));
}

static void build(void)
{
    _Static_assert(sizeof words / sizeof *words < SLOTS / 2, "grow SLOTS");
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        uint32_t h = lexicon_hash(words[i].word) & (SLOTS - 1);
        while (slots[h] && strcmp(slots[h]->word, words[i].word) != 0)
            h = (h + 1) & (SLOTS - 1);
        if (slots[h] == NULL) {
            slots[h] = &words[i];
            hashes[h] = lexicon_hash(words[i].word);
        } else
            extra[h] |= words[i].classes;
    }
}

/* Later lines' classes are folded in at lookup: entries stay const. */
static struct lex_entry merged[SLOTS];

static void merge(void)
{
    build();
    for (size_t h = 0; h < SLOTS; h++)
        if (slots[h] && extra[h]) {
            merged[h] = *slots[h];
            merged[h].classes |= extra[h];
            slots[h] = &merged[h];
        }
}

const struct lex_entry *lexicon_lookup(const char *low, uint32_t full)
{
    pthread_once(&built, merge);
    for (uint32_t h = full & (SLOTS - 1); slots[h]; h = (h + 1) & (SLOTS - 1))
        if (hashes[h] == full && strcmp(slots[h]->word, low) == 0)
            return slots[h];
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

static size_t phrase_len(size_t k)
{
    size_t n = 0;
    while (n < 3 && qualifiers[k].words[n])
        n++;
    return n;
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
    for (size_t k = 0; k < sizeof qualifiers / sizeof *qualifiers; k++) {
        size_t n = phrase_len(k);
        if (i < n)
            continue;
        size_t j = 0;
        while (j < n && tok_is(ts, i - n + j, qualifiers[k].words[j]))
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
