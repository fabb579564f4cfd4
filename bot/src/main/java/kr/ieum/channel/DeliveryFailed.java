package kr.ieum.channel;

/**
 * A provider did not take a message. {@code retryable} failures (network, 429, 5xx) go back to the outbox
 * with backoff; others (a blocked user, an invalid address) are dead-lettered at once.
 */
public class DeliveryFailed extends RuntimeException {
    private final boolean retryable;
    private final java.time.Duration retryAfter;

    public DeliveryFailed(String message, boolean retryable) {
        this(message, retryable, (java.time.Duration) null);
    }

    /** A retryable failure the provider says not to retry before {@code retryAfter} (HTTP 429 {@code Retry-After}). */
    public DeliveryFailed(String message, boolean retryable, java.time.Duration retryAfter) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** How long the provider asked us to wait, or null. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    public DeliveryFailed(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = null;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Classifies an HTTP status from a provider's API: 408, 429 and 5xx are worth retrying. */
    public static DeliveryFailed forStatus(String provider, int status) {
        boolean retry = status == 408 || status == 429 || status >= 500;
        return new DeliveryFailed(provider + " answered HTTP " + status, retry);
    }
}
