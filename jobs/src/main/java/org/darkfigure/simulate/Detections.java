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
 * <p>Smugglers: each stratum has a closed population of facilitators (one per {@link #MIGRANTS_PER_FACILITATOR}
 * migrants), each with a catchability shared by every agency (logit-normal, the scenario's heterogeneity, as
 * the migrants'), detected independently by three agencies ({@link #DETECTORS}): the police's investigations, the
 * coast guard's interceptions (crews arrested at sea, tied to one of its incidents where it has any) and the
 * immigration service's interviews (facilitators named in migrants' testimonies). Each detection is a
 * {@code SUSPECTED} record: these are the capture lists of the smugglers' estimate. A facilitator detected by
 * anyone then passes through the justice chain with attrition: arrested by the police (80%) within two weeks of
 * the first detection, prosecuted (60% of those) one to six months later, convicted (70% of those) two to ten
 * months after that; the police record the arrest, the prosecution service the last two. The chain is a funnel
 * (its lists are drawn from the detections), not a capture list. Every record carries the same pseudonymised
 * identity ({@code offender_key}, {@code lk_name_bf}), sex, birth year and citizenship (a national of the
 * country). Later stages may fall in a later year (or beyond the simulated years: cases still open).
 *
 * @param incidentOfRecord each migrant record id -> its incident
 */
public record Detections(List<SimulatedIncident> incidents, Map<String, SimulatedIncident> incidentOfRecord,
                         List<SimulatedOffender> offenders, int trueFacilitators, int detectedFacilitators) {

    /** The sources of the offender records, per country: the police and the prosecution service. */
    public static final String POLICE = "POLICE";
    public static final String PROSECUTION = "PROSECUTION";

    /** One true facilitator per this many migrants of the stratum. */
    static final int MIGRANTS_PER_FACILITATOR = 12;

    /** An agency that detects facilitators: its source name, agency type and detection probability (logit scale base). */
    record Detector(String source, String agencyType, double probability) {
    }

    /** The three independent detection lists of smugglers. */
    static final List<Detector> DETECTORS = List.of(new Detector(POLICE, "POLICE", 0.20),
            new Detector("COASTGUARD", "COAST_GUARD_NAVY", 0.25), new Detector("IMMIGRATION", "IMMIGRATION", 0.18));

    private static final long SALT = 0x1C1DE47L;

    public Detections {
        incidents = List.copyOf(incidents);
        if (detectedFacilitators > trueFacilitators) {
            throw new IllegalArgumentException("more facilitators detected than there are");
        }
        incidentOfRecord = Map.copyOf(incidentOfRecord);
        offenders = List.copyOf(offenders);
    }

    public static Detections of(Scenario scenario, Stratum stratum) {
        List<SimulatedIncident> incidents = new ArrayList<>();
        Map<String, SimulatedIncident> ofRecord = new LinkedHashMap<>();
        List<SimulatedOffender> offenders = new ArrayList<>();
        String country = stratum.country();
        Pseudonymiser pseudonymiser = new Pseudonymiser(new Keyring(Simulator.secret(scenario.seed(), country)));
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
            }
        }
        int facilitators = Math.max(5, (int) Math.round((double) stratum.trueTotal() / MIGRANTS_PER_FACILITATOR));
        int detected = smugglers(scenario, stratum, facilitators, incidents, pseudonymiser, offenders);
        return new Detections(incidents, ofRecord, offenders, facilitators, detected);
    }

    /**
     * The stratum's facilitators, detected independently by {@link #DETECTORS}, the detected ones followed
     * through the justice chain; returns how many were detected by at least one agency.
     */
    private static int smugglers(Scenario scenario, Stratum stratum, int facilitators, List<SimulatedIncident> incidents,
                                 Pseudonymiser pseudonymiser, List<SimulatedOffender> out) {
        String country = stratum.country();
        int year = stratum.year();
        SplittableRandom random = new SplittableRandom(Simulator.mix(scenario.seed() ^ SALT ^ 0x5A5AL, country.hashCode(), year));
        List<SimulatedIncident> interceptions = incidents.stream()
                .filter(i -> i.sourceId().equals(country + "-COASTGUARD")).toList();
        LocalDate start = LocalDate.of(year, 1, 1);
        int days = start.lengthOfYear();
        int detected = 0;
        for (int f = 0; f < facilitators; f++) {
            double u = Simulator.gaussian(random) * scenario.heterogeneity();
            Identity who = Identity.draw(random, year);
            Map<String, String> lk = pseudonymiser.encode(who.given(), who.family(), who.birth().toString(), null, country);
            String sex = random.nextDouble() < 0.9 ? "M" : "F";
            Person p = new Person(country, lk.get("linkage_key"), lk.get("lk_name_bf"), sex, who.birth().getYear());
            String id = country + "-" + year + "-F" + (f + 1);
            LocalDate first = null;
            for (Detector d : DETECTORS) {
                double logit = Math.log(d.probability() / (1 - d.probability())) + u;
                if (random.nextDouble() >= 1 / (1 + Math.exp(-logit))) {
                    continue;
                }
                String incident = null;
                LocalDate date = start.plusDays(random.nextInt(days));
                if (d.agencyType().equals("COAST_GUARD_NAVY") && !interceptions.isEmpty()) {
                    SimulatedIncident i = interceptions.get(random.nextInt(interceptions.size()));
                    incident = i.incidentId();
                    date = i.date();
                }
                out.add(p.at(id + "-" + d.source(), country + "-" + d.source(), d.agencyType(), "SUSPECTED", date, incident,
                        null));
                first = first == null || date.isBefore(first) ? date : first;
            }
            if (first != null) {
                detected++;
                out.addAll(justiceChain(random, p, id, first));
            }
        }
        return detected;
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

    /** The justice chain of a detected facilitator, from the first detection's date: a funnel, not a capture list. */
    private static List<SimulatedOffender> justiceChain(SplittableRandom random, Person p, String id, LocalDate detected) {
        String police = p.country() + "-" + POLICE;
        String prosecution = p.country() + "-" + PROSECUTION;
        List<SimulatedOffender> out = new ArrayList<>();
        if (random.nextDouble() >= 0.8) {
            return out;
        }
        LocalDate date = detected.plusDays(random.nextInt(15));
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
