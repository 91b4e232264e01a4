package io.taskmon.gateway;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.yaml}: the OpenAPI 3 description of the report endpoints, written by
 * hand next to the code (resources/openapi/taskmon-ingest.yaml) so its sentences match ours.
 * No key needed: it describes the API, it does not use it.
 */
@Controller("/api")
public class OpenApiController {

    static final String RESOURCE = "openapi/taskmon-ingest.yaml";
    static final MediaType YAML = MediaType.of("application/yaml");

    private final byte[] document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the gateway's resources");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Get(uri = "/openapi.yaml", produces = "application/yaml")
    public HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(document).contentType(YAML);
    }
}
