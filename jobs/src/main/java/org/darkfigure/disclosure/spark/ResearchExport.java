package org.darkfigure.disclosure.spark;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.darkfigure.disclosure.Hierarchy;
import org.darkfigure.disclosure.FrequencyTable;
import org.darkfigure.disclosure.KAnonymity;
import org.darkfigure.disclosure.MicrodataForm;
import org.darkfigure.harmonise.spark.HarmoniseStage;
import org.darkfigure.link.spark.LinkStage;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.spark.Storage;
import org.darkfigure.standard.RecordType;

/**
 * Writes a release's researcher downloads into {@code research/}: the linked persons (the table the
 * estimates' capture patterns are counted from) and each record type's harmonised records, as one CSV
 * and one Parquet file each, after disclosure control ({@link MicrodataForm}, {@link KAnonymity}); and
 * {@code datasets.json}, which says what each holds and what was coarsened or withheld.
 *
 * <p>Persons get release-scoped ids (P0000001...) numbered in the order of their internal ids, which
 * are hashes: a source that knows its own record ids cannot find its records among them.
 */
public final class ResearchExport {

    public static final String FOLDER = StorageLayout.RESEARCH;
    /** Records that may be withheld instead of coarsening further, as a share of a dataset. */
    public static final double WITHHELD_SHARE = 0.01;

    private static final String BEFORE = "_persons_before";

    private final Storage storage;
    private final String releaseFolder;
    private final String folder;
    private final int k;
    private final List<Map<String, Object>> index = new ArrayList<>();
    /** Persons of the strata before each (population, country, year) in the release's numbering. */
    private Dataset<Row> personsBefore;

    public ResearchExport(Storage storage, String releaseFolder, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
        this.storage = storage;
        this.releaseFolder = releaseFolder;
        this.folder = releaseFolder + "/" + FOLDER;
        this.k = k;
    }

