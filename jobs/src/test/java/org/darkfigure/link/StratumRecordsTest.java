package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class StratumRecordsTest {

    private static StratumRecords roundTrip(StratumRecords records) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(records);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (StratumRecords) in.readObject();
        }
    }

    @Test
    void a_stratum_comes_back_field_for_field_with_its_missing_values_missing() throws Exception {
        LinkRecord full = new LinkRecord(7, "IDN|2024", "IDN-POLICE", "key", new long[] {1, -2, Long.MAX_VALUE}, "MHMT",
                "dob", new String[] {"a", null, "c", null}, "doc", new long[] {5}, 1980, "M", "SYR", 19_000, "inc-1",
                "sub-1:record-7");
        LinkRecord sparse = new LinkRecord(8, "IDN|2024", "IDN-NGO", null, null, null, null, null, null, null, -1, null,
                null, -1, null, null);
        LinkRecord[] back = roundTrip(new StratumRecords(new LinkRecord[] {full, sparse, full})).records();
        assertEquals(3, back.length);
        for (int i : new int[] {0, 2}) {
            assertEquals(full.id(), back[i].id());
            assertEquals(full.stratum(), back[i].stratum());
            assertEquals(full.source(), back[i].source());
            assertEquals(full.linkageKey(), back[i].linkageKey());
            assertArrayEquals(full.name(), back[i].name());
            assertEquals(full.namePhonetic(), back[i].namePhonetic());
            assertEquals(full.dobHash(), back[i].dobHash());
            assertArrayEquals(full.dobVariants(), back[i].dobVariants());
            assertEquals(full.docHash(), back[i].docHash());
            assertArrayEquals(full.doc(), back[i].doc());
            assertEquals(full.birthYear(), back[i].birthYear());
            assertEquals(full.sex(), back[i].sex());
            assertEquals(full.citizenship(), back[i].citizenship());
            assertEquals(full.detectionDay(), back[i].detectionDay());
            assertEquals(full.incident(), back[i].incident());
            assertEquals(full.recordKey(), back[i].recordKey());
        }
        assertEquals(sparse, new LinkRecord(back[1].id(), back[1].stratum(), back[1].source(), null, null, null, null, null,
                null, null, -1, null, null, -1, null, null), "every optional field still missing");
        assertEquals(-1, back[1].birthYear());
        assertSame(back[0].stratum(), back[1].stratum(), "values that repeat are read once and shared");
        assertSame(back[0].citizenship(), back[2].citizenship());
    }

    @Test
    void records_gathered_in_any_order_come_out_by_id_and_survive_a_spill_half_gathered() throws Exception {
        LinkRecord[] r = new LinkRecord[5];
        for (int i = 0; i < r.length; i++) {
            r[i] = new LinkRecord(10 - i, "IDN|2024", "S", null, null, null, null, null, null, null, -1, null, null, -1, null, null);
        }
        StratumRecords left = StratumRecords.of(r[0]).add(r[1]).add(r[2]);
        StratumRecords right = roundTrip(StratumRecords.of(r[3]).add(r[4])); // a combiner written while gathering
        LinkRecord[] all = roundTrip(left).addAll(right).sortedById().records();
        assertArrayEquals(new long[] {6, 7, 8, 9, 10}, java.util.Arrays.stream(all).mapToLong(LinkRecord::id).toArray());
    }
}
