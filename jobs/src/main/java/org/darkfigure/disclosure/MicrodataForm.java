package org.darkfigure.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.darkfigure.codes.CodeList;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.FieldType;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Role;

/**
 * How a record type is released to researchers, read from the roles the standard gives its fields
 * (STANDARDS.md section 8, rule 2): linkage fields and sensitive attributes are dropped, so are the
 * sources' own identifiers and free text (strings that are not stratification variables); dates are
 * never released to the day; the year of birth only as an age band; quasi-identifiers are coarsened
 * as far as k-anonymity needs.
 *
 * @param columns          the released columns in order, each with its hierarchy
 * @param quasiIdentifiers the columns k-anonymity is over
 * @param dropped          field -> why it is not released
 * @param birthYear        the year-of-birth field turned into {@link #AGE_BAND}, if any
 * @param referenceDate    the date the age is reckoned at (the record's main date)
 */
public record MicrodataForm(List<Hierarchy> columns, List<Hierarchy> quasiIdentifiers, Map<String, String> dropped,
                            Optional<String> birthYear, Optional<String> referenceDate) {

    public static final String AGE_BAND = "age_band";

    public MicrodataForm {
        columns = List.copyOf(columns);
        quasiIdentifiers = List.copyOf(quasiIdentifiers);
        dropped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    }

    public static MicrodataForm of(RecordType type, CodeList ageBands) {
        List<Hierarchy> columns = new ArrayList<>();
        List<Hierarchy> qis = new ArrayList<>();
        Map<String, String> dropped = new LinkedHashMap<>();
        Optional<String> birthYear = Optional.empty();
        Optional<String> referenceDate = type.fields().stream().filter(FieldSpec::withinPeriod).map(FieldSpec::name)
                .findFirst();
        boolean hasBand = type.field(AGE_BAND).isPresent();
        for (FieldSpec f : type.fields()) {
            boolean qi = f.hasRole(Role.QI);
            if (f.hasRole(Role.LK)) {
                dropped.put(f.name(), "linkage field");
            } else if (f.hasRole(Role.S)) {
                dropped.put(f.name(), "sensitive attribute");
            } else if (f.type() == FieldType.INTEGER && qi) {
                // The standard's only numeric quasi-identifier is the year of birth: released as an age band.
                birthYear = Optional.of(f.name());
                dropped.put(f.name(), "released as " + AGE_BAND);
                if (!hasBand) {
                    add(new Hierarchy.AgeBand(AGE_BAND, ageBands.ranges()), true, columns, qis);
                }
            } else if (f.type() == FieldType.STRING && !f.hasRole(Role.ST) && !qi) {
                dropped.put(f.name(), "identifier or free text");
            } else if (f.type() == FieldType.DATE) {
                add(new Hierarchy.Period(f.name()), qi, columns, qis);
            } else if (!qi || f.mustEqualManifest().isPresent()) {
                // not identifying, or the stratum itself (the member state): only whole records may be withheld
                add(new Hierarchy.Kept(f.name()), qi, columns, qis);
            } else if (f.name().equals(AGE_BAND)) {
                add(new Hierarchy.AgeBand(AGE_BAND, ageBands.ranges()), true, columns, qis);
            } else if (f.codeList().filter(l -> l.equals("iso3166_alpha3") || l.equals("citizenship")).isPresent()) {
                add(new Hierarchy.Country(f.name()), true, columns, qis);
            } else {
                add(new Hierarchy.Category(f.name()), true, columns, qis);
            }
        }
        return new MicrodataForm(columns, qis, dropped, birthYear, referenceDate);
    }

    private static void add(Hierarchy h, boolean qi, List<Hierarchy> columns, List<Hierarchy> qis) {
        columns.add(h);
        if (qi) {
            qis.add(h);
        }
    }
}
