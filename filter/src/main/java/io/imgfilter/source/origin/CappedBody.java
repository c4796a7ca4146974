package io.imgfilter.source.origin;

import io.imgfilter.render.MemoryBudget;
import io.imgfilter.source.OriginException;
import io.imgfilter.source.OriginalTooLargeException;
import io.imgfilter.source.SourceBusyException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory, never more than a limit. An original over the limit is
 * refused as soon as its Content-Length says so, or as soon as one byte too many arrives, and the
 * connection is dropped; an error body is cut at the limit instead (it is only logged).
 *
 * <p>Memory grows with the bytes that actually arrived, never with what the origin declared: a
 * slow answer that announces 25 MB and sends a byte a second holds a few bytes, not 25 MB. Once
 * an answer that declared its length has delivered {@value #PROVEN_BYTES} bytes (or at once,
 * when it declared no more than that), the body goes into one array of that length, so it is
 * never copied twice; a body of unknown length is collected in chunks and joined at the end.
 *
 * <p>An original's bytes are counted in the render memory budget as they arrive (the chunks
 * and the array, and both while one is copied into the other). When the budget is spent the
 * download is given up ({@link SourceBusyException}, 503): it cannot wait on the HTTP client's
 * thread. On success the reservation belongs to whoever takes the body ({@link #reservation()});
 * on any failure, or when {@link #abandon()}ed, it is given back and nothing is kept.
 */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Body> {

    /**
     * The finished body, taken out once: the HTTP client may keep a finished exchange, and with
     * it this subscriber and its result, reachable from a pooled connection, so the result must
     * not keep the bytes.
     */
    static final class Body {
        private byte[] bytes;

        private Body(byte[] bytes) {
            this.bytes = bytes;
        }

        synchronized byte[] take() {
            byte[] taken = bytes;
            bytes = null;
            if (taken == null) {
                throw new IllegalStateException("the body was taken already");
            }
            return taken;
        }
    }

    /** Bytes an answer of declared length delivers before the whole array is allocated. */
    static final int PROVEN_BYTES = 1 << 20;

    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private final long limit;
    private final boolean refuseOverLimit;
    private final long declaredLength;
    /** Null for an error body, which only the limit bounds. */
    private final MemoryBudget.Reservation memory;
    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] whole;
    private long received;
    private Flow.Subscription subscription;

    /**
     * @param memory an empty reservation to grow, for an original; null for an error body
     */
    CappedBody(long limit, boolean refuseOverLimit, long declaredLength, MemoryBudget.Reservation memory) {
        this.limit = limit;
        this.refuseOverLimit = refuseOverLimit;
        this.declaredLength = declaredLength;
        this.memory = memory;
    }

    /** An error body, or an original not counted in any budget. */
    CappedBody(long limit, boolean refuseOverLimit, long declaredLength) {
        this(limit, refuseOverLimit, declaredLength, null);
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    /** What the finished body holds of the budget; null for an error body. */
    MemoryBudget.Reservation reservation() {
        return memory;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (result.isDone()) {
            subscription.cancel(); // abandoned before the body began
            return;
        }
        if (refuseOverLimit && declaredLength > limit) {
            refuse(new OriginalTooLargeException(limit));
            return;
        }
        if (memory != null && declaredLength > memory.budgetBytes()) {
            refuse(new OriginalTooLargeException(memory.budgetBytes()));
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int length = buffer.remaining();
            if (received + length > limit) {
                if (refuseOverLimit) {
                    refuse(new OriginalTooLargeException(limit));
                } else {
                    keep(buffer, (int) (limit - received));
                    subscription.cancel();
                    result.complete(new Body(joined()));
                }
                return;
            }
            if (!accept(buffer, length)) {
                return;
            }
        }
    }

    /** Takes the buffer's bytes; false when the body was given up. */
    private boolean accept(ByteBuffer buffer, int length) {
        if (length == 0) {
            return true;
        }
        if (whole == null && memory != null && declaredLength >= 0
                && (declaredLength <= PROVEN_BYTES || received + length >= PROVEN_BYTES)) {
            if (!memory.tryGrow(declaredLength)) {
                refuse(busy());
                return false;
            }
            whole = joined(declaredLength);
            memory.shrink(memory.bytes() - declaredLength); // the chunks are gone
        }
        if (whole != null) {
            if (received + length > whole.length) {
                refuse(OriginException.unavailable("origin sent more bytes than its Content-Length", null));
                return false;
            }
            buffer.get(whole, (int) received, length);
            received += length;
            return true;
        }
        if (memory != null && !memory.tryGrow(length)) {
            refuse(busy());
            return false;
        }
        keep(buffer, length);
        return true;
    }

    /** A copy of the buffer's next {@code length} bytes: the client reuses its buffers. */
    private void keep(ByteBuffer buffer, int length) {
        if (length == 0) {
            return;
        }
        byte[] chunk = new byte[length];
        buffer.get(chunk);
        chunks.add(chunk);
        received += length;
    }

    private byte[] joined() {
        return joined(received);
    }

    /** The chunks at the start of an array of {@code size} bytes, and the chunks let go. */
    private byte[] joined(long size) {
        byte[] body = new byte[(int) size];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, body, at, chunk.length);
            at += chunk.length;
        }
        chunks.clear();
        return body;
    }

    @Override
    public synchronized void onError(Throwable failure) {
        fail(failure);
    }

    @Override
    public synchronized void onComplete() {
        if (result.isDone()) {
            return;
        }
        if (whole != null) {
            if (received != whole.length) {
                fail(OriginException.unavailable("origin sent " + received + " of the " + whole.length
                        + " bytes its Content-Length declared", null));
                return;
            }
            byte[] body = whole;
            whole = null;
            result.complete(new Body(body));
            return;
        }
        if (memory != null) {
            if (!memory.tryGrow(received)) { // the joined copy, while the chunks still exist
                fail(busy());
                return;
            }
            byte[] body = joined();
            memory.shrink(received);
            result.complete(new Body(body));
            return;
        }
        result.complete(new Body(joined()));
    }

    /**
     * Gives the body up from outside (a timeout, an interrupted request): the connection is
     * dropped and what the body held is let go. Does nothing once the body was taken.
     */
    synchronized void abandon() {
        if (!result.isDone()) {
            if (subscription != null) {
                subscription.cancel();
            }
            fail(new java.util.concurrent.CancellationException("abandoned"));
        }
    }

    /** Drops the connection and fails. */
    private void refuse(Exception reason) {
        subscription.cancel();
        fail(reason);
    }

    private void fail(Throwable failure) {
        chunks.clear();
        whole = null;
        if (memory != null) {
            memory.close();
        }
        result.completeExceptionally(failure);
    }

    private SourceBusyException busy() {
        return new SourceBusyException("no render memory free for the original's bytes (render-memory " + memory.budgetBytes()
                + " bytes, all held by other downloads and renders)");
    }
}
