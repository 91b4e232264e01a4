package io.taskmon.notifier.admin;

import io.micronaut.http.HttpStatus;
import io.taskmon.events.Channel;
import io.taskmon.events.MaintenanceWindow;
import io.taskmon.events.MonitorMute;
import io.taskmon.events.NotifierSetting;
import io.taskmon.events.Route;
import io.taskmon.notifier.ChannelTester;
import io.taskmon.notifier.NotifierConfigView;
import io.taskmon.notifier.Outcome;
import io.taskmon.web.RequestRejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Managing channels, routes, monitor mutes and maintenance windows. Every change is published to the configuration topic, never kept
 * here; answers come from a view that follows the topic, and a change is answered only once the
 * view has read it, so a {@code GET} right after a {@code POST} shows it.
 */
public final class NotifierAdmin implements AutoCloseable {

    private final NotifierConfigView view;
    private final NotifierConfigPublisher publisher;
    private final AdminAccess access;
    private final Duration deliveryTimeout;
    private final Clock clock;
    private final ChannelTester tester;

    public NotifierAdmin(NotifierConfigView view, NotifierConfigPublisher publisher, AdminAccess access,
                         Duration deliveryTimeout, Clock clock, ChannelTester tester) {
        this.view = view;
        this.publisher = publisher;
        this.access = access;
        this.deliveryTimeout = deliveryTimeout;
        this.clock = clock;
        this.tester = tester;
    }

    public AdminAccess access() {
        return access;
    }

    public Map<String, List<ChannelAnswer>> channels() {
        return Map.of("channels", view.channels().stream().map(ChannelAnswer::of).toList());
    }

    public ChannelAnswer channel(UUID id) {
        return ChannelAnswer.of(requireChannel(id));
    }

    public ChannelAnswer createChannel(byte[] body) {
        Channel channel = ChannelRequest.read(body, UUID.randomUUID(), null, clock.instant());
        published(publisher.publish(NotifierSetting.keyOf(channel), NotifierSetting.of(channel)));
        return ChannelAnswer.of(channel);
    }

    public ChannelAnswer replaceChannel(UUID id, byte[] body) {
        Channel previous = requireChannel(id);
        Channel channel = ChannelRequest.read(body, id, previous, clock.instant());
        published(publisher.publish(NotifierSetting.keyOf(channel), NotifierSetting.of(channel)));
        return ChannelAnswer.of(channel);
    }

    public void deleteChannel(UUID id) {
        requireChannel(id);
        view.routes().stream().filter(r -> r.channels().contains(id)).findFirst().ifPresent(route -> {
            throw new RequestRejected(HttpStatus.CONFLICT, "Channel " + id + " is used by route '" + route.name()
                    + "' (" + route.routeId() + "); take it out of the route first");
        });
        published(publisher.publish(NotifierSetting.channelKey(id), null));
    }

    /**
     * Sends a test notification on the channel now. Delivered is {@code {"delivered": true}}; a
     * receiver that refused is a 502 and one that did not answer in time a 504, each with the
     * receiver's reason as the sentence.
     */
    public Map<String, Boolean> testChannel(UUID id) {
        Channel channel = requireChannel(id);
        if (tester.test(channel) instanceof Outcome.NotSent notSent) {
            HttpStatus status = notSent.timedOut() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
            throw new RequestRejected(status, "The test notification on channel '" + channel.name()
                    + "' was not delivered: " + notSent.error());
        }
        return Map.of("delivered", true);
    }

    public Map<String, List<RouteAnswer>> routes() {
        return Map.of("routes", view.routes().stream().map(RouteAnswer::of).toList());
    }

    public RouteAnswer route(UUID id) {
        return RouteAnswer.of(requireRoute(id));
    }

    public RouteAnswer createRoute(byte[] body) {
        Route route = RouteRequest.read(body, UUID.randomUUID(), id -> view.channel(id).isPresent(), clock.instant());
        published(publisher.publish(NotifierSetting.keyOf(route), NotifierSetting.of(route)));
        return RouteAnswer.of(route);
    }

