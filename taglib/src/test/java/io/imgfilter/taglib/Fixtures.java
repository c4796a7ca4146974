package io.imgfilter.taglib;

import io.imgfilter.ImageUrls;
import io.imgfilter.config.SignaturePolicy;
import io.imgfilter.request.Limits;
import io.imgfilter.request.OptionsParser;
import io.imgfilter.request.PresetTable;
import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.SigningScheme;
import io.imgfilter.signing.UrlSigner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** ImageUrls as a filter would publish them, with a fixed clock so that URLs are exact. */
final class Fixtures {

    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String KEY = "k2:unit-test-signing-key-0123456789";
    static final OptionsParser OPTIONS = new OptionsParser(new Limits(1000, 1000, 3.0));
    static final PresetTable PRESETS = PresetTable.parseInline("""
            thumb:   width=150,height=150,fit=cover,public
            small:   width=300
            medium:  width=600
            large:   width=900
            banner:  width=400,height=100,fit=cover
            wide:    width=800,height=200,fit=pad
            box:     width=400,height=400,fit=contain
            tall:    height=300
            retina:  width=300,dpr=2
            thumb2x: width=150,height=150,fit=cover,dpr=2
            same:    width=300,quality=50
            """, OPTIONS);

    private Fixtures() {
    }

    static UrlSigner signer() {
        return new UrlSigner(KeyRing.parse(KEY), SigningScheme.PATH_AND_QUERY, CLOCK);
    }

    /** /shop/images with all presets, flexible options, tokens for everything but public presets. */
    static ImageUrls shop() {
        return new ImageUrls("/shop/images", PRESETS, OPTIONS, signer(), SignaturePolicy.ALL);
    }

    static ImageUrls withoutFlexibleOptions() {
        return new ImageUrls("/shop/images", PRESETS, null, signer(), SignaturePolicy.ALL);
    }

    static ImageUrls unsigned() {
        return new ImageUrls("/shop/images", PRESETS, OPTIONS, null, SignaturePolicy.NONE);
    }

    /** The signature the filter expects for this path and query (without sig). */
    static String sig(String unsigned) {
        return signer().signature(unsigned);
    }
}
