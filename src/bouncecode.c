/*
 * bouncecode.c — the module's magic block.  Everything else lives in one file
 * per SQL-facing concern.
 */
#include "bouncecode.h"

BOUNCECODE_MODULE_MAGIC;
