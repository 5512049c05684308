/*
 * compiler.h — hints to the compiler for the scanner's hot loop, with plain C
 * fallbacks for compilers that know no GNU attributes.
 *
 * The byte loop calls its per-byte step from several places; left to itself
 * GCC makes that step a function (a call and a prologue per byte) and inlines
 * its rare paths instead.  ALWAYS_INLINE and NOINLINE say which is which.
 */
#ifndef BOUNCE_COMPILER_H
#define BOUNCE_COMPILER_H

#if defined(__GNUC__) || defined(__clang__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define NOINLINE __attribute__((noinline))
#else
#define ALWAYS_INLINE inline
#define NOINLINE
#endif

#endif
