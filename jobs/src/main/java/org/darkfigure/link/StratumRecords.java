package org.darkfigure.link;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One stratum's records as Spark persists them, written field by field (issue 20). Java serialisation of a record
 * array tracks every object it writes (a record, its strings and arrays: a dozen objects each) in one identity table;
 * at 16 million records, where strata of 160,000 records spill to disk, that table was a quarter of the link stage's
 * stack samples. The values that repeat from record to record (stratum, source, sex, citizenship) are written once
 * per stratum and shared again when read. Records are shuffled to their stratum in these too, gathered where they
 * are read, so that the shuffle writes them the same way.
 */
public final class StratumRecords implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient LinkRecord[] records;
    /** Records held (the array may have room for more while a shuffle gathers them). */
    private transient int size;

    public StratumRecords(LinkRecord[] records) {
        this.records = records;
        size = records.length;
    }

    /** A stratum's first record, to gather the others into ({@link #add}, {@link #addAll}: Spark's combiners). */
    public static StratumRecords of(LinkRecord first) {
        return new StratumRecords(new LinkRecord[] {first});
    }

    public StratumRecords add(LinkRecord record) {
        room(1);
        records[size++] = record;
        return this;
    }

    public StratumRecords addAll(StratumRecords other) {
        room(other.size);
        System.arraycopy(other.records, 0, records, size, other.size);
        size += other.size;
        return this;
    }

    private void room(int more) {
        if (size + more > records.length) {
            records = java.util.Arrays.copyOf(records, Math.max(size + more, records.length * 2));
        }
    }

    /** The records, by id (the order every later step and every rerun relies on). */
    public StratumRecords sortedById() {
        LinkRecord[] sorted = java.util.Arrays.copyOf(records, size);
        java.util.Arrays.sort(sorted, java.util.Comparator.comparingLong(LinkRecord::id));
        return new StratumRecords(sorted);
    }

    public LinkRecord[] records() {
        if (size != records.length) {
            records = java.util.Arrays.copyOf(records, size);
        }
        return records;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.writeInt(size);
        Map<String, Integer> repeated = new HashMap<>();
        for (int k = 0; k < size; k++) {
            LinkRecord r = records[k];
            out.writeLong(r.id());
            shared(out, r.stratum(), repeated);
            shared(out, r.source(), repeated);
            string(out, r.linkageKey());
            longs(out, r.name());
            string(out, r.namePhonetic());
            string(out, r.dobHash());
            if (r.dobVariants() == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(r.dobVariants().length);
                for (String v : r.dobVariants()) {
                    string(out, v);
                }
            }
            string(out, r.docHash());
            longs(out, r.doc());
            out.writeInt(r.birthYear());
            shared(out, r.sex(), repeated);
            shared(out, r.citizenship(), repeated);
            out.writeInt(r.detectionDay());
            string(out, r.incident());
            string(out, r.recordKey());
        }
    }

    private void readObject(ObjectInputStream in) throws IOException {
        int n = in.readInt();
        records = new LinkRecord[n];
        size = n;
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = in.readLong();
            String stratum = shared(in, repeated);
            String source = shared(in, repeated);
            String linkageKey = string(in);
            long[] name = longs(in);
            String namePhonetic = string(in);
            String dobHash = string(in);
            int variants = in.readInt();
            String[] dobVariants = variants < 0 ? null : new String[variants];
            for (int v = 0; v < variants; v++) {
                dobVariants[v] = string(in);
            }
            String docHash = string(in);
            long[] doc = longs(in);
            int birthYear = in.readInt();
            String sex = shared(in, repeated);
            String citizenship = shared(in, repeated);
            int detectionDay = in.readInt();
            String incident = string(in);
            String recordKey = string(in);
            records[i] = new LinkRecord(id, stratum, source, linkageKey, name, namePhonetic, dobHash, dobVariants, docHash,
                    doc, birthYear, sex, citizenship, detectionDay, incident, recordKey);
        }
    }

    /** A value that repeats: its number if written before (>= 0), -1 for null, or -2 and the value. */
    private static void shared(ObjectOutputStream out, String value, Map<String, Integer> seen) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        Integer at = seen.get(value);
        if (at != null) {
            out.writeInt(at);
            return;
        }
        seen.put(value, seen.size());
        out.writeInt(-2);
        out.writeUTF(value);
    }

    private static String shared(ObjectInputStream in, List<String> seen) throws IOException {
        int at = in.readInt();
        if (at == -1) {
            return null;
        }
        if (at >= 0) {
            return seen.get(at);
        }
        String value = in.readUTF();
        seen.add(value);
        return value;
    }

    private static void string(ObjectOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String string(ObjectInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void longs(ObjectOutputStream out, long[] values) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (long v : values) {
                out.writeLong(v);
            }
        }
    }

    private static long[] longs(ObjectInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
