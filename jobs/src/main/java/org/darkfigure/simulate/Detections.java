package org.darkfigure.simulate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.darkfigure.pseudonymise.Keyring;
import org.darkfigure.pseudonymise.Pseudonymiser;

/**
 * What else one stratum's agencies recorded besides the migrants: the smuggling events (incidents) in which
 * each source detected its migrants, and the facilitators detected in them as they pass through the justice
 * chain. Drawn from random streams of their own, so a stratum's migrant records are the same whether or not
 * its detections are simulated (the estimation tests compare those with the truth).
 *
 * <p>Each source groups its own records, in date order, into events of a size typical of the route (boats
 * carry dozens); a person recorded twice by one source is never in one event twice (the linkage would then
 * refuse to link the two records, as two people of one event are not the same person). Sea and land events
 * sometimes have dead and missing; {@code persons_involved} counts them with the recorded migrants.
 * Every facilitator detected is suspected by the police on the event's date, and then with attrition:
 * arrested (80%) within two weeks, prosecuted (60% of those) one to six months later, convicted (70% of
 * those) two to ten months after that; the police record the first two stages, the prosecution service the
 * last two, both with the same pseudonymised identity ({@code offender_key}, {@code lk_name_bf}, as the
 * member state's pseudonymisation makes them) and sex, birth year and citizenship (a national of the
 * country). Later stages may fall in a later year (or beyond the simulated years: cases still open).
 *
 * @param incidentOfRecord each migrant record id -> its incident
 */
public record Detections(List<SimulatedIncident> incidents, Map<String, SimulatedIncident> incidentOfRecord,
                         List<SimulatedOffender> offenders) {

    /** The sources of the offender records, per country: the police and the prosecution service. */
    public static final String POLICE = "POLICE";
    public static final String PROSECUTION = "PROSECUTION";

    private static final long SALT = 0x1C1DE47L;

    public Detections {
        incidents = List.copyOf(incidents);
        incidentOfRecord = Map.copyOf(incidentOfRecord);
        offenders = List.copyOf(offenders);
    }

    public static Detections of(Scenario scenario, Stratum stratum) {
        List<SimulatedIncident> incidents = new ArrayList<>();
        Map<String, SimulatedIncident> ofRecord = new LinkedHashMap<>();
        List<SimulatedOffender> offenders = new ArrayList<>();
        String country = stratum.country();
        Pseudonymiser pseudonymiser = new Pseudonymiser(new Keyring(Simulator.secret(scenario.seed())));
        for (int j = 0; j < stratum.recordsBySource().size(); j++) {
            SplittableRandom random = new SplittableRandom(
                    Simulator.mix(scenario.seed() ^ SALT, country.hashCode(), stratum.year() * 64 + j));
            String sourceId = scenario.sourceId(country, j);
            List<SimulatedRecord> rows = new ArrayList<>(stratum.recordsBySource().get(j));
            rows.sort(Comparator.comparing(SimulatedRecord::detectionDate).thenComparing(SimulatedRecord::recordId));
            int next = 0;
            while (next < rows.size()) {
                SmugglingRoute route = SmugglingRoute.draw(country, random);
                int size = route.groupSize(random);
                List<SimulatedRecord> group = new ArrayList<>();
                Set<String> people = new HashSet<>();
                while (next < rows.size() && group.size() < size && people.add(rows.get(next).personId())) {
                    group.add(rows.get(next++));
                }
                SimulatedIncident incident = incident(random, sourceId + "-" + stratum.year() + "-I" + (incidents.size() + 1),
                        sourceId, country, group.get(0).detectionDate(), route, group.size());
                incidents.add(incident);
                group.forEach(r -> ofRecord.put(r.recordId(), incident));
                for (int f = 0; f < incident.facilitatorsDetected(); f++) {
                    offenders.addAll(justiceChain(random, pseudonymiser, incident, f));
                }
            }
        }
        return new Detections(incidents, ofRecord, offenders);
    }

    private static SimulatedIncident incident(SplittableRandom random, String id, String sourceId, String country,
                                              LocalDate date, SmugglingRoute route, int recorded) {
        int dead = 0;
        int missing = 0;
        String type;
        int facilitators;
        switch (route.mode) {
            case "SEA" -> {
                if (random.nextDouble() < 0.06) {
                    dead = random.nextInt(4);
                    missing = Math.max(dead == 0 ? 1 : 0, random.nextInt(6));
                }
                type = dead + missing > 0 ? "SEA_RESCUE" : random.nextDouble() < 0.7 ? "SEA_INTERCEPTION" : "DISEMBARKATION";
                facilitators = random.nextInt(3);
            }
            case "LAND" -> {
                if (random.nextDouble() < 0.02) {
                    dead = 1 + random.nextInt(2);
                }
                type = random.nextDouble() < 0.6 ? "LAND_INTERCEPTION" : "INLAND_DETECTION";
                facilitators = random.nextInt(3);
            }
            default -> {
                type = "BCP_DETECTION";
                facilitators = random.nextDouble() < 0.25 ? 1 : 0;
            }
        }
        return new SimulatedIncident(id, sourceId, country, date, type, route.name(), route.mode, recorded + dead + missing,
                dead, missing, facilitators);
    }

    /** The records of one facilitator, from suspicion to (perhaps) conviction. */
    private static List<SimulatedOffender> justiceChain(SplittableRandom random, Pseudonymiser pseudonymiser,
                                                        SimulatedIncident incident, int facilitator) {
        String id = incident.incidentId() + "-F" + (facilitator + 1);
        String country = incident.country();
        Identity who = Identity.draw(random, incident.date().getYear());
        Map<String, String> lk = pseudonymiser.encode(who.given(), who.family(), who.birth().toString(), null, country);
        String sex = random.nextDouble() < 0.9 ? "M" : "F";
        Person p = new Person(country, lk.get("linkage_key"), lk.get("lk_name_bf"), sex, who.birth().getYear());
        String police = country + "-" + POLICE;
        String prosecution = country + "-" + PROSECUTION;
        List<SimulatedOffender> out = new ArrayList<>();
        LocalDate date = incident.date();
        out.add(p.at(id + "-S", police, POLICE, "SUSPECTED", date, incident.incidentId(), null));
        if (random.nextDouble() >= 0.8) {
            return out;
        }
        date = date.plusDays(random.nextInt(15));
        out.add(p.at(id + "-A", police, POLICE, "ARRESTED", date, null, null));
        if (random.nextDouble() >= 0.6) {
            return out;
        }
        date = date.plusDays(30 + random.nextInt(151));
        out.add(p.at(id + "-P", prosecution, PROSECUTION, "PROSECUTED", date, null, null));
        if (random.nextDouble() >= 0.7) {
            return out;
        }
        date = date.plusDays(60 + random.nextInt(241));
        out.add(p.at(id + "-C", prosecution, PROSECUTION, "CONVICTED", date, null, 6 + random.nextInt(115)));
        return out;
    }

    /** A facilitator as every agency records it. */
    private record Person(String country, String key, String nameBloomFilter, String sex, int birthYear) {

        SimulatedOffender at(String recordId, String source, String agency, String stage, LocalDate date, String incident,
                             Integer sentence) {
            return new SimulatedOffender(recordId, source, country, agency, key, nameBloomFilter, sex, birthYear, country,
                    stage, date, incident, sentence);
        }
    }
}
