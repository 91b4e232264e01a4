package io.taskmon.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where a PostgreSQL database is and how to log in to it. */
public record PostgresEndpoint(String jdbcUrl, String user, String password) {

    /**
     * Reads a database URL as users write it: a JDBC URL
     * ({@code jdbc:postgresql://host:5432/db}) or a libpq URI
     * ({@code postgresql://user:secret@host:5432/db}). Credentials in the URI win over the
     * given defaults.
     */
    public static PostgresEndpoint parse(String url, String defaultUser, String defaultPassword) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the database URL is empty");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new PostgresEndpoint(trimmed, defaultUser, defaultPassword);
        }
        if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "the database URL must start with jdbc:postgresql:// or postgresql://, got " + redact(trimmed));
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the database URL is not a valid URI: " + redact(trimmed), e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the database URL names no host: " + redact(trimmed));
        }
        String user = defaultUser;
        String password = defaultPassword;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            if (parts.length == 2) {
                password = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new PostgresEndpoint("jdbc:postgresql://" + uri.getHost() + port + path + query, user, password);
    }

    /** The same server and credentials, another database. */
    public PostgresEndpoint withDatabase(String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String server = slash < 0 ? base : base.substring(0, slash);
        return new PostgresEndpoint(server + "/" + database + params, user, password);
    }

    private static String redact(String url) {
        return url.replaceAll("://[^@/]*@", "://***@");
    }
}
