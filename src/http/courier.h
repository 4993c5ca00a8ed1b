/*
 * courier.h: the thread of `vigil serve` that delivers webhooks'
 * notifications from the outbox (core/webhooks.h says what a receiver
 * gets).
 *
 * Each round takes the due rows (store_outbox_take: each webhook's oldest
 * undelivered one, held by a lease for the attempt's time limit) and
 * POSTs each with libcurl. A 2xx answer marks it delivered; anything else,
 * a refused connection or a timeout, schedules the next attempt after a
 * backoff that doubles from the first retry's delay up to an hour, and
 * the webhook's later rows wait behind it. Nothing is ever dropped: a row
 * is retried until delivered or its webhook removed. Rows written while
 * the server was down, or held by a node that died, are sent when it (or
 * another node) next looks: the outbox is in the record.
 *
 * Bounds: http and https only, no redirects followed, a time limit per
 * attempt, the answer's body read to at most 64 KiB and ignored.
 *
 * Timing, for tests and slow receivers (environment, milliseconds):
 *   VIGIL_WEBHOOK_RETRY_MS    the first retry's delay (default 10000; the
 *                             courier also looks for due rows this often,
 *                             at most every second)
 *   VIGIL_WEBHOOK_TIMEOUT_MS  an attempt's time limit (default 10000)
 */
#ifndef VIGIL_HTTP_COURIER_H
#define VIGIL_HTTP_COURIER_H

struct app;
struct courier;

/* Starts the thread; NULL when it cannot start (a message on stderr).
 * Nothing else in the process may use libcurl. */
struct courier *courier_start(struct app *app);
/* Stops the thread after its current attempt; NULL does nothing. */
void courier_stop(struct courier *c);

#endif
