package org.darkfigure.intake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/** The identity-first dictionary writes what parquet-mr's own binary dictionary writes, byte for byte. */
class StagingValuesWritersTest {

    private static final int MAX_DICTIONARY_BYTES = 1024 * 1024;

    @Test
    void repeatedInstancesEncodeAsParquetMrEncodesThem() throws IOException {
        // codes as the staging writer hands them on: one instance per code, plus now and then equal bytes in a new
        // instance (fewer than the table remembers)
        List<Binary> codes = new ArrayList<>();
        for (String c : List.of("AFG", "SYR", "IRQ", "M", "F", "X", "IDN-POLICE", "")) {
            codes.add(constant(c));
        }
        SplittableRandom random = new SplittableRandom(5);
        List<Binary> values = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            Binary c = codes.get(random.nextInt(codes.size()));
            values.add(random.nextInt(500) == 0 ? constant(c.toStringUsingUTF8()) : c);
        }
        assertSameEncoding(values);
    }

    @Test
    void manyDifferentInstancesGiveTheTableUpAndStillEncodeTheSame() throws IOException {
        // more instances than the table remembers: values that all differ, then repeats of the first ones
        List<Binary> values = new ArrayList<>();
        List<Binary> first = new ArrayList<>();
        for (int i = 0; i < 3 * StagingValuesWriters.IdentityFirstDictionary.REMEMBERED; i++) {
            Binary b = constant("v" + i % 1500);
            values.add(b);
            if (i < 100) {
                first.add(b);
            }
        }
        values.addAll(first);
        assertSameEncoding(values);
    }

    /**
     * Two pages and a cleared dictionary (a new row group, with the values in reverse order, so that their ids
     * change) on each writer, compared at every step.
     */
    private static void assertSameEncoding(List<Binary> inOrder) throws IOException {
        DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter ours = new StagingValuesWriters.IdentityFirstDictionary(MAX_DICTIONARY_BYTES,
                new HeapByteBufferAllocator());
        DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter parquetMr = new DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter(
                MAX_DICTIONARY_BYTES, Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, new HeapByteBufferAllocator());
        for (int rowGroup = 0; rowGroup < 2; rowGroup++) {
            List<Binary> values = new ArrayList<>(inOrder);
            if (rowGroup == 1) {
                java.util.Collections.reverse(values);
            }
            int half = values.size() / 2;
            for (int page = 0; page < 2; page++) {
                for (Binary v : values.subList(page * half, page == 0 ? half : values.size())) {
                    ours.writeBytes(v);
                    parquetMr.writeBytes(v);
                }
                assertEquals(parquetMr.getDictionarySize(), ours.getDictionarySize());
                assertArrayEquals(parquetMr.getBytes().toByteArray(), ours.getBytes().toByteArray(), "page " + page);
                ours.reset();
                parquetMr.reset();
            }
            DictionaryPage expected = parquetMr.toDictPageAndClose();
            DictionaryPage actual = ours.toDictPageAndClose();
            assertEquals(expected.getDictionarySize(), actual.getDictionarySize());
            assertArrayEquals(expected.getBytes().toByteArray(), actual.getBytes().toByteArray());
            ours.resetDictionary();
            parquetMr.resetDictionary();
        }
    }

    private static Binary constant(String s) {
        return Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
    }
}
