package io.taskmon.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;

class MonitorRocksDbConfigTest {

    @Test
    void theAppUsesItAndItSetsSmallerMemtables() {
        MonitorStreamsApp.Settings settings = new MonitorStreamsApp.Settings("localhost:9092", "app",
                Path.of("target", "state"), null);
        assertThat(settings.toProperties().get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
                .isEqualTo(MonitorRocksDbConfig.class);

        try (Options options = new Options()) {
            assertThat(options.writeBufferSize()).isNotEqualTo(MonitorRocksDbConfig.WRITE_BUFFER_BYTES);
            new MonitorRocksDbConfig().setConfig("monitor-hourly-stats", options, Map.of());
            assertThat(options.writeBufferSize()).isEqualTo(4L << 20);
        }
    }
}
