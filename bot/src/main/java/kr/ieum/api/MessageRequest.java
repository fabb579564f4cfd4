package kr.ieum.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/messages} body. */
@Serdeable
public record MessageRequest(
        @NotBlank @Size(max = 200) String from,
        @NotNull @Size(max = 200_000) String text,
        @Nullable @Size(max = 64) String locale) {}
