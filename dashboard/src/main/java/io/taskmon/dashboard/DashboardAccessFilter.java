package io.taskmon.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.taskmon.web.ErrorBody;
import io.taskmon.web.RequestRejected;
import io.taskmon.web.RequestRejectedHandler;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Applies {@link DashboardAccess} to every dashboard path: the reach rule to pages, assets and
 * the API; the viewer key to reads of the API. The pages themselves carry no data, so they load
 * without a key and ask for one when the API answers 401. The gateway's paths are not matched.
 */
@Requires(beans = DashboardSettings.class)
@ServerFilter({"/", "/incidents", "/monitors", "/monitors/**", "/alerts", "/etl", "/etl/**", "/assets/**",
        "/api/monitors", "/api/monitors/**", "/api/incidents", "/api/alerts", "/api/etl/**"})
public class DashboardAccessFilter {

    private final DashboardAccess access;

    DashboardAccessFilter(DashboardAccess access) {
        this.access = access;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<ErrorBody> check(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        Optional<RequestRejected> refused = access.checkReach(remote == null ? null : remote.getAddress());
        if (refused.isEmpty() && request.getPath().startsWith("/api/") && request.getMethod() == HttpMethod.GET) {
            refused = access.checkViewer(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        }
        return refused.<HttpResponse<ErrorBody>>map(RequestRejectedHandler::answer)
                .orElse(null);
    }
}
