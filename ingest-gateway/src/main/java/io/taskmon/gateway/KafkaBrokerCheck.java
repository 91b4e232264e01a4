package io.taskmon.gateway;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** The broker is up when it answers a cluster description within two seconds. */
public final class KafkaBrokerCheck implements ComponentCheck, AutoCloseable {

    private static final int TIMEOUT_MS = 2000;

    private final Admin admin;

    /** {@code kafkaClient} is applied on top of the probe's own properties (a secured cluster). */
    public KafkaBrokerCheck(String bootstrapServers, Map<String, String> kafkaClient) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.putAll(kafkaClient);
        this.admin = Admin.create(props);
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public boolean isUp() {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
