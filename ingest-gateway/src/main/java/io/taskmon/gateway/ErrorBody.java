package io.taskmon.gateway;

import io.micronaut.serde.annotation.Serdeable;

/** Every error answer: {@code {"error": "<one sentence naming the field or the problem>"}}. */
@Serdeable
public record ErrorBody(String error) {
}
