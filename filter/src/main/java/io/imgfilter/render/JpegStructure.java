package io.imgfilter.render;

import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a JPEG's markers say before anything is decoded: how many scans it has, whether its frame
 * is progressive, and whether it carries an ICC profile that cannot be used.
 *
 * <p>The walk goes through the whole file in one pass: segments are skipped by their lengths
 * (markers that have none, or that no decoder knows, are stepped over), and after each SOS the
 * entropy-coded data is searched for the next marker (an {@code 0xFF} followed by anything but a
 * stuffed {@code 0x00}, a restart marker or more fill bytes), so that every scan of a progressive
 * file is counted, up to EOI. That count bounds the decode: each scan is a pass over the whole
 * image, and a small file can have tens of thousands. The walk allocates nothing per scan and
 * never goes back: some 2 ms for a 5 MB photo.
 *
 * <p>ICC profiles are looked for where decoders read them, in the header before the first scan.
 *
 * <p>A file cut off anywhere is counted as far as it goes (decoders make what they can of it).
 * Only a file that does not start with SOI, or whose header has a segment length below 2 before
 * the first scan, is corrupt here.
 */
final class JpegStructure {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP2 = 0xE2;

    private static final byte[] ICC_ID = {'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0};
    /** The identifier, then the chunk's sequence number and the chunk count, one byte each. */
    private static final int ICC_CHUNK_HEADER = ICC_ID.length + 2;
    private static final int[] NONE = new int[0];
    /** Scan starts kept: above the highest max-source-scans allowed. */
    static final int MAX_SCAN_STARTS = 10_001;

    /**
     * The last verdicts on profiles, by their SHA-256: the profile's component count, or 0 when
     * it cannot be used. Most photos carry one of a few profiles, sRGB above all, and the colour
     * transform that the check makes costs some 5 to 10 ms each time (reading the profile itself
     * a tenth of a millisecond, hashing it some microseconds).
     */
    private static final int KEPT_VERDICTS = 64;
    private static final Map<ByteBuffer, Integer> VERDICTS = new LinkedHashMap<>(2 * KEPT_VERDICTS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Integer> eldest) {
            return size() > KEPT_VERDICTS;
        }
    };

    private static final byte UNKNOWN = 0;
    private static final byte USABLE = 1;
    private static final byte UNUSABLE = 2;

    private final int length;
    private final int scans;
    private final int[] scanStarts;
    private final boolean progressive;
    /** From the frame header, 0 when the header ends before one. */
    private final int components;
    /** The bytes, kept only when they hold ICC segments, for the check made on first asking. */
    private final byte[] jpeg;
    /** Offset and size (marker included) of each ICC_PROFILE APP2 segment, in file order. */
    private final int[] iccSegments;
    private final int iccCount;
    private byte iccState = UNKNOWN;

    private JpegStructure(byte[] jpeg, int scans, int[] scanStarts, boolean progressive, int components, int[] iccSegments,
                          int iccCount) {
        this.length = jpeg.length;
        this.scans = scans;
        this.scanStarts = scanStarts;
        this.progressive = progressive;
        this.components = components;
        this.jpeg = iccCount == 0 ? null : jpeg;
        this.iccSegments = iccSegments;
        this.iccCount = iccCount;
    }

