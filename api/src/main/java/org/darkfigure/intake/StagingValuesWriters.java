package org.darkfigure.intake;

import java.util.Arrays;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * parquet-mr's value writers for a staged file, except that a dictionary-encoded text column first looks its value
 * up by identity. {@link StagedParquetWriter} hands on one constant {@link Binary} per repeated code (the submission
 * id, the country, the source, a sex or citizenship code), and parquet-mr's dictionary hashes and compares its bytes
 * on every row: that was a seventh of an upload's CPU at 10M rows (stack samples of {@code bench/intake}, steady
 * state). The encoding written is parquet-mr's own (v1: PLAIN_DICTIONARY, falling back to PLAIN), byte for byte.
 */
final class StagingValuesWriters implements ValuesWriterFactory {

    private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();
    private ParquetProperties props;

    @Override
    public void initialize(ParquetProperties properties) {
        this.props = properties;
        defaults.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor column) {
        if (props.getWriterVersion() != ParquetProperties.WriterVersion.PARQUET_1_0
                || column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY
                || !props.isDictionaryEnabled(column)) {
            return defaults.newValuesWriter(column);
        }
        // as parquet-mr's DefaultV1ValuesWriterFactory builds it for a BINARY column
        return FallbackValuesWriter.of(
                new IdentityFirstDictionary(props.getDictionaryPageSizeThreshold(), props.getAllocator()),
                new PlainValuesWriter(props.getInitialSlabSize(), props.getPageSizeThreshold(), props.getAllocator()));
    }

    /**
     * A binary dictionary that remembers the ids of the instances it has seen (up to {@value #REMEMBERED}) in an
     * open-addressing identity table, and otherwise works as parquet-mr's. Only for writers that hand on constant
     * Binaries (a reused buffer would change under its identity). When more than {@value #REMEMBERED} instances come,
     * the values are not repeated instances and the table is given up until the dictionary is cleared.
     */
    static final class IdentityFirstDictionary extends DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter {

        /** As many as the staging writer keeps one instance for (beyond that its values come as new instances). */
        static final int REMEMBERED = StagedParquetWriter.REPEATED;
        private static final int SLOTS = 4 * REMEMBERED;

        private final Binary[] instances = new Binary[SLOTS];
        private final int[] ids = new int[SLOTS];
        private int remembered;
        private boolean givenUp;

        IdentityFirstDictionary(int maxDictionaryByteSize, ByteBufferAllocator allocator) {
            super(maxDictionaryByteSize, Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, allocator);
        }

        @Override
        public void writeBytes(Binary v) {
            if (givenUp) {
                super.writeBytes(v);
                return;
            }
            int slot = System.identityHashCode(v) & (SLOTS - 1);
            for (Binary at; (at = instances[slot]) != null; slot = (slot + 1) & (SLOTS - 1)) {
                if (at == v) {
                    encodedValues.add(ids[slot]);
                    return;
                }
            }
            int id = idOf(v);
            encodedValues.add(id);
            if (remembered == REMEMBERED) {
                givenUp = true;
                Arrays.fill(instances, null);
            } else {
                instances[slot] = v;
                ids[slot] = id;
                remembered++;
            }
        }

        /** parquet-mr's lookup: the value's id, added to the dictionary if new. */
        private int idOf(Binary v) {
            int id = binaryDictionaryContent.getInt(v);
            if (id == -1) {
                id = binaryDictionaryContent.size();
                binaryDictionaryContent.put(v.copy(), id);
                dictionaryByteSize += 4L + v.length();
            }
            return id;
        }

        @Override
        protected void clearDictionaryContent() {
            super.clearDictionaryContent();
            Arrays.fill(instances, null);
            remembered = 0;
            givenUp = false;
        }
    }
}
