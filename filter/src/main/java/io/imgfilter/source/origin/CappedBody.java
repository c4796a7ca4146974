package io.imgfilter.source.origin;

import io.imgfilter.source.OriginalTooLargeException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory, never more than a limit. An original over the limit is
 * refused as soon as its Content-Length says so, or as soon as one byte too many arrives, and the
 * connection is dropped; an error body is cut at the limit instead (it is only logged).
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long limit;
    private final boolean refuseOverLimit;
    private final long declaredLength;
    private final ByteArrayOutputStream out;
    private Flow.Subscription subscription;

    CappedBody(long limit, boolean refuseOverLimit, long declaredLength) {
        this.limit = limit;
        this.refuseOverLimit = refuseOverLimit;
        this.declaredLength = declaredLength;
        long initial = declaredLength > 0 ? Math.min(declaredLength, limit) : Math.min(limit, 64 * 1024);
        this.out = new ByteArrayOutputStream((int) Math.max(32, Math.min(initial, Integer.MAX_VALUE - 16)));
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
            if (out.size() + (long) length > limit) {
                subscription.cancel();
                if (refuseOverLimit) {
                    result.completeExceptionally(new OriginalTooLargeException(limit));
                } else {
                    write(buffer, (int) (limit - out.size()));
                    result.complete(out.toByteArray());
                }
                return;
            }
            write(buffer, length);
        }
    }

    private void write(ByteBuffer buffer, int length) {
        if (buffer.hasArray()) {
            out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
        } else {
            byte[] chunk = new byte[length];
            buffer.get(chunk);
            out.write(chunk, 0, length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }
}
