package io.taskmon.notifier;

import io.taskmon.events.Alert;
import io.taskmon.events.Delivery;
import io.taskmon.events.NameBasedUuid;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Several deliveries on one channel sent as one message. Its id is made from theirs, so every
 * attempt of the same digest carries the same {@code webhook-id} and Message-ID.
 */
public record Digest(UUID digestId, List<Delivery> deliveries) {

    private static final UUID DIGEST_NAMESPACE = UUID.fromString("0c7d3f8e-52a4-4c1b-9d8e-6a2f4b7e9c15");

    public Digest {
        deliveries = List.copyOf(deliveries);
    }

    public static Digest of(List<Delivery> deliveries) {
        String ids = deliveries.stream().map(d -> d.deliveryId().toString()).sorted()
                .collect(Collectors.joining("\n"));
        List<Delivery> byRaise = deliveries.stream()
                .sorted(Comparator.comparing(d -> d.alert().raisedAt(), Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new Digest(NameBasedUuid.v5(DIGEST_NAMESPACE, ids), byRaise);
    }

    public List<Alert> alerts() {
        return deliveries.stream().map(Delivery::alert).toList();
    }
}
