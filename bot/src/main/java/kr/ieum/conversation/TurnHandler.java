package kr.ieum.conversation;

/**
 * One kind of turn (micronaut-chatbots' Handler): commands, a journey's step, numbered picks, the FAQ. The engine
 * asks the handlers in {@link io.micronaut.core.order.Ordered} order and the first that can handle the turn does.
 */
interface TurnHandler extends io.micronaut.core.order.Ordered {

    boolean canHandle(TurnContext turn);

    /** The turn's result, or null to let the next handler try. */
    TurnStep handle(TurnContext turn);
}
