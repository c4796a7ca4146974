package io.imgfilter.bench;

import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.SignatureVerifier;
import io.imgfilter.signing.SignedRequest;
import io.imgfilter.signing.SigningScheme;
import io.imgfilter.signing.UrlSigner;
import io.imgfilter.signing.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Signing a path and verifying a signed request (HMAC-SHA256, the default scheme, one key). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {

    private static final String PATH = "/images/small/2024/cat%20one.jpg";

    private UrlSigner signer;
    private SignatureVerifier verifier;
    private SignedRequest signed;

    @Setup
    public void keys() {
        KeyRing keys = KeyRing.parse("k1:a-benchmark-key-of-at-least-32-bytes-length");
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        signer = new UrlSigner(keys, SigningScheme.PATH_AND_QUERY, clock);
        verifier = SignatureVerifier.of(keys, SigningScheme.PATH_AND_QUERY, clock);
        signed = SignedRequest.ofPathAndQuery(signer.sign(PATH, Duration.ofHours(1)), null, null);
        if (!(verifier.verify(signed) instanceof Verdict.Valid)) {
            throw new IllegalStateException("the benchmark's own token does not verify");
        }
    }

    @Benchmark
    public String sign() {
        return signer.sign(PATH, Duration.ofHours(1));
    }

    @Benchmark
    public Verdict verify() {
        return verifier.verify(signed);
    }
}