    /**
     * Releases the linked persons of each population (rows of {@link LinkStage#PERSONS}); strata with
     * fewer than k persons are withheld. Must come before {@link #records}, which refers to these ids.
     */
    public Released persons(Map<String, Dataset<Row>> personsByPopulation) throws IOException {
        Dataset<Row> all = null;
        for (Map.Entry<String, Dataset<Row>> e : personsByPopulation.entrySet()) {
            Dataset<Row> p = e.getValue().select(lit(e.getKey()).as("population"), col("reporting_country").as("country"),
                    col(org.darkfigure.spark.Columns.YEAR).as("year"), col(LinkStage.RANK),
                    array_join(col(LinkStage.SOURCES), ";").as("sources"), size(col(LinkStage.SOURCES)).as("n_sources"));
            all = all == null ? p : all.unionByName(p);
        }
        if (all == null) {
            return null;
        }
        // numbered in the order of (population, country, year, internal id): a person's number is the persons of the
        // strata before its own plus its rank in its stratum (which the link stage wrote), so no step moves every
        // person into one partition and records need one join, not two (at 4M, reading the persons for release fell
        // from 11.3 to 4.4 s without the window over all of them, the records from 26.2 to 16.4 s). Seven digits or
        // more.
        String[] stratum = {"population", "country", "year"};
        List<Row> sizes = all.groupBy(stratum[0], stratum[1], stratum[2]).count()
                .orderBy(stratum[0], stratum[1], stratum[2]).collectAsList();
        List<Row> offsets = new ArrayList<>(sizes.size());
        long before = 0;
        for (Row r : sizes) {
            offsets.add(RowFactory.create(r.get(0), r.get(1), r.get(2), before));
            before += r.getLong(3);
        }
        personsBefore = all.sparkSession().createDataFrame(offsets, new StructType()
                .add("population", DataTypes.StringType).add("country", DataTypes.StringType)
                .add("year", DataTypes.IntegerType).add(BEFORE, DataTypes.LongType));
        all = all.join(broadcast(personsBefore),
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of(stratum)).toSeq(), "inner")
                .withColumn(LinkStage.PERSON_ID, releaseId(col(BEFORE), col(LinkStage.RANK)))
                .drop(BEFORE, LinkStage.RANK).cache();
        List<Hierarchy> columns = List.of(new Hierarchy.Kept(LinkStage.PERSON_ID), new Hierarchy.Kept("population"),
                new Hierarchy.Kept("country"), new Hierarchy.Kept("year"), new Hierarchy.Kept("sources"),
                new Hierarchy.Kept("n_sources"));
        List<Hierarchy> qis = List.of(columns.get(1), columns.get(2), columns.get(3));
        return release("persons", all, columns, qis, Map.of());
    }

    /**
     * Releases one record type's harmonised records; when the type was linked, {@code memberships}
     * (rows of {@link LinkStage#MEMBERSHIPS}) give each record its person.
     */
    public Released records(RecordType type, MicrodataForm form, Dataset<Row> harmonised, String recordId,
                            String population, Dataset<Row> memberships) throws IOException {
        List<Column> base = new ArrayList<>();
        List<Hierarchy> columns = new ArrayList<>();
        if (memberships != null && personsBefore != null) {
            Dataset<Row> before = personsBefore.filter(col("population").equalTo(population)).select(
                    col("country").as("_country"), col("year").as("_year"), col(BEFORE));
            harmonised = harmonised.withColumn(LinkStage.RECORD_KEY, LinkStage.recordKey(harmonised, recordId))
                    .join(memberships.select(LinkStage.RECORD_KEY, LinkStage.RANK), LinkStage.RECORD_KEY, "left")
                    .join(broadcast(before), col("reporting_country").equalTo(col("_country"))
                            .and(col(org.darkfigure.spark.Columns.YEAR).equalTo(col("_year"))), "left")
                    .withColumn(LinkStage.PERSON_ID, releaseId(col(BEFORE), col(LinkStage.RANK)));
            base.add(col(LinkStage.PERSON_ID));
            columns.add(new Hierarchy.Kept(LinkStage.PERSON_ID));
        }
        for (Hierarchy h : form.columns()) {
            if (h instanceof Hierarchy.Period) {
                base.add(date_format(col(h.column()), "yyyy-MM-dd").as(h.column()));
            } else if (h.column().equals(MicrodataForm.AGE_BAND) && form.birthYear().isPresent()
                    && form.referenceDate().isPresent()) {
                Hierarchy.AgeBand bands = (Hierarchy.AgeBand) h;
                Column age = year(col(form.referenceDate().get())).minus(col(form.birthYear().get()));
                Column fromBirthYear = udf((UDF1<Integer, String>) a -> a == null ? null : bands.bandOf(a),
                        DataTypes.StringType).apply(age);
                base.add(type.field(MicrodataForm.AGE_BAND).isPresent()
                        ? coalesce(fromBirthYear, col(MicrodataForm.AGE_BAND)).as(h.column()) : fromBirthYear.as(h.column()));
            } else {
                base.add(col(h.column()));
            }
            columns.add(h);
        }
        if (List.of(harmonised.columns()).contains(org.darkfigure.spark.Columns.YEAR)) {
            base.add(col(org.darkfigure.spark.Columns.YEAR));
            columns.add(new Hierarchy.Kept(org.darkfigure.spark.Columns.YEAR));
        }
        Dataset<Row> rows = harmonised.select(base.toArray(Column[]::new)).cache();
        return release(type.name(), rows, columns, form.quasiIdentifiers(), form.dropped());
    }

    /** P0000001...: a person's number in the release, from the persons before its stratum and its rank there. */
    private static Column releaseId(Column before, Column rank) {
        return when(before.isNotNull().and(rank.isNotNull()), format_string("P%07d", before.plus(rank)));
    }

    /** Writes {@code datasets.json}, the description of every dataset released. */
    public void writeIndex(String releaseId) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("releaseId", releaseId);
        doc.put("k", k);
        doc.put("withheldShareLimit", WITHHELD_SHARE);
        doc.put("rule", "quasi-identifiers coarsened (Datafly: the one with most distinct values first) until at most "
                + "the withheld share of records sit in classes of fewer than k records; those records are withheld");
        doc.put("datasets", index);
        try (OutputStream out = storage.create(releaseFolder + "/" + StorageLayout.RESEARCH_INDEX)) {
            out.write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(doc));
        }
    }

    /** What one dataset holds after disclosure control. */
    public record Released(String name, long rows, long withheld, int[] levels) {
    }

    private Released release(String name, Dataset<Row> rows, List<Hierarchy> columns, List<Hierarchy> qis,
                             Map<String, String> dropped) throws IOException {
        long t0 = System.nanoTime();
        long n = rows.count();
        long t1 = System.nanoTime();
        FrequencyTable classes = qis.isEmpty() ? null : levelZeroClasses(rows, qis);
        KAnonymity.Plan plan = qis.isEmpty() ? new KAnonymity.Plan(new int[0], 0)
                : KAnonymity.plan(qis, classes, k, (long) Math.floor(WITHHELD_SHARE * n));
        long t2 = System.nanoTime();
        Map<String, Integer> levelOf = new LinkedHashMap<>();
        for (int i = 0; i < qis.size(); i++) {
            levelOf.put(qis.get(i).column(), plan.levels()[i]);
        }
        List<Column> out = new ArrayList<>();
        Map<String, String> forms = new LinkedHashMap<>();
        for (Hierarchy h : columns) {
            int level = levelOf.getOrDefault(h.column(), 0);
            out.add(generalised(h, level).as(h.column()));
            forms.put(h.column(), h.describe(level) + (levelOf.containsKey(h.column()) ? " (quasi-identifier)" : ""));
        }
        Dataset<Row> released = rows.select(out.toArray(Column[]::new));
        List<List<String>> small = qis.isEmpty() ? List.of() : classes.classesSmallerThan(k, plan.levels());
        if (!small.isEmpty()) {
            // withhold the records of the few classes still smaller than k (null-safe: unknown is a value too)
            StructType schema = new StructType();
            for (int i = 0; i < qis.size(); i++) {
                schema = schema.add("_w" + i, DataTypes.StringType, true);
            }
            Dataset<Row> withheld = rows.sparkSession().createDataFrame(
                    small.stream().map(c -> RowFactory.create(c.toArray())).toList(), schema);
            Column match = null;
            for (int i = 0; i < qis.size(); i++) {
                Column same = released.col(qis.get(i).column()).cast("string").eqNullSafe(withheld.col("_w" + i));
                match = match == null ? same : match.and(same);
            }
            released = released.join(broadcast(withheld), match, "left_anti");
        }
        released = released.cache();
        long kept = released.count();
        // issue 18, item 8: a column empty in every row was collected by no source in this release; it is not
        // withheld (withheld columns are the "dropped" ones, never in the file)
        Map<String, Double> filled = new LinkedHashMap<>();
        if (kept > 0) {
            Row nonNull = released.agg(count(lit(1)), columns.stream().map(h -> count(col(h.column())))
                    .toArray(Column[]::new)).first();
            for (int i = 0; i < columns.size(); i++) {
                filled.put(columns.get(i).column(), Math.round(10_000.0 * nonNull.getLong(i + 1) / kept) / 10_000.0);
            }
        }
        List<String> notCollected = filled.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        writeBoth(released, folder + "/" + name);
        System.err.printf(java.util.Locale.ROOT, "disclose %s: %d records read in %.1f s, levels chosen in %.1f s, "
                + "written in %.1f s%n", name, n, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
        released.unpersist();
        rows.unpersist();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("rows", kept);
        entry.put("withheld", n - kept);
        entry.put("columns", columns.stream().map(Hierarchy::column).toList());
        entry.put("forms", forms);
        entry.put("dropped", dropped);
        entry.put("notCollected", notCollected);
        entry.put("filled", filled);
        entry.put("files", List.of(name + ".csv", name + ".parquet"));
        index.add(entry);
        return new Released(name, kept, n - kept, plan.levels());
    }

    /**
     * The CSV is opened in spreadsheets: every text value that a spreadsheet would run as a formula is
     * neutralised as the platform's CSV writer does it ({@link org.darkfigure.csv.CsvWriter#neutralise}); the
     * Parquet file keeps the values as recorded.
     */
    private static Dataset<Row> forSpreadsheets(Dataset<Row> rows) {
        var neutralise = udf((org.apache.spark.sql.api.java.UDF1<String, String>) org.darkfigure.csv.CsvWriter::neutralise,
                DataTypes.StringType);
        Dataset<Row> out = rows;
        for (org.apache.spark.sql.types.StructField f : rows.schema().fields()) {
            if (f.dataType().equals(DataTypes.StringType)) {
                out = out.withColumn(f.name(), neutralise.apply(col(f.name())));
            }
        }
        return out;
    }

    /**
     * The Parquet and the CSV file of a dataset, written at once: each is written by one task (one file), so one after
     * the other they leave a core idle.
     */
    private void writeBoth(Dataset<Row> released, String path) throws IOException {
        java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Void>> written = both.invokeAll(List.of(
                    () -> writeSingleFile(released, "parquet", path + ".parquet"),
                    () -> writeSingleFile(forSpreadsheets(released), "csv", path + ".csv")));
            for (java.util.concurrent.Future<Void> f : written) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + path, e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("could not write " + path, e.getCause());
        } finally {
            both.shutdownNow();
        }
    }

    /** One file (not a folder of parts), so that it can be downloaded as it is. */
    private Void writeSingleFile(Dataset<Row> rows, String format, String target) throws IOException {
        String parts = target + ".parts";
        var writer = rows.coalesce(1).write().format(format);
        if (format.equals("csv")) {
            writer = writer.option("header", "true").option("escape", "\"").option("compression", "none");
        }
        writer.save(Storage.qualify(parts));
        FileSystem fs = storage.fileSystem(parts);
        Optional<Path> part = java.util.Arrays.stream(fs.listStatus(new Path(Storage.qualify(parts))))
                .map(FileStatus::getPath).filter(p -> p.getName().startsWith("part-")).findFirst();
        if (part.isEmpty() || !fs.rename(part.get(), new Path(Storage.qualify(target)))) {
            throw new IOException("could not move the " + format + " file of " + target + " into place");
        }
        fs.delete(new Path(Storage.qualify(parts)), true);
        return null;
    }

    /**
     * The records' combinations of quasi-identifiers at level 0, counted by Spark in one pass; every coarser
     * level is a function of level 0, so the levels are then chosen in memory (one pass instead of two per step).
     */
    private static FrequencyTable levelZeroClasses(Dataset<Row> rows, List<Hierarchy> qis) {
        Column[] key = new Column[qis.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = generalised(qis.get(i), 0).cast("string").as("q" + i);
        }
        Map<List<String>, Long> counts = new java.util.HashMap<>();
        for (Row r : rows.select(key).groupBy(java.util.stream.IntStream.range(0, key.length).mapToObj(i -> col("q" + i))
                .toArray(Column[]::new)).count().collectAsList()) {
            String[] combination = new String[key.length];
            for (int i = 0; i < key.length; i++) {
                combination[i] = r.isNullAt(i) ? null : r.getString(i);
            }
            counts.put(java.util.Arrays.asList(combination), r.getLong(key.length));
        }
        return new FrequencyTable(qis, counts);
    }

    /** A column generalised to a level of its hierarchy (the same Java code as the plan's, as a Spark function). */
    static Column generalised(Hierarchy h, int level) {
        if (h instanceof Hierarchy.Kept) {
            return col(h.column());
        }
        return udf((UDF2<String, Integer, String>) h::generalise, DataTypes.StringType)
                .apply(col(h.column()).cast("string"), lit(level));
    }
}
