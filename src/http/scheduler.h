/*
 * scheduler.h: the thread that publishes scheduled updates when their
 * time comes (checked every second, with the server's one writer), as
 * the actor "scheduler"; readers get them at once through the hub. It
 * starts and stops the webhooks' delivery thread with it (courier.h).
 */
#ifndef VIGIL_HTTP_SCHEDULER_H
#define VIGIL_HTTP_SCHEDULER_H

struct app;
struct scheduler;

struct scheduler *scheduler_start(struct app *app);
/* Stops the thread; scheduler_stop(NULL) does nothing. */
void scheduler_stop(struct scheduler *s);

#endif
