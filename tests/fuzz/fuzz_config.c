/*
 * fuzz_config.c: libFuzzer harness for the configuration file's parser
 * (every line good or reported, never a crash or a leak).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "diptych/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const roles[] = { "text", "match", "status-focus" };
static const char *const modes[] = { "read", "list", "prompt" };
static const char *const cmds[] = { "down", "up", "close" };

/* One printable character, or Down. */
static int
key(const char *name, char *canon, size_t canonsz)
{
	if ((strlen(name) == 1 && name[0] > ' ' && name[0] < 0x7f) ||
	    strcmp(name, "Down") == 0) {
		snprintf(canon, canonsz, "%s", name);
		return 0;
	}
	return -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct config_names names = { roles, 3, modes, 3,
		cmds, 3, key };
	FILE	*f;

	if (size == 0 || (f = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	config_free(config_read(f, "fuzz", &names));
	fclose(f);
	return 0;
}
