/*
 * pq.c: loading libpq when it is first needed (see pq.h).
 */
#include "config.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define PQ_NO_MACROS
#include "pq.h"
#include "diptych/util.h"
#include "store_impl.h"

struct pq_api pq;

/* Where each function goes in pq, by name. */
#define F(name, field)	{ name, offsetof(struct pq_api, field) }
static const struct {
	const char	*name;
	size_t		 at;
} funcs[] = {
	F("PQconnectStart", connectStart),
	F("PQconnectStartParams", connectStartParams),
	F("PQconnectPoll", connectPoll),
	F("PQconnectdbParams", connectdbParams),
	F("PQfinish", finish),
	F("PQconninfoParse", conninfoParse),
	F("PQconninfo", conninfo),
	F("PQconninfoFree", conninfoFree),
	F("PQuser", user),
	F("PQstatus", status),
	F("PQtransactionStatus", transactionStatus),
	F("PQerrorMessage", errorMessage),
	F("PQsocket", socket),
	F("PQbackendPID", backendPID),
	F("PQconnectionNeedsPassword", connectionNeedsPassword),
	F("PQsetErrorVerbosity", setErrorVerbosity),
	F("PQsetNoticeProcessor", setNoticeProcessor),
	F("PQexec", exec),
	F("PQexecParams", execParams),
	F("PQconsumeInput", consumeInput),
	F("PQnotifies", notifies),
	F("PQresultStatus", resultStatus),
	F("PQresultErrorMessage", resultErrorMessage),
	F("PQresultErrorField", resultErrorField),
	F("PQntuples", ntuples),
	F("PQgetvalue", getvalue),
	F("PQgetisnull", getisnull),
	F("PQclear", clear),
	F("PQfreemem", freemem),
};
#undef F

int
pq_load(char **err)
{
	static void	*lib;
	void		*f;
	size_t		 i;

	if (lib != NULL)
		return 0;
	/* Kept loaded to the end: the process's connections use it. */
	if ((lib = dlopen(PQ_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		*err = store_printf("PostgreSQL seminars need libpq (%s, "
		    "Debian's libpq5): %s", PQ_SONAME, dlerror());
		return -1;
	}
	for (i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++) {
		if ((f = dlsym(lib, funcs[i].name)) == NULL) {
			*err = store_printf("%s has no %s: not the libpq "
			    "diptych was built for", PQ_SONAME, funcs[i].name);
			dlclose(lib);
			lib = NULL;
			return -1;
		}
		/* POSIX: a function's address and a data pointer are
		   the same size and form. */
		memcpy((char *)&pq + funcs[i].at, &f, sizeof(f));
	}
	return 0;
}