    static JpegStructure of(byte[] jpeg) throws CorruptImageException {
        int n = jpeg.length;
        if (n < 2 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
            throw new CorruptImageException();
        }
        int scans = 0;
        int[] starts = new int[16];
        boolean framed = false;
        boolean progressive = false;
        int components = 0;
        int[] icc = NONE;
        int iccCount = 0;
        int pos = 2;
        while (pos + 1 < n) {
            if ((jpeg[pos] & 0xFF) != 0xFF) {
                pos++; // a stray byte between segments: decoders skip it as well
                continue;
            }
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == EOI) {
                break;
            }
            if (!hasLength(marker)) {
                pos += 2; // RSTn, TEM, SOI, or no marker a decoder knows: the search goes on past it
                continue;
            }
            if (pos + 4 > n) {
                break; // cut off inside the marker
            }
            int segment = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            if (segment < 2) {
                if (scans == 0) {
                    throw new CorruptImageException();
                }
                // libjpeg takes such an APPn or COM for one without payload and reads on: so do
                // we, not to miss the scans behind it.
                pos += 4;
                continue;
            }
            if (marker == SOS) {
                if (scans < MAX_SCAN_STARTS) {
                    if (scans == starts.length) {
                        starts = Arrays.copyOf(starts, Math.min(MAX_SCAN_STARTS, 2 * starts.length));
                    }
                    starts[scans] = pos;
                }
                scans++;
                if (segment > n - pos - 2) {
                    break; // cut off inside the scan header
                }
                pos = nextMarker(jpeg, pos + 2 + segment);
                continue;
            }
            if (segment > n - pos - 2) {
                break; // cut off inside the segment
            }
            if (scans == 0) {
                if (!framed && isFrame(marker) && segment >= 8) {
                    framed = true;
                    progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
                    components = jpeg[pos + 9] & 0xFF;
                } else if (marker == APP2 && isIcc(jpeg, pos + 4, segment - 2)) {
                    if (2 * iccCount + 2 > icc.length) {
                        icc = Arrays.copyOf(icc, Math.max(8, 2 * icc.length));
                    }
                    icc[2 * iccCount] = pos;
                    icc[2 * iccCount + 1] = 2 + segment;
                    iccCount++;
                }
            }
            pos += 2 + segment;
        }
        return new JpegStructure(jpeg, scans, Arrays.copyOf(starts, Math.min(scans, MAX_SCAN_STARTS)), progressive,
                components, icc, iccCount);
    }

    /**
     * Where the first scans start (their SOS markers), ascending: at most
     * {@value #MAX_SCAN_STARTS}, more than any scan limit lets through to a decoder.
     */
    int[] scanStarts() {
        return scanStarts.clone();
    }

    /** The number of SOS markers up to EOI or the end of the data. */
    int scans() {
        return scans;
    }

    /** True when the (first) frame header is one of progressive DCT (SOF2, SOF6, SOF10, SOF14). */
    boolean progressive() {
        return progressive;
    }

    /**
     * True when the header has ICC_PROFILE chunks that do not make a profile for this image:
     * a chunk without data, chunks missing, repeated or numbered inconsistently, a profile that
     * Java's colour management cannot read or convert from, or one for a different number of
     * components than the frame has. Checked on first asking, and only when there are chunks.
     */
    boolean hasUnusableIccProfile() {
        if (iccCount == 0) {
            return false;
        }
        if (iccState == UNKNOWN) {
            iccState = usable(assembleProfile()) ? USABLE : UNUSABLE;
        }
        return iccState == UNUSABLE;
    }

    /**
     * @param jpeg the bytes this structure was read from
     * @return a copy of them without the header's ICC_PROFILE APP2 segments, the rest byte for byte
     */
    byte[] withoutIccProfile(byte[] jpeg) {
        if (jpeg.length != length) {
            throw new IllegalArgumentException("not the bytes this structure was read from");
        }
        int removed = 0;
        for (int i = 0; i < iccCount; i++) {
            removed += iccSegments[2 * i + 1];
        }
        byte[] copy = new byte[jpeg.length - removed];
        int from = 0;
        int to = 0;
        for (int i = 0; i < iccCount; i++) {
            int start = iccSegments[2 * i];
            System.arraycopy(jpeg, from, copy, to, start - from);
            to += start - from;
            from = start + iccSegments[2 * i + 1];
        }
        System.arraycopy(jpeg, from, copy, to, jpeg.length - from);
        return copy;
    }

    /**
     * @return the position of the marker that ends the entropy-coded data starting at {@code pos},
     *         or the length of the data when it ends first
     */
    private static int nextMarker(byte[] jpeg, int pos) {
        int last = jpeg.length - 1;
        while (true) {
            // The tight loop on its own, which the JIT unrolls: some four times faster than with
            // the marker tests inside it (a 5 MB photo has an 0xFF every few hundred bytes).
            while (pos < last && jpeg[pos] != (byte) 0xFF) {
                pos++;
            }
            if (pos >= last) {
                return jpeg.length;
            }
            int next = jpeg[pos + 1] & 0xFF;
            if (next == 0xFF) {
                pos++; // fill byte before a marker
            } else if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                pos += 2; // a stuffed 0xFF data byte, or a restart marker inside the scan
            } else {
                return pos;
            }
        }
    }

    /**
     * True for the markers that decoders read a length after: SOFn, DHT, DAC, SOS, DQT, DNL, DRI,
     * DHP, EXP, APPn, JPEG-LS's SOF55 and LSE, and COM. The others have none (RSTn, TEM, SOI),
     * make libjpeg give up, or are no markers at all (0xFF00, reserved codes): before the first
     * scan TwelveMonkeys' reader searches on past them byte by byte for the next known marker, and
     * so does this walk, not to skip a scan the decoder would find.
     */
    private static boolean hasLength(int marker) {
        if (marker < 0xC0 || marker == 0xC8 || marker == 0xFF || (marker >= 0xD0 && marker <= 0xD9)) {
            return false;
        }
        return marker < 0xF0 || marker == 0xF7 || marker == 0xF8 || marker == 0xFE;
    }

    /** SOF0 to SOF15, which are C0 to CF but for DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean isIcc(byte[] jpeg, int payload, int payloadLength) {
        if (payloadLength < ICC_ID.length) {
            return false;
        }
        for (int i = 0; i < ICC_ID.length; i++) {
            if (jpeg[payload + i] != ICC_ID[i]) {
                return false;
            }
        }
        return true;
    }

    /** The chunks' data in sequence order, or null when the chunks do not make one whole profile. */
    private byte[] assembleProfile() {
        int count = -1;
        int total = 0;
        int[] chunkOfSequence = new int[256]; // index + 1 of the chunk with each sequence number
        for (int i = 0; i < iccCount; i++) {
            int payload = iccSegments[2 * i] + 4;
            int dataLength = iccSegments[2 * i + 1] - 4 - ICC_CHUNK_HEADER;
            if (dataLength < 1) {
                return null; // without sequence number, chunk count or data
            }
            int sequence = jpeg[payload + ICC_ID.length] & 0xFF;
            int chunks = jpeg[payload + ICC_ID.length + 1] & 0xFF;
            if (chunks == 0 || sequence == 0 || sequence > chunks || (count != -1 && chunks != count)
                    || chunkOfSequence[sequence] != 0) {
                return null;
            }
            count = chunks;
            chunkOfSequence[sequence] = i + 1;
            total += dataLength;
        }
        if (iccCount != count) {
            return null; // chunks missing (none is repeated, and none is numbered past the count)
        }
        byte[] profile = new byte[total];
        int at = 0;
        for (int sequence = 1; sequence <= count; sequence++) {
            int i = chunkOfSequence[sequence] - 1;
            int dataLength = iccSegments[2 * i + 1] - 4 - ICC_CHUNK_HEADER;
            System.arraycopy(jpeg, iccSegments[2 * i] + 4 + ICC_CHUNK_HEADER, profile, at, dataLength);
            at += dataLength;
        }
        return profile;
    }

    /** True when the profile is one Java's colour management can use, for this many components. */
    private boolean usable(byte[] data) {
        if (data == null) {
            return false;
        }
        ByteBuffer key = ByteBuffer.wrap(sha256(data));
        Integer known;
        synchronized (VERDICTS) {
            known = VERDICTS.get(key);
        }
        int profileComponents;
        if (known != null) {
            profileComponents = known;
        } else {
            profileComponents = check(data);
            synchronized (VERDICTS) {
                VERDICTS.put(key, profileComponents);
            }
        }
        return profileComponents > 0 && (components == 0 || profileComponents == components);
    }

    /**
     * @return the profile's number of colour components when Java's colour management reads it
     *         and converts a pixel with it, or 0
     */
    private static int check(byte[] data) {
        try {
            ICC_Profile profile = ICC_Profile.getInstance(data);
            ICC_ColorSpace space = new ICC_ColorSpace(profile);
            space.toRGB(new float[space.getNumComponents()]);
            return profile.getNumComponents();
        } catch (RuntimeException e) {
            // IllegalArgumentException (not a profile, or not of a colour space), ProfileDataException,
            // CMMException (the native CMM cannot make a transform of it)
            return 0;
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
