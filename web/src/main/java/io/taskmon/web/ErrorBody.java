package io.taskmon.web;

import io.micronaut.serde.annotation.Serdeable;

/** Every error answer: {@code {"error": "<one sentence naming the field, parameter or problem>"}}. */
@Serdeable
public record ErrorBody(String error) {
}
