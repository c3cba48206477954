package org.darkfigure.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark row of a schema, filled by field name instead of by position (a 29-value positional
 * {@code RowFactory.create} is one swapped argument away from a wrong column). Building fails, naming the field,
 * when a field that may not be null was not set.
 */
public final class RowBuilder {

    private final StructType schema;
    private final Object[] values;
    private final boolean[] set;

    private RowBuilder(StructType schema) {
        this.schema = schema;
        this.values = new Object[schema.size()];
        this.set = new boolean[schema.size()];
    }

    public static RowBuilder of(StructType schema) {
        return new RowBuilder(schema);
    }

    /** A copy of a row that carries its schema (one Spark collected), to change some fields of by name. */
    public static RowBuilder from(Row row) {
        RowBuilder b = new RowBuilder(row.schema());
        for (int i = 0; i < b.values.length; i++) {
            b.values[i] = row.get(i);
            b.set[i] = true;
        }
        return b;
    }

    public RowBuilder set(String field, Object value) {
        int i = schema.fieldIndex(field); // IllegalArgumentException naming an unknown field
        values[i] = value;
        set[i] = true;
        return this;
    }

    public Row build() {
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            if (!fields[i].nullable() && (!set[i] || values[i] == null)) {
                throw new IllegalStateException("field " + fields[i].name() + " of the row is not set");
            }
        }
        // with its schema, so that a built row can be read by field name like one Spark collected
        return new GenericRowWithSchema(values, schema);
    }
}
