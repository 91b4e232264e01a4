package io.taskmon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskmon.embedded.SharedInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bench notify} at a small size on the shared broker: its counts, not its timings. */
class NotifyBenchmarkTest {

    @Test
    void shouldDeliverEveryAlertOnceIncludingToAReceiverThatRefusesAShareOfRequests() throws Exception {
        NotifyBenchmark.Sizes sizes = new NotifyBenchmark.Sizes(200, 50, 2, 20);

        NotifyBenchmark.Result result = new NotifyBenchmark(sizes).run(SharedInfrastructure.kafkaBootstrapServers());

        assertThat(result.sent()).isEqualTo(200);
        assertThat(result.steadySent()).isEqualTo(100);
        assertThat(result.delivered()).isEqualTo(result.sent() + result.steadySent());
        assertThat(result.duplicates()).isZero();
        assertThat(result.failingSent()).isEqualTo(200);
        assertThat(result.failingDelivered()).isEqualTo(result.failingSent());
        assertThat(result.failingRefused()).as("the failing receiver refused some requests").isPositive();
        assertThat(result.line()).startsWith("RESULT name=notify deliveries_per_s=")
                .contains(" delivered=300 duplicates=0 failing_receiver_delivered=200 ");
    }

    @Test
    void shouldReadItsSizesFromPropertiesOrTheEnvironment() {
        NotifyBenchmark.Sizes sizes = NotifyBenchmark.Sizes.read(Map.of("taskmon.bench.notify.alerts", "500"),
                Map.of("TASKMON_BENCH_NOTIFY_RATE", " 40 ", "TASKMON_BENCH_NOTIFY_FAIL_PERCENT", "0"));

        assertThat(sizes).isEqualTo(new NotifyBenchmark.Sizes(500, 40, 30, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            TASKMON_BENCH_NOTIFY_ALERTS         | 0     | TASKMON_BENCH_NOTIFY_ALERTS must be a whole number from 1 to 1000000, got '0'
            TASKMON_BENCH_NOTIFY_RATE           | fast  | TASKMON_BENCH_NOTIFY_RATE must be a whole number from 1 to 10000, got 'fast'
            TASKMON_BENCH_NOTIFY_STEADY_SECONDS | 1.5   | TASKMON_BENCH_NOTIFY_STEADY_SECONDS must be a whole number from 1 to 3600, got '1.5'
            TASKMON_BENCH_NOTIFY_FAIL_PERCENT   | 95    | TASKMON_BENCH_NOTIFY_FAIL_PERCENT must be a whole number from 0 to 90, got '95'
            """)
    void shouldRefuseABadSizeWithOneSentenceNamingIt(String variable, String value, String sentence) {
        assertThatThrownBy(() -> NotifyBenchmark.Sizes.read(Map.of(), Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(sentence);
    }
}
