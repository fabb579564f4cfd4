package kr.ieum.api;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/language} body. */
@Serdeable
public record LanguageRequest(@NotNull @Size(max = 200_000) String text) {}
