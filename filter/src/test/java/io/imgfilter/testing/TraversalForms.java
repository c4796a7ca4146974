package io.imgfilter.testing;

import java.util.List;

/**
 * Raw source paths that try to leave the originals directory (where {@code secret.jpg} sits one
 * level up) or to reach something that is not a plain original. Every one must be refused.
 */
public final class TraversalForms {

    private TraversalForms() {
    }

    public static List<String> all() {
        return List.of(
                "../secret.jpg",
                "2024/../../secret.jpg",
                "..%2fsecret.jpg",
                "%2e%2e/secret.jpg",
                "%2E%2E/secret.jpg",
                "%2e%2e%2fsecret.jpg",
                ".%2e/secret.jpg",
                "%2e./secret.jpg",
                "2024/%2e%2e/%2e%2e/secret.jpg",
                "%252e%252e/secret.jpg",
                "%252e%252e%252fsecret.jpg",
                "..%255csecret.jpg",
                "..%5csecret.jpg",
                "..\\secret.jpg",
                "%c0%ae%c0%ae/secret.jpg",
                "..%c0%afsecret.jpg",
                "%e0%80%ae%e0%80%ae/secret.jpg",
                "%ef%bc%8e%ef%bc%8e/secret.jpg",
                "..%e2%88%95secret.jpg",
                "..;/secret.jpg",
                "photo.jpg;jsessionid=abc",
                "..%00/secret.jpg",
                "photo.jpg%00.png",
                "/etc/passwd",
                "%2fetc%2fpasswd",
                "C:%5cWindows%5cwin.ini",
                "2024//cat.jpg",
                "....//secret.jpg",
                ".hidden.jpg",
                "%2e/photo.jpg",
                "%u002e%u002e/secret.jpg",
                "%",
                "%zz.jpg",
                "photo.jpg%0d%0aSet-Cookie:x=1");
    }
}
