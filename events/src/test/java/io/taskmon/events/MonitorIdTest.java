package io.taskmon.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class MonitorIdTest {

    // Expected values computed independently with Python's uuid.uuid5, so any client
    // language that follows the documented recipe derives the same ids.
    @Test
    void derivesTheSameVersion5IdAsAnyStandardImplementation() {
        assertThat(MonitorId.of("nightly-backup", "bat", "WEB-01"))
                .isEqualTo(UUID.fromString("81cf8841-db47-52a9-bcbb-f54d66a5238b"));
        assertThat(MonitorId.of("日次集計", "python", null))
                .isEqualTo(UUID.fromString("5a8a3dbd-a296-5212-8467-be4e4aa14960"));
    }

    @Test
    void treatsAMissingMachineAsTheEmptyString() {
        UUID expected = UUID.fromString("aee39b5b-bc4c-5db9-a91c-35a95a4ae674");
        assertThat(MonitorId.of("nightly-backup", "bat", null)).isEqualTo(expected);
        assertThat(MonitorId.of("nightly-backup", "bat", "")).isEqualTo(expected);
        assertThat(MonitorId.of("nightly-backup", "bat", null).version()).isEqualTo(5);
    }

    @Test
    void separatesMonitorsThatDifferInAnyPart() {
        UUID base = MonitorId.of("job", "shell", "a");
        assertThat(MonitorId.of("job", "shell", "b")).isNotEqualTo(base);
        assertThat(MonitorId.of("job", "python", "a")).isNotEqualTo(base);
        assertThat(MonitorId.of("job2", "shell", "a")).isNotEqualTo(base);
        assertThat(MonitorId.of("job", "shell", "")).isNotEqualTo(base);
    }

    @Test
    void refusesAMissingTaskKeyOrKind() {
        assertThatThrownBy(() -> MonitorId.of(null, "shell", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonitorId.of("job", null, "a")).isInstanceOf(IllegalArgumentException.class);
    }
}