    public RouteAnswer replaceRoute(UUID id, byte[] body) {
        requireRoute(id);
        Route route = RouteRequest.read(body, id, channelId -> view.channel(channelId).isPresent(), clock.instant());
        published(publisher.publish(NotifierSetting.keyOf(route), NotifierSetting.of(route)));
        return RouteAnswer.of(route);
    }

    public void deleteRoute(UUID id) {
        requireRoute(id);
        published(publisher.publish(NotifierSetting.routeKey(id), null));
    }

    public MuteAnswer mute(UUID monitorId) {
        return MuteAnswer.of(requireMute(monitorId));
    }

    /** Sets (or replaces) the monitor's mute. The monitor need not have reported yet: one can be muted ahead. */
    public MuteAnswer muteMonitor(UUID monitorId, byte[] body) {
        MonitorMute mute = MuteRequest.read(body, monitorId, clock.instant());
        published(publisher.publish(NotifierSetting.keyOf(mute), NotifierSetting.of(mute)));
        return MuteAnswer.of(mute);
    }

    /** Ends the mute now: held alerts still open are sent at the notifier's next check. */
    public void unmuteMonitor(UUID monitorId) {
        requireMute(monitorId);
        published(publisher.publish(NotifierSetting.muteKey(monitorId), null));
    }

    public Map<String, List<MaintenanceWindowAnswer>> maintenanceWindows() {
        Instant now = clock.instant();
        return Map.of("maintenance_windows",
                view.maintenanceWindows().stream().map(w -> MaintenanceWindowAnswer.of(w, now)).toList());
    }

    public MaintenanceWindowAnswer maintenanceWindow(UUID id) {
        return MaintenanceWindowAnswer.of(requireWindow(id), clock.instant());
    }

    public MaintenanceWindowAnswer createMaintenanceWindow(byte[] body) {
        MaintenanceWindow window = MaintenanceWindowRequest.read(body, UUID.randomUUID(), clock.instant());
        published(publisher.publish(NotifierSetting.keyOf(window), NotifierSetting.of(window)));
        return MaintenanceWindowAnswer.of(window, clock.instant());
    }

    public void deleteMaintenanceWindow(UUID id) {
        requireWindow(id);
        published(publisher.publish(NotifierSetting.windowKey(id), null));
    }

    private MonitorMute requireMute(UUID monitorId) {
        return view.mute(monitorId).orElseThrow(() -> RequestRejected.notFound("The monitor " + monitorId
                + " is not muted"));
    }

    private MaintenanceWindow requireWindow(UUID id) {
        return view.maintenanceWindow(id).orElseThrow(() -> RequestRejected.notFound(
                "No maintenance window has the id " + id));
    }

    private Channel requireChannel(UUID id) {
        return view.channel(id).orElseThrow(() -> RequestRejected.notFound("No channel has the id " + id));
    }

    private Route requireRoute(UUID id) {
        return view.route(id).orElseThrow(() -> RequestRejected.notFound("No route has the id " + id));
    }

    /** Waits until the view has read the change, so the next read shows it. */
    private void published(RecordMetadata metadata) {
        try {
            if (!view.awaitRead(metadata.partition(), metadata.offset(), deliveryTimeout)) {
                throw new RequestRejected(HttpStatus.SERVICE_UNAVAILABLE, "The change was accepted but is not"
                        + " visible yet; read it again shortly", NotifierConfigPublisher.RETRY_AFTER_SECONDS, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestRejected(HttpStatus.SERVICE_UNAVAILABLE, "The change was accepted but is not"
                    + " visible yet; read it again shortly", NotifierConfigPublisher.RETRY_AFTER_SECONDS, e);
        }
    }

    @Override
    public void close() {
        publisher.close();
        view.close();
    }
}
