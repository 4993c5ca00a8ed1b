/*
 * arena.h: memory tied to one unit of work (a CLI command, a request).
 *
 * Everything allocated from an arena is freed at once by arena_release;
 * nothing in it is freed alone. Loaded records (trackers, claims, ...) keep
 * their strings here, so a struct read from the store needs no free().
 */
#ifndef VIGIL_UTIL_ARENA_H
#define VIGIL_UTIL_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head; /* newest block first */
};

#define ARENA_INIT \
    {              \
        NULL       \
    }

/* ==== Allocating (each aborts on exhaustion, never returns NULL) ==== */

/* Returns n zeroed bytes aligned for any type, owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);
/* arena_alloc without the zeroing: for an array the caller fills whole
 * before reading (the extractor's 10 MB of tokens a megabyte of text,
 * whose memset alone was 5% of its time). */
void *arena_alloc_raw(struct arena *a, size_t n);
/* Copies a string (NULL stays NULL) into the arena. */
char *arena_strdup(struct arena *a, const char *s);
/* Copies n bytes and adds a NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Grows an array of `size`-byte elements allocated from this arena from
 * `count` to `count * 2` (at least 8) elements, copying the old ones; the
 * old array stays allocated until release. Updates *cap. */
void *arena_grow(struct arena *a, void *array, size_t count, size_t *cap,
                 size_t size);

/* Frees every allocation; the arena may be reused. */
void arena_release(struct arena *a);

#endif
