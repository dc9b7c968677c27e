/*
 * pq.h: libpq, loaded when a seminar on PostgreSQL is first opened.
 *
 * libpq brings some twenty libraries with it (TLS, Kerberos, LDAP,
 * SASL): loading them costs every start of the reader several
 * milliseconds, most of its time to the first frame, although few
 * readers open a PostgreSQL seminar.  So the binary does not link
 * libpq: store_pg.c calls it through the table pq, filled by pq_load
 * from the shared library the first time a postgresql:// store is
 * opened.  Including this header after <libpq-fe.h> turns the PQ
 * calls of a file into calls through the table.
 */
#ifndef DIPTYCH_PQ_H
#define DIPTYCH_PQ_H

#include <libpq-fe.h>

struct pq_api {
	PGconn		*(*connectStart)(const char *);
	PGconn		*(*connectStartParams)(const char *const *,
			    const char *const *, int);
	PostgresPollingStatusType (*connectPoll)(PGconn *);
	PGconn		*(*connectdbParams)(const char *const *,
			    const char *const *, int);
	void		 (*finish)(PGconn *);
	PQconninfoOption *(*conninfoParse)(const char *, char **);
	PQconninfoOption *(*conninfo)(PGconn *);
	void		 (*conninfoFree)(PQconninfoOption *);
	char		*(*user)(const PGconn *);
	ConnStatusType	 (*status)(const PGconn *);
	PGTransactionStatusType (*transactionStatus)(const PGconn *);
	char		*(*errorMessage)(const PGconn *);
	int		 (*socket)(const PGconn *);
	int		 (*backendPID)(const PGconn *);
	int		 (*connectionNeedsPassword)(const PGconn *);
	PGVerbosity	 (*setErrorVerbosity)(PGconn *, PGVerbosity);
	PQnoticeProcessor (*setNoticeProcessor)(PGconn *, PQnoticeProcessor,
			    void *);
	PGresult	*(*exec)(PGconn *, const char *);
	PGresult	*(*execParams)(PGconn *, const char *, int, const Oid *,
			    const char *const *, const int *, const int *,
			    int);
	int		 (*consumeInput)(PGconn *);
	PGnotify	*(*notifies)(PGconn *);
	ExecStatusType	 (*resultStatus)(const PGresult *);
	char		*(*resultErrorMessage)(const PGresult *);
	char		*(*resultErrorField)(const PGresult *, int);
	int		 (*ntuples)(const PGresult *);
	char		*(*getvalue)(const PGresult *, int, int);
	int		 (*getisnull)(const PGresult *, int, int);
	void		 (*clear)(PGresult *);
	void		 (*freemem)(void *);
};

extern struct pq_api pq;

/*
 * Load libpq into pq, once: 0, or -1 with *err a message (caller frees)
 * saying it cannot be loaded and why.
 */
int	pq_load(char **err);

#ifndef PQ_NO_MACROS
#define PQconnectStart			(*pq.connectStart)
#define PQconnectStartParams		(*pq.connectStartParams)
#define PQconnectPoll			(*pq.connectPoll)
#define PQconnectdbParams		(*pq.connectdbParams)
#define PQfinish			(*pq.finish)
#define PQconninfoParse			(*pq.conninfoParse)
#define PQconninfo			(*pq.conninfo)
#define PQconninfoFree			(*pq.conninfoFree)
#define PQuser				(*pq.user)
#define PQstatus			(*pq.status)
#define PQtransactionStatus		(*pq.transactionStatus)
#define PQerrorMessage			(*pq.errorMessage)
#define PQsocket			(*pq.socket)
#define PQbackendPID			(*pq.backendPID)
#define PQconnectionNeedsPassword	(*pq.connectionNeedsPassword)
#define PQsetErrorVerbosity		(*pq.setErrorVerbosity)
#define PQsetNoticeProcessor		(*pq.setNoticeProcessor)
#define PQexec				(*pq.exec)
#define PQexecParams			(*pq.execParams)
#define PQconsumeInput			(*pq.consumeInput)
#define PQnotifies			(*pq.notifies)
#define PQresultStatus			(*pq.resultStatus)
#define PQresultErrorMessage		(*pq.resultErrorMessage)
#define PQresultErrorField		(*pq.resultErrorField)
#define PQntuples			(*pq.ntuples)
#define PQgetvalue			(*pq.getvalue)
#define PQgetisnull			(*pq.getisnull)
#define PQclear				(*pq.clear)
#define PQfreemem			(*pq.freemem)
#endif

#endif
