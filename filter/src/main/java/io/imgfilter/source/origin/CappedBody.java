package io.imgfilter.source.origin;

import io.imgfilter.source.OriginalTooLargeException;
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
 * slow answer that announces 25 MB and sends a byte a second holds a few bytes, not 25 MB. The
 * chunks are joined into one array once, at the end.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long limit;
    private final boolean refuseOverLimit;
    private final long declaredLength;
    private final List<byte[]> chunks = new ArrayList<>();
    private long received;
    private Flow.Subscription subscription;

    CappedBody(long limit, boolean refuseOverLimit, long declaredLength) {
        this.limit = limit;
        this.refuseOverLimit = refuseOverLimit;
        this.declaredLength = declaredLength;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (refuseOverLimit && declaredLength > limit) {
            subscription.cancel();
            result.completeExceptionally(new OriginalTooLargeException(limit));
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int length = buffer.remaining();
            if (received + length > limit) {
                subscription.cancel();
                if (refuseOverLimit) {
                    chunks.clear();
                    result.completeExceptionally(new OriginalTooLargeException(limit));
                } else {
                    keep(buffer, (int) (limit - received));
                    result.complete(joined());
                }
                return;
            }
            keep(buffer, length);
        }
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

    /** The chunks as one array, and the chunks let go. */
    private byte[] joined() {
        byte[] body = new byte[(int) received];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, body, at, chunk.length);
            at += chunk.length;
        }
        chunks.clear();
        return body;
    }

    @Override
    public void onError(Throwable failure) {
        chunks.clear();
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        if (!result.isDone()) {
            result.complete(joined());
        }
    }
}
