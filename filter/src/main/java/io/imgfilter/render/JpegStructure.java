package io.imgfilter.render;

/** TEMPORARY stand-in until the marker walker lands. */
final class JpegStructure {
    private final int scans;

    private JpegStructure(int scans) {
        this.scans = scans;
    }

    static JpegStructure of(byte[] jpeg) throws CorruptImageException {
        int scans = 0;
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                scans++;
            }
        }
        return new JpegStructure(scans);
    }

    int scans() {
        return scans;
    }

    boolean hasUnusableIccProfile() {
        return false;
    }

    byte[] withoutIccProfile(byte[] jpeg) {
        return jpeg;
    }
}
