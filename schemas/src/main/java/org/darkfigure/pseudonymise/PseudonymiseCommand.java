package org.darkfigure.pseudonymise;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;
import org.darkfigure.read.CsvRowReader;
import org.darkfigure.read.RawRecord;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * {@code ./darkfigure pseudonymise IN OUT --secret-file F}: runs at the member state, offline. Reads
 * a national CSV with clear names, date of birth and document numbers and writes the same records
 * with linkage fields instead; every clear identifier is dropped.
 */
public final class PseudonymiseCommand implements Command {

    @Override
    public String name() {
        return "pseudonymise";
    }

    @Override
    public String summary() {
        return "replace clear names, dates of birth and document numbers by keyed linkage fields (runs offline)";
    }

    @Override
    public String help() {
        return """
                usage: ./darkfigure pseudonymise IN.csv OUT.csv --secret-file F [--map standard_field=their_column,...]
                                                 [--keep col,...] [--record-type migrant] [--delimiter ,]

                Reads IN (CSV, UTF-8, header row) and writes OUT with, for each record:
                  linkage_key   HMAC-SHA256 of the normalised full name (word order and spacing ignored) and date of birth
                  lk_name_bf    keyed Bloom filter of the name bigrams behind a keyed diffusion layer (2,048 bits, base64,
                                version 2), for fuzzy matching
                  lk_name_ph    HMAC of the name's sound (Double Metaphone of each word, order-free), which spelling
                                variants of one name share (Mohammed Abdullah / Muhammad Abdallah)
                  lk_dob_hash   keyed hashes of the date of birth with each name word's first and last letters, "."-separated
                  lk_dob_var    keyed hashes of the date's variants that survive a clerk's error (day and month
                                swapped; the year wrong; the day wrong), "."-separated
                  lk_doc_hash   HMAC of the document number and issuing country
                  birth_year    from the date of birth (unless the file has its own birth_year)
                Clear inputs (dropped from OUT): given_name, family_name, date_of_birth (YYYY-MM-DD, YYYYMMDD, YYYY-MM
                or YYYY; 00 for an unknown day or month), document_number, document_country, place_of_birth.
                Placeholder dates are compared by what they can mean: 1 January by the year only, the 1st of
                another month by year and month (neither gets a date hash or a linkage key). Columns of the record type's standard are kept;
                other columns are dropped unless named in --keep. Names are normalised: case, diacritics and
                transliteration of special letters, punctuation, word order and spacing.

                  --secret-file F   your member state's secret (at least 16 bytes), shared by its agencies and by
                                    no one else (linkage never crosses a member state); never printed
                  --map LIST        rename your columns onto the inputs, e.g. family_name=surname,document_number=soc_sec_id
                  --keep LIST       carry these columns through as they are (e.g. a benchmark's truth id)
                  --record-type T   record type whose standard columns are kept (default migrant)
                  --delimiter C     input delimiter (default ,); OUT is always comma-separated
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("secret-file", "map", "keep", "record-type", "delimiter");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        if (args.positional().size() != 2) {
            throw new CommandLine.UsageException("give the input and output files: pseudonymise IN.csv OUT.csv --secret-file F");
        }
        Path in = Path.of(args.positional().get(0));
        Path out = Path.of(args.positional().get(1));
        Path secretFile = Path.of(args.option("secret-file")
                .orElseThrow(() -> new CommandLine.UsageException("--secret-file F is required")));
        for (Path p : List.of(in, secretFile)) { // one line that names the file, not "failed: secret"
            if (!Files.isRegularFile(p)) {
                throw new CommandLine.UsageException("no such file: " + p);
            }
        }
        byte[] secret = secret(Files.readAllBytes(secretFile));
        Map<String, String> mapping = pairs(args.option("map").orElse(""));
        Set<String> keep = new LinkedHashSet<>(list(args.option("keep").orElse("")));
        RecordType type = Standard.builtIn().require(args.option("record-type", "migrant"), 1);
        String delimiter = args.option("delimiter", ",");
        if (delimiter.equals("tab")) {
            delimiter = "\t";
        }
        long started = System.nanoTime();
        Summary s;
        try {
            s = run(in, out, new Pseudonymiser(new Keyring(secret)), mapping, keep, type, delimiter.charAt(0));
        } catch (NotUtf8Exception e) {
            Files.deleteIfExists(out); // nothing half-written is left to be uploaded by mistake
            throw new CommandLine.UsageException(e.getMessage());
        }
        s.warnings().forEach(w -> System.err.println("pseudonymise: warning: " + w));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("pseudonymised %d records in %.2f s (%.0f records/s): %d with a linkage key, %d without a "
                + "full date of birth (missing, not a date, or a placeholder known to the year or month only); dropped "
                + "columns: %s%n", s.records, seconds, s.records / seconds, s.withKey,
                s.withoutBirthDate, s.dropped.isEmpty() ? "none" : String.join(", ", s.dropped));
        return 0;
    }

    /** What a run did, for the user's check. */
    public record Summary(long records, long withKey, long withoutBirthDate, List<String> dropped, List<String> warnings) {
    }

    /** The input is not UTF-8: a name such as "Jürgen" in Latin-1 would silently lose its letters. */
    static final class NotUtf8Exception extends IOException {
        private static final long serialVersionUID = 1L;

        NotUtf8Exception(String message) {
            super(message);
        }
    }

    /**
     * The secret file's bytes: a text secret (UTF-8, surrounding whitespace and the final newline ignored) or a
     * binary one (e.g. 32 bytes from /dev/urandom), used as it is.
     */
    static byte[] secret(byte[] file) {
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            String text = utf8.decode(java.nio.ByteBuffer.wrap(file)).toString();
            if (text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                return text.strip().getBytes(StandardCharsets.UTF_8);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            // binary
        }
        return file;
    }

    /** A kept column whose name says it holds a clear identifier (it leaves the member state in clear). */
    private static final java.util.regex.Pattern IDENTIFYING = java.util.regex.Pattern.compile(
            "(?i).*(name|birth|dob|passport|document|phone|mobile|e-?mail|address|national_id|id_number).*");

    public static Summary run(Path in, Path out, Pseudonymiser pseudonymiser, Map<String, String> mapping,
                              Set<String> keep, RecordType type, char delimiter) throws IOException {
        for (String field : mapping.keySet()) {
            if (!Pseudonymiser.CLEAR_FIELDS.contains(field) && type.field(field).isEmpty()) {
                throw new CommandLine.UsageException("--map names '" + field + "', which is neither a clear input ("
                        + String.join(", ", Pseudonymiser.CLEAR_FIELDS) + ") nor a column of " + type.label());
            }
        }
        Map<String, String> theirToOurs = new HashMap<>();
        mapping.forEach((ours, theirs) -> theirToOurs.put(theirs, ours));
        try (CsvRowReader reader = new CsvRowReader(new BufferedInputStream(Files.newInputStream(in), 1 << 16), delimiter);
             BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            RawRecord header = reader.next();
            if (header == null) {
                throw new IOException(in + " is empty");
            }
            List<String> names = new ArrayList<>();
            for (String h : header.values()) {
                String name = h.trim();
                names.add(theirToOurs.getOrDefault(name, name));
            }
            List<String> originals = Arrays.stream(header.values()).map(String::trim).toList();
            List<String> warnings = new ArrayList<>();
            for (String k : keep) {
                if (!originals.contains(k) && !names.contains(k)) {
                    throw new CommandLine.UsageException("--keep names '" + k + "', which is not a column of " + in);
                }
                if (Pseudonymiser.CLEAR_FIELDS.contains(theirToOurs.getOrDefault(k, k))) {
                    warnings.add("--keep " + k + ": a clear identifier is never carried; it was dropped");
                } else if (IDENTIFYING.matcher(k).matches()) {
                    warnings.add("--keep " + k + ": the column is carried in clear, and its name says it may identify "
                            + "a person; check it must leave the member state");
                }
            }
            Map<String, Integer> at = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                at.putIfAbsent(names.get(i), i);
            }
            boolean ownBirthYear = at.containsKey("birth_year");
            List<Integer> carried = new ArrayList<>();
            List<String> carriedNames = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                boolean clear = Pseudonymiser.CLEAR_FIELDS.contains(n);
                boolean generated = Pseudonymiser.OUTPUT_FIELDS.contains(n) && !n.equals("birth_year");
                boolean wanted = type.field(n).isPresent() || keep.contains(originals.get(i)) || keep.contains(n);
                if (!clear && !generated && wanted) {
                    carried.add(i);
                    carriedNames.add(n);
                } else {
                    dropped.add(originals.get(i));
                }
            }
            List<String> outputs = new ArrayList<>(Pseudonymiser.OUTPUT_FIELDS);
            if (ownBirthYear) {
                outputs.remove("birth_year");
            }
            List<String> outHeader = new ArrayList<>(carriedNames);
            outHeader.addAll(outputs);
            write(writer, outHeader);
            long records = 0;
            long withKey = 0;
            long noBirth = 0;
            for (RawRecord r; (r = reader.next()) != null; ) {
                String[] v = r.values();
                if (!r.badEncoding().isEmpty()) {
                    int c = r.badEncoding().nextSetBit(0);
                    throw new NotUtf8Exception("row " + r.number() + ", column " + (c < originals.size() ? originals.get(c)
                            : c + 1) + " is not UTF-8 ('" + (c < v.length ? v[c] : "") + "'); save " + in + " as UTF-8 "
                            + "(in Excel: Save As > CSV UTF-8) and run again; nothing was written");
                }
                Map<String, String> encoded = pseudonymiser.encode(get(v, at, "given_name"), get(v, at, "family_name"),
                        get(v, at, "date_of_birth"), get(v, at, "document_number"), get(v, at, "document_country"));
                List<String> row = new ArrayList<>();
                for (int i : carried) {
                    row.add(i < v.length ? v[i].trim() : "");
                }
                for (String o : outputs) {
                    row.add(encoded.get(o));
                }
                write(writer, row);
                records++;
                if (!encoded.get("linkage_key").isEmpty()) {
                    withKey++;
                }
                if (encoded.get("lk_dob_hash").isEmpty()) {
                    noBirth++;
                }
            }
            return new Summary(records, withKey, noBirth, dropped, warnings);
        }
    }

    private static String get(String[] values, Map<String, Integer> at, String field) {
        Integer i = at.get(field);
        return i == null || i >= values.length ? null : values[i].trim();
    }

    private static void write(Writer out, List<String> values) throws IOException {
        org.darkfigure.csv.CsvWriter.writeDataRow(out, values);
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : list(text)) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new CommandLine.UsageException("--map expects standard_field=their_column pairs, got '" + pair + "'");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
