package kr.ieum.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.core.annotation.Nullable;
import kr.ieum.enrollment.Funnel;
import kr.ieum.enrollment.Funnels;

/** {@code GET /api/v1/funnel?journey=&campaign=}: how residents moved through a journey, per step (aggregates only). */
@Controller("/api/v1/funnel")
@ExecuteOn(TaskExecutors.BLOCKING)
class FunnelController {
    private final Funnels funnels;

    FunnelController(Funnels funnels) {
        this.funnels = funnels;
    }

    @Get
    HttpResponse<Funnel> funnel(@QueryValue String journey, @Nullable @QueryValue String campaign) {
        return funnels.funnel(journey, campaign).map(HttpResponse::ok).orElseGet(HttpResponse::notFound);
    }
}
