# lunet — build, run, test, bench.  `make run` and `make test` install what is missing first.
BUILD   ?= build
CC      ?= cc
OPT     ?= -O2 -march=native -fvect-cost-model=cheap -fno-math-errno
WARN    := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wpointer-arith \
           -Wformat=2 -Wundef -Wno-unused-parameter
WERROR  ?= $(if $(CI),-Werror,)
LUA_CFLAGS := $(shell pkg-config --cflags lua5.4 2>/dev/null)
LUA_LIBS   := $(shell pkg-config --libs lua5.4 2>/dev/null || echo -llua5.4)
CFLAGS  += $(OPT) -g -std=gnu11 $(WARN) $(WERROR) -MMD -MP -DLUNET_SRCDIR='"$(CURDIR)"'
LDLIBS  := -lopenblas -lz -lm
SAN     :=

CORE_SRC := $(filter-out src/lua_%.c src/repl.c src/main.c,$(wildcard src/*.c))
BIND_SRC := $(wildcard src/lua_*.c)
LUA_SRC  := $(sort $(wildcard lua/*.lua))
CORE_OBJ := $(CORE_SRC:src/%.c=$(BUILD)/obj/%.o)
BIND_OBJ := $(BIND_SRC:src/%.c=$(BUILD)/obj/%.o)
PIC_OBJ  := $(CORE_SRC:src/%.c=$(BUILD)/pic/%.o) $(BIND_SRC:src/%.c=$(BUILD)/pic/%.o) $(BUILD)/pic/lua_embedded.o
CTEST_SRC := $(wildcard tests/c/*.c)

.PHONY: all run test bench asan valgrind clean setup install
all: $(BUILD)/lunet $(BUILD)/lunet.so $(BUILD)/test_c $(BUILD)/ptydrive

setup:
	@sh scripts/setup.sh

run: setup all
	@$(BUILD)/lunet

test: setup all
	@sh tests/run.sh $(BUILD)

bench: setup all
	@sh bench/run.sh $(BUILD)

# Address + undefined-behaviour sanitizers over the whole test suite, in a build dir of their own.
asan: setup
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" all
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:quarantine_size_mb=16 UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp sh tests/run.sh build-asan

# valgrind does not know every AVX-512 instruction: build for the baseline ISA in a dir of its own.
valgrind: setup
	@$(MAKE) --no-print-directory BUILD=build-valgrind OPT="-O1" all
	@VALGRIND=1 sh tests/run.sh build-valgrind

install: all
	install -D -m 755 $(BUILD)/lunet $(DESTDIR)/usr/local/bin/lunet
	install -d $(DESTDIR)/usr/local/share/lunet/lessons
	install -m 644 lessons/*.lua $(DESTDIR)/usr/local/share/lunet/lessons/

clean:
	rm -rf build build-asan build-*

$(BUILD)/lunet: $(CORE_OBJ) $(BIND_OBJ) $(BUILD)/obj/repl.o $(BUILD)/obj/main.o $(BUILD)/obj/lua_embedded.o
	$(CC) $(SAN) -o $@ $^ $(LUA_LIBS) -lreadline $(LDLIBS)

$(BUILD)/lunet.so: $(PIC_OBJ)
	$(CC) $(SAN) -shared -o $@ $^ $(LDLIBS)

# C unit tests link against the core alone: a Lua call in the core fails to link here.
$(BUILD)/test_c: $(CTEST_SRC) $(CORE_OBJ)
	$(CC) $(CFLAGS) $(SAN) -Isrc -o $@ $^ $(LDLIBS)

$(BUILD)/ptydrive: tests/repl/ptydrive.c
	$(CC) $(CFLAGS) $(SAN) -o $@ $< -lutil

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/obj
	$(CC) $(CFLAGS) $(SAN) $(LUA_CFLAGS) -c -o $@ $<

$(BUILD)/pic/%.o: src/%.c | $(BUILD)/pic
	$(CC) $(CFLAGS) $(SAN) $(LUA_CFLAGS) -fPIC -c -o $@ $<

$(BUILD)/obj/lua_embedded.o $(BUILD)/pic/lua_embedded.o: $(BUILD)/lua_embedded.c
	$(CC) $(CFLAGS) $(SAN) -fPIC -c -o $@ $<

# The Lua half of lunet is compiled into the binary and the module, so they run from anywhere.
$(BUILD)/lua_embedded.c: $(LUA_SRC) $(BUILD)/embed
	$(BUILD)/embed $(LUA_SRC) > $@

$(BUILD)/embed: scripts/embed.c | $(BUILD)/obj
	$(CC) -O1 -o $@ $<

$(BUILD)/obj $(BUILD)/pic:
	mkdir -p $@

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/pic/*.d)
