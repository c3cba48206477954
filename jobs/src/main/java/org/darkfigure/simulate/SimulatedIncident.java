package org.darkfigure.simulate;

import java.time.LocalDate;

/**
 * One synthetic incident record as a source would submit it (incident v1): a smuggling event in which the
 * source detected some migrants, with the dead and missing and the facilitators detected.
 * {@code personsInvolved} counts everyone: the migrants the source recorded, the dead and the missing.
 */
public record SimulatedIncident(String incidentId, String sourceId, String country, LocalDate date, String type,
                                String route, String transportMode, int personsInvolved, int dead, int missing,
                                int facilitatorsDetected) {

    /** The incident v1 columns the simulator fills, in the order of {@link #csvValues()}. */
    static final String[] COLUMNS = {"incident_id", "source_id", "reporting_country", "incident_date", "incident_type",
            "route", "transport_mode", "persons_involved", "dead", "missing", "facilitators_detected"};

    String[] csvValues() {
        return new String[] {incidentId, sourceId, country, date.toString(), type, route, transportMode,
                Integer.toString(personsInvolved), Integer.toString(dead), Integer.toString(missing),
                Integer.toString(facilitatorsDetected)};
    }
}
