package io.taskmon.dashboard;

import io.micronaut.serde.annotation.Serdeable;

/** Every error answer: {@code {"error": "<one sentence naming the parameter or the problem>"}}. */
@Serdeable
public record ErrorBody(String error) {
}
