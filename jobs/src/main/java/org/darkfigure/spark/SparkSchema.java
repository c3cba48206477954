package org.darkfigure.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.ListColumns;
import org.darkfigure.standard.RecordType;

/** The Spark schema of staged rows, derived from the standard (never written by hand). */
public final class SparkSchema {

    /** System column the intake adds to every staged row: which submission it came from. */
    public static final String SUBMISSION_ID = org.darkfigure.manifest.StorageLayout.STAGED_SUBMISSION_ID;

    private SparkSchema() {
    }

    public static StructType of(RecordType type) {
        List<StructField> fields = new ArrayList<>();
        for (FieldSpec f : type.fields()) {
            fields.add(DataTypes.createStructField(f.name(), dataType(f), !f.required()));
        }
        return DataTypes.createStructType(fields);
    }

    /** The standard's fields plus the intake's system columns, as staged Parquet holds them. */
    public static StructType staged(RecordType type) {
        StructType schema = of(type);
        if (type.listColumns().isPresent()) {
            schema = schema.add(ListColumns.LISTS, DataTypes.createArrayType(DataTypes.StringType, false), false)
                    .add(ListColumns.PATTERN, DataTypes.StringType, false);
        }
        return schema.add(SUBMISSION_ID, DataTypes.StringType, false);
    }

    public static DataType dataType(FieldSpec f) {
        return switch (f.type()) {
            case STRING, CODE -> DataTypes.StringType;
            case INTEGER -> DataTypes.IntegerType;
            case DECIMAL -> DataTypes.DoubleType;
            case DATE -> DataTypes.DateType;
        };
    }
}
