package io.taskmon.reporter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gets reports to the gateway without ever holding up or failing the command: bounded retries with
 * backoff until a deadline, then the spool. Reports kept by earlier runs go first, oldest
 * first, so the gateway sees a monitor's runs in the order they happened; while any is still
 * waiting, a new report queues behind it in the spool.
 *
 * <p>Every report carries its event_id, so one that reached the gateway although the answer
 * was lost (a timeout) is counted once when it is sent again.
 */
final class ReportDelivery {

    enum Outcome {
        /** The gateway holds it. */
        DELIVERED,
        /** In the spool, for the next run. */
        KEPT,
        /** The gateway refused it (4xx); a one-line notice said why. */
        REFUSED,
        /** Neither delivered nor kept: a start signal, or the spool could not be written. */
        DROPPED
    }

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private final GatewayClient gateway;
    private final Spool spool;
    private final Notices notices;
    /** Why the gateway last could not take a report, to name the cause when no time is left to try again. */
    private volatile String lastUnavailableReason;

    ReportDelivery(GatewayClient gateway, Spool spool, Notices notices) {
        this.gateway = gateway;
        this.spool = spool;
        this.notices = notices;
    }

    /**
     * Sends what earlier runs kept, then this report. A finished run that cannot be delivered
     * before the deadline is kept. A start signal is not: by the next run it would be stale, and
     * the finish carries the start time anyway.
     *
     * @param speakForStartSignal whether a lost or refused start signal gets a notice; {@code run}
     *                            says nothing, since its finish report says the same a moment later
     */
    Outcome deliver(RunReport report, Deadline deadline, boolean speakForStartSignal) {
        byte[] json = report.toJson();
        String waiting = sendKept(deadline);
        GatewayClient.Answer answer = waiting == null
                ? sendWithRetries(json, deadline)
                : new GatewayClient.Unavailable(waiting, null);
        if (answer instanceof GatewayClient.Accepted) {
            return Outcome.DELIVERED;
        }
        boolean quiet = report.isStartSignal() && !speakForStartSignal;
        if (answer instanceof GatewayClient.Refused refused) {
            if (!quiet) {
                notices.say("the gateway refused the report of " + report.taskKey() + " (" + refused.status() + " "
                        + refused.sentence() + "); it is not sent again");
            }
            return Outcome.REFUSED;
        }
        String reason = ((GatewayClient.Unavailable) answer).reason();
        if (report.isStartSignal()) {
            if (!quiet) {
                notices.say("the gateway at " + gateway.endpoint() + " could not take the start signal (" + reason
                        + "); a start signal is not kept for later");
            }
            return Outcome.DROPPED;
        }
        try {
            Path kept = spool.keep(report.eventId(), json);
            notices.say("the gateway at " + gateway.endpoint() + " could not take the report (" + reason
                    + "); it is kept in " + kept + " and sent on the next run");
            return Outcome.KEPT;
        } catch (IOException | RuntimeException e) {
            notices.say("the gateway at " + gateway.endpoint() + " could not take the report (" + reason
                    + ") and it could not be kept in " + spool.dir() + " (" + e.getMessage()
                    + "); this run is not reported");
            return Outcome.DROPPED;
        }
    }

    /**
     * Sends kept reports oldest first until the spool is empty or the gateway cannot take one.
     *
     * @return {@code null} when a new report may go straight to the gateway, else why it must
     *         queue behind the kept ones
     */
    String sendKept(Deadline deadline) {
        for (Path file : spool.pending()) {
            if (deadline.passed()) {
                return "earlier reports are still waiting in " + spool.dir();
            }
            byte[] json;
            try {
                json = spool.read(file);
            } catch (IOException e) {
                notices.say("cannot read the kept report " + file + " (" + e.getMessage() + "); it is left in place");
                continue;
            }
            if (json == null) {
                continue; // a concurrent run sent it
            }
            GatewayClient.Answer answer = sendWithRetries(json, deadline);
            try {
                if (answer instanceof GatewayClient.Accepted) {
                    spool.delivered(file);
                } else if (answer instanceof GatewayClient.Refused refused) {
                    if (refused.status() == 401 || refused.status() == 403) {
                        // The key is wrong, not the report: it stays until the key is fixed. The
                        // new report meets the same refusal and says so in one line.
                        return null;
                    }
                    Path aside = spool.setAside(file, refused.status(), refused.sentence());
                    notices.say("the gateway refused a kept report (" + refused.status() + " " + refused.sentence()
                            + "); it is moved to " + aside + " and not sent again");
                } else {
                    return ((GatewayClient.Unavailable) answer).reason();
                }
            } catch (IOException e) {
                notices.say("cannot update the spool at " + file + " (" + e.getMessage() + ")");
                return "the spool cannot be updated";
            }
        }
        return null;
    }

    private GatewayClient.Answer sendWithRetries(byte[] json, Deadline deadline) {
        Duration backoff = FIRST_BACKOFF;
        String known = lastUnavailableReason;
        GatewayClient.Answer last = new GatewayClient.Unavailable(known != null ? known
                : "no time left within TASKMON_REPORT_TIMEOUT", null);
        while (!deadline.passed()) {
            last = gateway.post(json, deadline.answerTimeLeft());
            if (!(last instanceof GatewayClient.Unavailable unavailable)) {
                return last;
            }
            lastUnavailableReason = unavailable.reason();
            Duration pause = jitter(backoff);
            if (unavailable.retryAfter() != null && unavailable.retryAfter().compareTo(pause) > 0) {
                pause = unavailable.retryAfter();
            }
            if (pause.compareTo(deadline.remaining()) >= 0) {
                return last; // waiting would run past the deadline: keep it now instead
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        return last;
    }

    /** ±20 %, so commands that all start on the hour do not retry in lockstep after an outage. */
    private static Duration jitter(Duration backoff) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.round(backoff.toMillis() * factor));
    }
}
