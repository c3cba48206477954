package org.darkfigure.link;

/** Blocking's block hash, for the tests of another package. */
public final class BlockingProbe {

    private BlockingProbe() {
    }

    public static long hash(long key) {
        return Blocking.block(4, (int) (key % 20), key / 20);
    }
}
